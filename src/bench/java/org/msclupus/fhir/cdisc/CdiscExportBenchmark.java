package org.msclupus.fhir.cdisc;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.SyntheticCohort;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * $cdisc-export of a generated lupus nephritis trial on the embedded H2: ingests N subjects through the API
 * ({@code -Dbench.subjects}, default 1000; one transaction per subject, validation off because only the export is
 * timed), then exports every dataset three times in each format and prints the times, the zip sizes and the peak
 * heap. The target: a 1,000-subject study in under 30 s. Run it with
 * {@code ./mvnw -Pbench verify -Dit.test=CdiscExportBenchmark}.
 */
class CdiscExportBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void export(@TempDir Path dataDir) throws Exception {
		int subjects = Integer.getInteger("bench.subjects", 1000);
		List<String> args = List.of("--server.port=0", "--msc.storage.data-dir=" + dataDir,
				"--logging.level.root=WARN", "--msc.conformance.validate-on-write=false");
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class)
				.run(args.toArray(String[]::new))) {
			FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
			FHIR.getRestfulClientFactory().setSocketTimeout(1_800_000);
			int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
			String base = "http://localhost:" + port + "/fhir";
			IGenericClient client = FHIR.newRestfulGenericClient(base);
			List<Bundle> bundles = SyntheticCohort.lupusNephritisTrial("bench-cdisc", subjects, 11);
			long start = System.nanoTime();
			int resources = 0;
			for (Bundle bundle : bundles) {
				client.transaction().withBundle(bundle).execute();
				resources += bundle.getEntry().size();
			}
			System.out.printf("%nBENCHMARK CDISC export on H2: %d subjects, %d resources ingested in %.0f s%n",
					subjects, resources, (System.nanoTime() - start) / 1e9);
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			for (String format : List.of("dataset-json", "xpt", "ndjson")) {
				List<Double> times = new ArrayList<>();
				long size = 0;
				for (int run = 0; run < 3; run++) {
					long t0 = System.nanoTime();
					HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(base
							+ "/ResearchStudy/bench-cdisc/$cdisc-export?format=" + format)).timeout(Duration
									.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
					times.add((System.nanoTime() - t0) / 1e9);
					if (zip.statusCode() != 200) {
						throw new IllegalStateException("HTTP " + zip.statusCode() + ": " + new String(zip.body()));
					}
					size = zip.body().length;
				}
				System.out.printf("BENCHMARK   %-12s first %.1f s, then %.1f s and %.1f s; zip %.1f MB%n", format,
						times.get(0), times.get(1), times.get(2), size / 1e6);
			}
			long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
					.mapToLong(p -> p.getPeakUsage().getUsed()).sum();
			System.out.printf("BENCHMARK   peak heap (sum of pool peaks, server and client in one JVM): %d MB%n%n",
					peak / (1024 * 1024));
		}
	}
}
