package org.msclupus.fhir.verification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.response.operation.EvaluateResponseBenchmark;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 27's figures: {@code $verification-queue} of one site's subjects with every value unverified, the first time
 * and while their data do not change, and what {@code verifiedOnly} adds to a study evaluation. Two sites of
 * {@code bench.subjects} subjects each (100 by default), each subject the 124 records of
 * {@link EvaluateResponseBenchmark#twelveVisits}, ingested through the API without validation; the study needs its
 * endpoint values verified and evaluates all four criteria sets. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=VerificationQueueBenchmark}.
 */
class VerificationQueueBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final List<String> ALL = List.of("ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline");
	static final String AS_OF = "2026-11-01";

	@Test
	void queueAndVerifiedOnly(@TempDir Path dataDir) throws Exception {
		int perSite = Integer.getInteger("bench.subjects", 100);
		List<String> args = List.of("--server.port=0", "--msc.storage.data-dir=" + dataDir,
				"--logging.level.root=WARN", "--msc.conformance.validate-on-write=false");
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class)
				.run(args.toArray(String[]::new))) {
			FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
			FHIR.getRestfulClientFactory().setSocketTimeout(1_800_000);
			int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
			IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
			long start = System.nanoTime();
			load(client, perSite);
			System.out.printf("%nBENCHMARK verification queue: 2 sites x %d subjects x 124 records loaded in %.0f s%n",
					perSite, (System.nanoTime() - start) / 1e9);

			// over HTTP, as the dashboard asks: the server's time, not the client's parsing of the answer
			double first = seconds(port, "?site=Organization/site-a");
			double[] whole = {seconds(port, "?site=Organization/site-a&_count=100000"),
				seconds(port, "?site=Organization/site-a&_count=100000"),
				seconds(port, "?site=Organization/site-a&_count=100000")};
			double[] page = {seconds(port, "?site=Organization/site-a"), seconds(port, "?site=Organization/site-a"),
				seconds(port, "?site=Organization/site-a")};
			assertThat(queueItems(client)).isEqualTo(perSite * 124);
			System.out.printf("BENCHMARK   queue of site A (%d subjects, %,d values, all unverified), the default "
					+ "page of 500 items: first %.2f s, then %.2f / %.2f / %.2f s%n", perSite, perSite * 124, first,
					page[0], page[1], page[2]);
			System.out.printf("BENCHMARK   the same, every item (_count=100000, 6 MB): %.2f / %.2f / %.2f s%n",
					whole[0], whole[1], whole[2]);
			Observation changed = client.read().resource(Observation.class)
					.withId("sdv-a-0-urine-protein-creatinine-ratio-" + EvaluateResponseBenchmark.DAY0.plusDays(168))
					.execute();
			((Quantity) changed.getValue()).setValue(new BigDecimal("0.5"));
			client.update().resource(changed).execute();
			System.out.printf("BENCHMARK   after one subject's value changed: %.2f s (the default page)%n",
					seconds(port, "?site=Organization/site-a"));

			markVerified(server.getBean(DataSource.class));
			double[] plain = new double[5];
			double[] verified = new double[5];
			for (int run = 0; run < plain.length; run++) {
				plain[run] = evaluate(client, false);
				verified[run] = evaluate(client, true);
			}
			double medianPlain = median(plain);
			double medianVerified = median(verified);
			System.out.printf("BENCHMARK   study evaluation of %d subjects, four criteria sets, every record "
					+ "verified: verifiedOnly=false median %.2f s, verifiedOnly=true median %.2f s (%+.0f %%)%n%n",
					2 * perSite, medianPlain, medianVerified, 100 * (medianVerified / medianPlain - 1));
		}
	}

	private static void load(IGenericClient client, int perSite) {
		TrialRecords head = new TrialRecords();
		String study = head.study("sdv-bench", "NCT01741857", "months-12", ALL);
		((ResearchStudy) head.bundle().getEntryFirstRep().getResource())
				.addExtension(TrialCodes.SOURCE_VERIFICATION_EXTENSION, new CodeType("endpoint-values"));
		head.site("site-a", "Site A");
		head.site("site-b", "Site B");
		client.transaction().withBundle(head.bundle()).execute();
		for (String site : List.of("a", "b")) {
			for (int from = 0; from < perSite; from += 20) {
				TrialRecords records = new TrialRecords();
				for (int i = from; i < Math.min(perSite, from + 20); i++) {
					EvaluateResponseBenchmark.twelveVisits(records, study, "sdv-" + site + "-" + i);
				}
				for (Bundle.BundleEntryComponent entry : records.bundle().getEntry()) {
					if (entry.getResource() instanceof ResearchSubject subject) {
						subject.addExtension(TrialCodes.BASE + "/StructureDefinition/enrolling-site",
								new Reference("Organization/site-" + site));
					}
				}
				client.transaction().withBundle(records.bundle()).execute();
			}
		}
	}

	private static double seconds(int port, String query) throws Exception {
		long t = System.nanoTime();
		java.net.http.HttpResponse<byte[]> answer = java.net.http.HttpClient.newHttpClient().send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
						+ "/fhir/ResearchStudy/sdv-bench/$verification-queue" + query)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(answer.statusCode()).isEqualTo(200);
		return (System.nanoTime() - t) / 1e9;
	}

	private static int queueItems(IGenericClient client) {
		Parameters out = client.operation().onInstance("ResearchStudy/sdv-bench").named("$verification-queue")
				.withParameter(Parameters.class, "site", new StringType("Organization/site-a")).useHttpGet()
				.execute();
		return Integer.parseInt(out.getParameter().stream().filter(p -> p.getName().equals("total")).findFirst()
				.orElseThrow().getValue().primitiveValue());
	}

	/**
	 * Every time-line record verified in its current version, as $verify records it, so that both answers count the
	 * same values and the difference is what reading the verification costs.
	 */
	private static void markVerified(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			List<String[]> rows = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement(
					"SELECT RES_KEY, PATIENT_ID, RES_VERSION, ENTRIES FROM MSC_RESPONSE_EVIDENCE ORDER BY RES_KEY");
					ResultSet found = select.executeQuery()) {
				while (found.next()) {
					if (found.getString(2).startsWith("sdv-")) {
						rows.add(new String[] {found.getString(1), found.getString(2), found.getString(3),
								found.getString(4)});
					}
				}
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO MSC_SOURCE_VERIFICATION "
					+ "(RES_KEY, PATIENT_ID, DECISION, DECIDED_VERSION, VERIFIED_VERSION, VERIFIED_ENTRIES, OPT_LOCK) "
					+ "VALUES (?, ?, 'verified', ?, ?, ?, 0)")) {
				for (String[] row : rows) {
					insert.setString(1, row[0]);
					insert.setString(2, row[1]);
					insert.setLong(3, Long.parseLong(row[2]));
					insert.setLong(4, Long.parseLong(row[2]));
					insert.setString(5, row[3]);
					insert.addBatch();
				}
				insert.executeBatch();
			}
			connection.commit();
		}
	}

	private static double evaluate(IGenericClient client, boolean verifiedOnly) {
		Parameters in = new Parameters();
		ALL.forEach(c -> in.addParameter("criteria", new CodeType(c)));
		in.addParameter("asOf", new DateType(AS_OF));
		in.addParameter("verifiedOnly", new BooleanType(verifiedOnly));
		long t = System.nanoTime();
		client.operation().onInstance("ResearchStudy/sdv-bench").named("$evaluate-response").withParameters(in)
				.execute();
		return (System.nanoTime() - t) / 1e9;
	}

	private static double median(double[] seconds) {
		double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
