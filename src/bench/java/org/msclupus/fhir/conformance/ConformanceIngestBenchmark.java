package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest rate of trial Observations with validation on write on and off: 1,000 Observations (the valid examples'
 * shapes: SLEDAI-2K with descriptors, BILAG-2004, PGA, proteinuria, UPCR, creatinine, C3, C4, anti-dsDNA, ALT) in
 * transactions of 100, four times per server: the first 1,000 after start-up (the JIT compiler is still working on
 * the validator's code paths) and the fourth, which is the rate a server that has been up for a while sustains. A benchmark that prints figures, not a timed test: run it with
 * {@code ./mvnw -Pbench verify -Dit.test=ConformanceIngestBenchmark}.
 */
class ConformanceIngestBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final int OBSERVATIONS = 1_000;
	static final int PER_TRANSACTION = 100;
	/** The validator's code paths need a few thousand resources before the JIT compiler has done its work. */
	static final int ROUNDS = 4;

	@Test
	void ingestRateWithAndWithoutValidation(@TempDir Path dataDir) throws Exception {
		double[] on = run(dataDir.resolve("on"), true);
		double[] off = run(dataDir.resolve("off"), false);
		System.out.printf("%nBENCHMARK conformance ingest: %d Observations in transactions of %d, Observations/s%n",
				OBSERVATIONS, PER_TRANSACTION);
		System.out.printf("BENCHMARK                   first %d after start | round %d%n", OBSERVATIONS, ROUNDS);
		System.out.printf("BENCHMARK   validation on : %8.0f                | %6.0f%n", on[0], on[1]);
		System.out.printf("BENCHMARK   validation off: %8.0f                | %6.0f%n", off[0], off[1]);
		System.out.printf("BENCHMARK   cost of validation: %.1f ms per Observation (first), %.1f ms (round %d)%n%n",
				1000.0 / on[0] - 1000.0 / off[0], 1000.0 / on[1] - 1000.0 / off[1], ROUNDS);
	}

	/** Rates of the first and the last 1,000 Observations after start-up. */
	private double[] run(Path dataDir, boolean validate) throws Exception {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class).run(
				"--server.port=0", "--msc.storage.data-dir=" + dataDir, "--msc.conformance.validate-on-write=" + validate,
				"--logging.level.root=WARN")) {
			FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
			FHIR.getRestfulClientFactory().setSocketTimeout(300_000);
			int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
			IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
			String patient = client.create().resource(new Patient()).execute().getId().toUnqualifiedVersionless().getValue();
			List<Observation> shapes = examples(patient);

			double first = ingest(client, shapes);
			for (int round = 2; round < ROUNDS; round++) {
				ingest(client, shapes);
			}
			return new double[] {first, ingest(client, shapes)};
		}
	}

	private static double ingest(IGenericClient client, List<Observation> shapes) {
		long start = System.nanoTime();
		for (int offset = 0; offset < OBSERVATIONS; offset += PER_TRANSACTION) {
			Bundle response = client.transaction().withBundle(transaction(shapes, offset, PER_TRANSACTION)).execute();
			assertThat(response.getEntry()).hasSize(PER_TRANSACTION);
		}
		return OBSERVATIONS / ((System.nanoTime() - start) / 1e9);
	}

	private static List<Observation> examples(String patient) throws Exception {
		try (var files = Files.list(Path.of("profiles/examples/valid"))) {
			return files.filter(f -> f.getFileName().toString().startsWith("Observation-")).sorted()
					.map(f -> {
						try {
							Observation observation = FHIR.newJsonParser().parseResource(Observation.class, Files.readString(f));
							observation.setId((String) null);
							observation.setMeta(null);
							observation.getSubject().setReference(patient);
							return observation;
						} catch (Exception e) {
							throw new IllegalStateException(e);
						}
					}).toList();
		}
	}

	private static Bundle transaction(List<Observation> shapes, int offset, int size) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < size; i++) {
			Observation observation = shapes.get((offset + i) % shapes.size()).copy();
			if (observation.getValue() instanceof Quantity quantity && !quantity.getCode().equals("{score}")) {
				quantity.setValue(quantity.getValue().doubleValue() * (1 + ((offset + i) % 7) / 100.0));
			}
			bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		return bundle;
	}
}
