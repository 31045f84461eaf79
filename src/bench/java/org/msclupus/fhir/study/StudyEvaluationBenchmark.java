package org.msclupus.fhir.study;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.response.operation.EvaluateResponseBenchmark;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.SyntheticCohort;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Study-level evaluation at scale on the embedded H2: generates a lupus nephritis trial of N subjects
 * ({@code -Dbench.subjects}, default 200), ingests it one transaction per subject ({@code -Dbench.validate}, default
 * false, because validation on write is the slow part today: see the README), then prints the ingest rate, the
 * study-level evaluation time of each criteria set and of all four together, the subject-level latency, peak heap,
 * and the time to page the study's Observations out through the REST API with {@code _count=1000} for comparison.
 * {@code -Dbench.shape=dense} gives every subject 12 visits x 10 measures (120 Observations), the target
 * shape; {@code -Dbench.db=postgres} runs on an embedded PostgreSQL instead of H2.
 * Run it with
 * {@code ./mvnw -Pbench verify -Dit.test=StudyEvaluationBenchmark}.
 */
class StudyEvaluationBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void studyEvaluation(@TempDir Path dataDir) throws java.io.IOException {
		int subjects = Integer.getInteger("bench.subjects", 200);
		boolean validate = Boolean.parseBoolean(System.getProperty("bench.validate", "false"));
		// "dense": the target shape, 12 visits x 10 measures per subject (120 Observations)
		boolean dense = "dense".equals(System.getProperty("bench.shape", "ln"));
		boolean postgres = "postgres".equals(System.getProperty("bench.db", "h2"));
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--msc.storage.data-dir=" + dataDir,
				"--logging.level.root=WARN", "--msc.conformance.validate-on-write=" + validate));
		try (EmbeddedPostgres database = postgres ? EmbeddedPostgres.builder().start() : null) {
			if (database != null) {
				args.addAll(List.of("--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
			}
			run(args, subjects, validate, dense, postgres);
		}
	}

	private void run(List<String> args, int subjects, boolean validate, boolean dense, boolean postgres) {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class)
				.run(args.toArray(String[]::new))) {
			FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
			FHIR.getRestfulClientFactory().setSocketTimeout(1_800_000);
			int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
			IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");

			List<Bundle> bundles = dense ? denseStudy(subjects) : SyntheticCohort.lupusNephritisTrial("bench-ln", subjects, 11);
			long start = System.nanoTime();
			int resources = 0;
			for (Bundle bundle : bundles) {
				client.transaction().withBundle(bundle).execute();
				resources += bundle.getEntry().size();
			}
			double ingest = (System.nanoTime() - start) / 1e9;
			System.out.printf("%nBENCHMARK study evaluation on %s: %d subjects (%s), %d resources, validation on write %s%n",
					postgres ? "PostgreSQL" : "H2", subjects, dense ? "12 visits x 10 measures" : "lupus nephritis trial",
					resources, validate ? "on" : "off");
			System.out.printf("BENCHMARK   ingest: %.0f s, %.0f resources/s%n", ingest, resources / ingest);

			String study = dense ? "ResearchStudy/bench-study" : "ResearchStudy/bench-ln";
			evaluate(client, study, List.of("ln-renal-response")); // warm-up
			for (List<String> criteria : List.of(List.of("ln-renal-response"), List.of("sri-4"),
					List.of("bilag-mcr-pcr"), List.of("change-from-baseline"))) {
				long t = System.nanoTime();
				evaluate(client, study, criteria);
				System.out.printf("BENCHMARK   study $evaluate-response %s: %.2f s%n", String.join("+", criteria),
						(System.nanoTime() - t) / 1e9);
			}
			// All four together, repeated: the first run still has the JIT compiler at work on the rules.
			List<String> all = List.of("ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline");
			double[] seconds = new double[5];
			for (int run = 0; run < seconds.length; run++) {
				long t = System.nanoTime();
				evaluate(client, study, all);
				seconds[run] = (System.nanoTime() - t) / 1e9;
			}
			System.out.printf("BENCHMARK   study $evaluate-response, all four criteria sets, 5 runs: first %.2f s, "
					+ "then %.2f / %.2f / %.2f / %.2f s%n", seconds[0], seconds[1], seconds[2], seconds[3], seconds[4]);
			long[] nanos = new long[Math.min(subjects, 200)];
			for (int i = 0; i < nanos.length; i++) {
				Parameters in = new Parameters();
				in.addParameter("asOf", new DateType("2026-11-01"));
				long s = System.nanoTime();
				client.operation().onInstance(dense ? "ResearchSubject/bench-" + i + "-enrolment"
						: "ResearchSubject/bench-ln-s" + i + "-enrolment").named("$evaluate-response")
						.withParameters(in).execute();
				nanos[i] = System.nanoTime() - s;
			}
			java.util.Arrays.sort(nanos);
			System.out.printf("BENCHMARK   subject $evaluate-response (study criteria), %d subjects: median %.1f ms, p95 %.1f ms%n",
					nanos.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6);
			long t = System.nanoTime();
			int paged = 0;
			Bundle page = client.search().forResource(Observation.class).count(1000).returnBundle(Bundle.class).execute();
			while (true) {
				paged += page.getEntry().size();
				if (page.getLink(Bundle.LINK_NEXT) == null) {
					break;
				}
				page = client.loadPage().next(page).execute();
			}
			System.out.printf("BENCHMARK   paging %d Observations out with _count=1000: %.2f s%n", paged,
					(System.nanoTime() - t) / 1e9);
			long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
					.mapToLong(p -> p.getPeakUsage().getUsed()).sum();
			System.out.printf("BENCHMARK   peak heap (sum of pool peaks, server and client in one JVM): %d MB%n%n",
					peak / (1024 * 1024));
		}
	}

	private static void evaluate(IGenericClient client, String study, List<String> criteria) {
		Parameters in = new Parameters();
		criteria.forEach(c -> in.addParameter("criteria", new CodeType(c)));
		in.addParameter("asOf", new DateType("2026-11-01"));
		client.operation().onInstance(study).named("$evaluate-response").withParameters(in).execute();
	}

	/** The study of {@link EvaluateResponseBenchmark}: every subject with 12 visits x 10 measures. */
	private static List<Bundle> denseStudy(int subjects) {
		TrialRecords head = new TrialRecords();
		String study = head.study("bench-study", "NCT01741857", "months-12",
				List.of("ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline"));
		List<Bundle> bundles = new java.util.ArrayList<>(List.of(head.bundle()));
		for (int i = 0; i < subjects; i++) {
			TrialRecords one = new TrialRecords();
			EvaluateResponseBenchmark.twelveVisits(one, study, "bench-" + i);
			bundles.add(one.bundle());
		}
		return bundles;
	}
}
