package org.msclupus.fhir.study;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.response.operation.EvaluateResponseBenchmark;
import org.msclupus.fhir.records.TimelineEntries;
import org.msclupus.fhir.records.TimelineMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the study-level evaluation time grows with the number of subjects, up to sizes that cannot be ingested through
 * the API in reasonable time on this machine (10,000 subjects x 124 records is 1.24 million resources, 2 to 3.5 hours).
 * The subjects (Patient, ResearchSubject) go in through FHIR transactions; each subject's evidence rows, the 124
 * records of {@link EvaluateResponseBenchmark#twelveVisits} (120 Observations, 2 infusions, 2 courses), are written
 * straight into {@code MSC_RESPONSE_EVIDENCE} over JDBC, exactly as the storage interceptor would write them. So this
 * measures the evaluation, not ingest. {@code -Dbench.sizes=1000,10000} (default), {@code -Dbench.db=postgres}.
 * Run it with
 * {@code ./mvnw -Pbench verify -Dit.test=StudyEvaluationScaleBenchmark}.
 */
class StudyEvaluationScaleBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String TEMPLATE = "tmpl";
	static final List<String> ALL = List.of("ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline");

	@Test
	void evaluationTimeBySize(@TempDir Path dataDir) throws Exception {
		int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000").split(","))
				.mapToInt(Integer::parseInt).sorted().toArray();
		boolean postgres = "postgres".equals(System.getProperty("bench.db", "h2"));
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--msc.storage.data-dir=" + dataDir,
				"--logging.level.root=WARN", "--msc.conformance.validate-on-write=false"));
		try (EmbeddedPostgres database = postgres ? EmbeddedPostgres.builder().start() : null) {
			if (database != null) {
				args.addAll(List.of("--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
			}
			try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class)
					.run(args.toArray(String[]::new))) {
				run(server, sizes, postgres);
			}
		}
	}

	private void run(ConfigurableApplicationContext server, int[] sizes, boolean postgres) throws Exception {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(1_800_000);
		int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		DataSource dataSource = server.getBean(DataSource.class);

		TrialRecords head = new TrialRecords();
		String study = head.study("scale-study", "NCT01741857", "months-12", ALL);
		client.transaction().withBundle(head.bundle()).execute();
		Map<String, String> template = templateRows(study);

		System.out.printf("%nBENCHMARK study evaluation by size on %s: each subject 124 records (120 Observations), "
				+ "evidence rows written over JDBC%n", postgres ? "PostgreSQL" : "H2");
		int loaded = 0;
		double previous = 0;
		int previousSize = 0;
		for (int size : sizes) {
			long start = System.nanoTime();
			for (int from = loaded; from < size; from += 500) {
				int to = Math.min(size, from + 500);
				TrialRecords subjects = new TrialRecords();
				for (int i = from; i < to; i++) {
					subjects.subject("scale-" + i, study, i % 2 == 0 ? "uc-msc" : "control",
							EvaluateResponseBenchmark.DAY0.minusDays(5));
				}
				client.transaction().withBundle(subjects.bundle()).execute();
				insertEvidence(dataSource, template, from, to);
			}
			loaded = size;
			System.out.printf("BENCHMARK   %,d subjects loaded (%,d evidence rows) in %.0f s%n", size,
					(long) size * template.size(), (System.nanoTime() - start) / 1e9);

			double[] seconds = new double[5];
			int rows = 0;
			for (int run = 0; run < seconds.length; run++) {
				long t = System.nanoTime();
				rows = evaluate(client);
				seconds[run] = (System.nanoTime() - t) / 1e9;
			}
			assertThat(rows).isEqualTo(size * ALL.size());
			double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
			Arrays.sort(warm);
			double median = (warm[1] + warm[2]) / 2;
			System.out.printf("BENCHMARK   %,d subjects, all four criteria sets: first %.2f s, then median %.2f s "
					+ "(%.1f us per Observation)%s%n", size, seconds[0], median, median * 1e6 / (size * 120.0),
					previousSize == 0 ? "" : String.format(", %.1f x the time of %,d subjects", median / previous,
							previousSize));
			previous = median;
			previousSize = size;
		}
		System.out.println();
	}

	/** The evidence rows of one subject of {@code twelveVisits}, keyed by record, with "tmpl" to be replaced. */
	private static Map<String, String> templateRows(String study) {
		TrialRecords records = new TrialRecords();
		EvaluateResponseBenchmark.twelveVisits(records, study, TEMPLATE);
		TimelineMapper mapper = new TimelineMapper(new CanonicalUnits());
		Map<String, String> rows = new TreeMap<>();
		for (Bundle.BundleEntryComponent entry : records.bundle().getEntry()) {
			Resource resource = entry.getResource();
			String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
			resource.setId(key + "/_history/1");
			TimelineEntries entries = new TimelineEntries();
			mapper.mapRecord(resource, entries);
			if (!entries.isEmpty()) {
				rows.put(key, entries.encode());
			}
		}
		assertThat(rows).hasSize(124);
		return rows;
	}

	private static void insertEvidence(DataSource dataSource, Map<String, String> template, int from, int to)
			throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO MSC_RESPONSE_EVIDENCE "
					+ "(RES_KEY, PATIENT_ID, ENTRIES, MAPPING_VERSION) VALUES (?, ?, ?, ?)")) {
				for (int i = from; i < to; i++) {
					String key = "scale-" + i;
					for (Map.Entry<String, String> row : template.entrySet()) {
						insert.setString(1, row.getKey().replace(TEMPLATE + "-", key + "-"));
						insert.setString(2, key);
						insert.setString(3, row.getValue().replace("/" + TEMPLATE + "-", "/" + key + "-"));
						insert.setInt(4, TimelineMapper.MAPPING_VERSION);
						insert.addBatch();
					}
					insert.executeBatch();
				}
			}
			connection.commit();
		}
	}

	private static int evaluate(IGenericClient client) {
		Parameters in = new Parameters();
		ALL.forEach(c -> in.addParameter("criteria", new CodeType(c)));
		in.addParameter("asOf", new DateType(LocalDate.parse("2026-11-01").toString()));
		Parameters out = client.operation().onInstance("ResearchStudy/scale-study").named("$evaluate-response")
				.withParameters(in).execute();
		return (int) out.getParameter().stream().filter(p -> p.getName().equals("subject")).count();
	}
}
