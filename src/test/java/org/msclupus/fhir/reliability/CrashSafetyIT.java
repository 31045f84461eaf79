package org.msclupus.fhir.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The real jar as a separate process: several threads push transactions (a patient and three Observations each),
 * the process is killed with SIGKILL in mid-stream, and started again on the same storage. Every transaction that
 * got a 2xx is there in full, and no transaction is there in part. On the embedded H2 file and on PostgreSQL.
 */
class CrashSafetyIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final int WRITERS = 4;
	static final int OBSERVATIONS_PER_MESSAGE = 3;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void acknowledgedWritesSurviveSigkillOnH2() throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "crash-h2-");
		crashAndCheck("h2", List.of("--msc.storage.data-dir=" + data.toAbsolutePath()));
	}

	@Test
	void acknowledgedWritesSurviveSigkillOnPostgres() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			crashAndCheck("postgres", List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
		}
	}

	void crashAndCheck(String name, List<String> storage) throws Exception {
		int port = freePort();
		String base = "http://localhost:" + port + "/fhir";
		String system = "urn:uuid:" + UUID.randomUUID();
		Process server = start(name + "-1", port, storage);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		Set<String> attempted = ConcurrentHashMap.newKeySet();
		try {
			awaitUp(base, server);
			ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				done.add(writers.submit(() -> {
					for (int n = 0; server.isAlive(); n++) {
						String key = writer + "-" + n;
						attempted.add(key);
						try {
							HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base))
									.header("Content-Type", "application/fhir+json").timeout(Duration.ofSeconds(30))
									.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser()
											.encodeResourceToString(message(system, key)))).build(),
									HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() == 200) {
								acknowledged.add(key);
							}
						} catch (IOException e) {
							return null; // the server is gone
						}
					}
					return null;
				}));
			}
			// Kill once a good number of messages are acknowledged, while the writers are still sending.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (acknowledged.size() < 60 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
			server.waitFor(30, TimeUnit.SECONDS);
			for (Future<?> f : done) {
				f.get(60, TimeUnit.SECONDS);
			}
			writers.shutdown();
		} finally {
			server.destroyForcibly();
		}
		assertThat(acknowledged).as("messages acknowledged before the kill").hasSizeGreaterThanOrEqualTo(60);

		Process restarted = start(name + "-2", port, storage);
		try {
			awaitUp(base, restarted);
			List<String> lost = new ArrayList<>();
			List<String> partial = new ArrayList<>();
			for (String key : attempted) {
				int observations = count(base + "/Observation?identifier=" + URLEncoder.encode(system + "|" + key + "-",
						StandardCharsets.UTF_8) + "0," + URLEncoder.encode(system + "|" + key + "-1", StandardCharsets.UTF_8)
						+ "," + URLEncoder.encode(system + "|" + key + "-2", StandardCharsets.UTF_8));
				int patients = count(base + "/Patient?identifier=" + URLEncoder.encode(system + ":mrn|" + key,
						StandardCharsets.UTF_8));
				boolean complete = observations == OBSERVATIONS_PER_MESSAGE && patients == 1;
				boolean absent = observations == 0 && patients == 0;
				if (acknowledged.contains(key) && !complete) {
					lost.add(key + " (" + patients + " patient, " + observations + " observations)");
				}
				if (!complete && !absent) {
					partial.add(key + " (" + patients + " patient, " + observations + " observations)");
				}
			}
			System.out.printf("Crash safety (%s): %d messages sent, %d acknowledged before SIGKILL; after restart "
					+ "%d lost, %d partial%n", name, attempted.size(), acknowledged.size(), lost.size(), partial.size());
			assertThat(lost).as("acknowledged but missing after the crash").isEmpty();
			assertThat(partial).as("half-written").isEmpty();
		} finally {
			restarted.destroy();
			restarted.waitFor(60, TimeUnit.SECONDS);
			restarted.destroyForcibly();
		}
	}

	int count(String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "&_summary=count"))
				.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getTotal();
	}

	static Bundle message(String system, String key) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system + ":mrn").setValue(key);
		String patientUrl = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Patient").setIfNoneExist("identifier=" + system + ":mrn|" + key);
		for (int k = 0; k < OBSERVATIONS_PER_MESSAGE; k++) {
			Observation o = new Observation();
			o.addIdentifier().setSystem(system).setValue(key + "-" + k);
			o.setStatus(Observation.ObservationStatus.FINAL);
			o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
			o.setSubject(new Reference(patientUrl));
			o.setEffective(new DateTimeType("2026-03-01T08:00:00Z"));
			o.setValue(new Quantity().setValue(BigDecimal.valueOf(70)).setSystem("http://unitsofmeasure.org").setCode("/min"));
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(o).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
					.setIfNoneExist("identifier=" + system + "|" + key + "-" + k);
		}
		return bundle;
	}

	static Process start(String name, int port, List<String> storage) throws IOException {
		Path jar = Path.of("target/msc-lupus-fhir.jar");
		assertThat(jar).as("the packaged server (mvn verify builds it before the integration tests)").exists();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m", "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(storage);
		File log = new File("target/crash-" + name + ".log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	void awaitUp(String base, Process server) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
		while (System.nanoTime() < deadline) {
			assertThat(server.isAlive()).as("server process running (see target/crash-*.log)").isTrue();
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(base + "/metadata?_summary=true"))
						.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// starting
			}
			Thread.sleep(500);
		}
		throw new AssertionError("server did not start within 240 s");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
