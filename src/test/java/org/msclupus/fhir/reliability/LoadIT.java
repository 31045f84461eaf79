package org.msclupus.fhir.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.operation.ResponseScenarios;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Mixed traffic from several threads for a fixed time, on loopback: EHR pushes (transactions of conditional creates,
 * some resent), subject searches with their patients included, and subject-level $evaluate-response. Prints
 * throughput, p50/p99 latency and errors per kind; the bar is zero errors and every acknowledged Observation stored
 * exactly once. The run in the test suite is short; {@code -Dload.seconds=300 -Dload.threads=8} runs a long one.
 */
@H2ServerTest
class LoadIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final List<String> SUBJECTS = List.of("ln-cr-enrolment", "ln-si-enrolment", "ln-control-enrolment",
			"sle-bilag-enrolment");

	@LocalServerPort
	int port;
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
	final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
	final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	String base() {
		return "http://localhost:" + port + "/fhir";
	}

	void timed(String kind, HttpRequest request, Runnable onSuccess) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
					.add((System.nanoTime() - start) / 1000);
			if (response.statusCode() / 100 == 2) {
				onSuccess.run();
			} else {
				errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
				System.out.println("Load: " + kind + " got " + response.statusCode() + ": " + response.body());
			}
		} catch (Exception e) {
			errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
		}
	}

	@Test
	void mixedTrafficHasNoErrorsAndLosesNothing() throws Exception {
		int seconds = Integer.getInteger("load.seconds", 20);
		int threads = Integer.getInteger("load.threads", 6);
		FHIR.newRestfulGenericClient(base()).transaction().withBundle(ResponseScenarios.cohort()).execute();
		String system = "urn:uuid:" + UUID.randomUUID();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		// Resident memory of this JVM (server and clients) every 30 s, to see whether it stops growing in a soak.
		List<String> memory = Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		long samplingFrom = System.nanoTime();
		sampler.scheduleAtFixedRate(() -> memory.add(String.format("%4.0f s %6d MB", (System.nanoTime()
				- samplingFrom) / 1e9, residentMegabytes())), 0, 30, java.util.concurrent.TimeUnit.SECONDS);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> done = new ArrayList<>();
		long started = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			done.add(pool.submit(() -> {
				Random random = new Random(thread);
				int n = 0;
				while (System.nanoTime() < end) {
					double pick = random.nextDouble();
					if (pick < 0.4) {
						String key = thread + "-" + (n++);
						String body = FHIR.newJsonParser().encodeResourceToString(push(system, key));
						int sends = random.nextDouble() < 0.1 ? 2 : 1;
						for (int s = 0; s < sends; s++) {
							timed("ehr-push", HttpRequest.newBuilder(URI.create(base()))
									.header("Content-Type", "application/fhir+json").timeout(Duration.ofSeconds(60))
									.POST(HttpRequest.BodyPublishers.ofString(body)).build(), () -> {
										for (int k = 0; k < 5; k++) {
											acknowledged.add(key + "-" + k);
										}
									});
						}
					} else if (pick < 0.8) {
						String query = random.nextBoolean()
								? "/ResearchSubject?study=ResearchStudy/ln-trial&_include=ResearchSubject:individual"
								: "/Observation?subject=Patient/ln-cr&code=" + URLEncoder.encode("http://loinc.org|2160-0",
										StandardCharsets.UTF_8) + "&_sort=-date";
						timed("subject-search", HttpRequest.newBuilder(URI.create(base() + query))
								.timeout(Duration.ofSeconds(60)).build(), () -> { });
					} else {
						String subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
						timed("evaluate-response", HttpRequest.newBuilder(URI.create(base() + "/ResearchSubject/"
										+ subject + "/$evaluate-response?asOf=" + ResponseScenarios.AS_OF))
								.timeout(Duration.ofSeconds(60)).build(), () -> { });
					}
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		pool.shutdown();
		sampler.shutdownNow();
		double elapsed = (System.nanoTime() - started) / 1e9;

		int stored = 0;
		String next = base() + "/Observation?identifier=" + URLEncoder.encode(system + "|", StandardCharsets.UTF_8)
				+ "&_count=500&_elements=identifier";
		Set<String> storedKeys = ConcurrentHashMap.newKeySet();
		while (next != null) {
			Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, http.send(HttpRequest.newBuilder(
					URI.create(next)).build(), HttpResponse.BodyHandlers.ofString()).body());
			for (Bundle.BundleEntryComponent e : page.getEntry()) {
				stored++;
				storedKeys.add(((Observation) e.getResource()).getIdentifierFirstRep().getValue());
			}
			next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
		}

		StringBuilder report = new StringBuilder(String.format("Load: %d threads for %.0f s%n", threads, elapsed));
		report.append(String.format("%-18s %8s %8s %9s %9s %7s%n", "kind", "requests", "per s", "p50 ms", "p99 ms",
				"errors"));
		int total = 0;
		for (String kind : List.of("ehr-push", "subject-search", "evaluate-response")) {
			List<Long> values = new ArrayList<>(latencies.getOrDefault(kind, List.of()));
			Collections.sort(values);
			total += values.size();
			report.append(String.format("%-18s %8d %8.1f %9.1f %9.1f %7d%n", kind, values.size(), values.size() / elapsed,
					percentile(values, 50), percentile(values, 99), errors.getOrDefault(kind, new AtomicInteger()).get()));
		}
		report.append(String.format("all: %d requests, %.1f per s; %d Observations acknowledged, %d stored%n", total,
				total / elapsed, acknowledged.size(), stored));
		report.append("resident memory: ").append(String.join("; ", memory)).append(System.lineSeparator());
		System.out.print(report);
		assertThat(errors).as("errors by kind").isEmpty();
		assertThat(storedKeys).as("every acknowledged Observation is stored").containsAll(acknowledged);
		assertThat(stored).as("and stored once").isEqualTo(storedKeys.size());
	}

	/** VmRSS of this process from /proc (Linux), in MB; -1 elsewhere. */
	static long residentMegabytes() {
		try {
			for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		} catch (java.io.IOException | RuntimeException e) {
			// not Linux
		}
		return -1;
	}

	static double percentile(List<Long> sortedMicros, int p) {
		if (sortedMicros.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
		return sortedMicros.get(Math.max(0, index)) / 1000.0;
	}

	/** One EHR message: a patient (conditional on its MRN) and five vital signs, each conditional on its id. */
	static Bundle push(String system, String key) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system + ":mrn").setValue("mrn-" + key);
		String patientUrl = "urn:uuid:" + UUID.nameUUIDFromBytes((system + key).getBytes(StandardCharsets.UTF_8));
		bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Patient").setIfNoneExist("identifier=" + system + ":mrn|mrn-" + key);
		for (int k = 0; k < 5; k++) {
			Observation o = new Observation();
			o.addIdentifier().setSystem(system).setValue(key + "-" + k);
			o.setStatus(Observation.ObservationStatus.FINAL);
			o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
			o.setSubject(new Reference(patientUrl));
			o.setEffective(new DateTimeType("2026-03-0" + (k + 1) + "T08:00:00Z"));
			o.setValue(new Quantity().setValue(BigDecimal.valueOf(60 + k)).setSystem("http://unitsofmeasure.org")
					.setCode("/min"));
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(o).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation").setIfNoneExist("identifier=" + system + "|" + key + "-" + k);
		}
		return bundle;
	}
}
