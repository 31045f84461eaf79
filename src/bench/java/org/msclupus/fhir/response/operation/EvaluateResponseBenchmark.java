package org.msclupus.fhir.response.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.conformance.ConformanceConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Latency of {@code ResearchSubject/[id]/$evaluate-response} (all four criteria sets) for a subject with 12 visits x
 * 10 measures (120 Observations, two infusions, two glucocorticoid courses), on the embedded H2 file, through the
 * HAPI client over loopback, beside 20 other subjects with the same data. Prints the median and 95th percentile.
 * Run it with {@code ./mvnw -Pbench verify -Dit.test=EvaluateResponseBenchmark}.
 */
public class EvaluateResponseBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final int SUBJECTS = 21;
	static final int WARM_UP = 100;
	static final int CALLS = 300;
	public static final LocalDate DAY0 = LocalDate.parse("2025-01-10");
	static final int[] VISIT_DAYS = {-2, 14, 28, 56, 91, 112, 140, 168, 183, 240, 274, 365};

	@Test
	void latencyOfOneSubject(@TempDir Path dataDir) {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class).run(
				"--server.port=0", "--msc.storage.data-dir=" + dataDir, "--logging.level.root=WARN")) {
			FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
			FHIR.getRestfulClientFactory().setSocketTimeout(300_000);
			ConformanceConfiguration.keepVersionedEvidence(FHIR);
			int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
			IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");

			TrialRecords records = new TrialRecords();
			String study = records.study("bench-study", "NCT01741857", "months-12",
					List.of("ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline"));
			client.transaction().withBundle(records.bundle()).execute();
			String subject = null;
			for (int i = 0; i < SUBJECTS; i++) {
				TrialRecords one = new TrialRecords();
				subject = twelveVisits(one, study, "bench-" + i);
				client.transaction().withBundle(one.bundle()).execute();
			}

			Parameters in = new Parameters();
			in.addParameter("asOf", new DateType("2026-06-01"));
			long[] nanos = new long[CALLS];
			for (int i = 0; i < WARM_UP + CALLS; i++) {
				long start = System.nanoTime();
				Parameters out = client.operation().onInstance(subject).named("$evaluate-response")
						.withParameters(in).useHttpGet().execute();
				if (i >= WARM_UP) {
					nanos[i - WARM_UP] = System.nanoTime() - start;
				}
				assertThat(out.getParameter()).hasSize(4);
			}
			Arrays.sort(nanos);
			System.out.printf("%nBENCHMARK $evaluate-response, one subject of %d: 12 visits x 10 measures, 4 criteria sets%n",
					SUBJECTS);
			System.out.printf("BENCHMARK   %d calls after %d warm-up: median %.1f ms, p95 %.1f ms, max %.1f ms%n%n", CALLS,
					WARM_UP, nanos[CALLS / 2] / 1e6, nanos[(int) (CALLS * 0.95)] / 1e6, nanos[CALLS - 1] / 1e6);
		}
	}

	/** One subject with 12 visits of 10 measures each; returns the ResearchSubject reference. */
	public static String twelveVisits(TrialRecords records, String study, String key) {
		TrialRecords.Subject s = records.subject(key, study, "uc-msc", DAY0.minusDays(5));
		s.infusion(DAY0, 1);
		s.infusion(DAY0.plusDays(7), 2);
		s.glucocorticoid("8640", "prednisone", "30", DAY0.minusDays(60), DAY0.plusDays(60));
		s.glucocorticoid("8638", "prednisolone", "7.5", DAY0.plusDays(61), null);
		for (int v = 0; v < VISIT_DAYS.length; v++) {
			LocalDate date = DAY0.plusDays(VISIT_DAYS[v]);
			double fall = 1.0 - v * 0.06;
			s.creatinine(date, String.format(java.util.Locale.ROOT, "%.2f", 1.5 * fall), "mg/dL");
			s.upcr(date, String.format(java.util.Locale.ROOT, "%.2f", 2.4 * fall), "g/g");
			s.protein24h(date, String.format(java.util.Locale.ROOT, "%.0f", 2500 * fall), "mg/(24.h)");
			s.sledai(date, Math.max(0, 14 - v));
			s.pga(date, String.format(java.util.Locale.ROOT, "%.1f", 2.0 * fall));
			s.bilag(date, v < 4 ? "CBEBDEEAC" : v < 8 ? "CBEEEEECC" : "CCEEEEECC");
			s.complementC3(date, String.format(java.util.Locale.ROOT, "%.2f", 0.5 + v * 0.04), "g/L");
			s.complementC4(date, String.format(java.util.Locale.ROOT, "%.1f", 8 + v * 0.8), "mg/dL");
			s.antiDsdna(date, String.format(java.util.Locale.ROOT, "%.0f", 300 * fall));
			s.trialLab("albumin", "1751-7", date, String.valueOf(28 + v), "g/L");
		}
		return s.reference();
	}
}
