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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.msclupus.fhir.support.ServerLog;

/**
 * Issue 16's race, as interface engines run it: several clients push the same Observations in the same order, in
 * transactions of 25 identifier-based conditional creates, every Observation in two bundles per client (the second
 * pass offset by half a bundle), each client resending a transaction until it gets a 2xx. Checks that every
 * Observation is stored exactly once and returns the statuses the clients saw, first attempts and resends alike.
 */
public final class RacingConditionalCreates {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final int BUNDLE_SIZE = 25;
	/** Where Hibernate logs a failed statement, and HAPI each transaction it repeats (with {@link #REPEAT}). */
	static final String SQL_ERRORS = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";
	static final String TRANSACTION_REPEATS = "ca.uhn.fhir.jpa.dao.tx.HapiTransactionService";
	static final String REPEAT = "About to start a transaction retry";
	static final String LOCK_TIME_OUT = "Timeout trying to lock";

	private RacingConditionalCreates() {
	}

	/**
	 * What the clients saw (responses by status, first attempts and resends alike) and what the server logged meanwhile:
	 * transactions it repeated after a lost race, and of those races the ones lost to a lock time-out.
	 */
	public record Outcome(Map<Integer, Integer> statuses, int repeats, int lockTimeouts) {
	}

	public static Outcome run(String base, int clients, int observations) throws Exception {
		return run(List.of(base), null, clients, observations, false, false);
	}

	/**
	 * Issue 30's race: each client sends the same Observations in its own order, as two hospital feeds would (one
	 * batching by patient, another by time): client 0 in order, client 1 in reverse, the others shuffled (a seed per
	 * client), each cut into transactions of 25. Transactions then take their locks in different orders.
	 */
	public static Outcome runInOwnOrders(String base, int clients, int observations) throws Exception {
		return run(List.of(base), null, clients, observations, true, false);
	}

	/** As {@link #runInOwnOrders}, each entry a conditional update ({@code PUT Observation?identifier=…}). */
	public static Outcome runConditionalUpdatesInOwnOrders(String base, int clients, int observations)
			throws Exception {
		return run(List.of(base), null, clients, observations, true, true);
	}

	/**
	 * As {@link #runInOwnOrders}, the clients spread over several server nodes on one database (client c sends to
	 * node c modulo their number), each request carrying the given Authorization header.
	 */
	public static Outcome runInOwnOrdersAcrossNodes(List<String> bases, String authorization, int clients,
			int observations) throws Exception {
		return run(bases, authorization, clients, observations, true, false);
	}

	private static Outcome run(List<String> bases, String authorization, int clients, int observations,
			boolean ownOrders, boolean updates) throws Exception {
		String base = bases.get(0);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		String system = "urn:uuid:" + UUID.randomUUID();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue("patient");
		HttpResponse<String> created = http.send(authorized(HttpRequest.newBuilder(URI.create(base + "/Patient")),
				authorization).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(patient)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String patientRef = "Patient/" + FHIR.newJsonParser().parseResource(Patient.class, created.body()).getIdPart();

		List<String> bodies = new ArrayList<>();
		List<List<String>> bodiesPerClient = new ArrayList<>();
		for (int c = 0; ownOrders && c < clients; c++) {
			List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, observations).boxed().toList());
			if (c == 1) {
				java.util.Collections.reverse(order);
			} else if (c > 1) {
				java.util.Collections.shuffle(order, new java.util.Random(c));
			}
			List<String> own = new ArrayList<>();
			for (int from = 0; from < observations; from += BUNDLE_SIZE) {
				Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
				for (int i : order.subList(from, Math.min(observations, from + BUNDLE_SIZE))) {
					Bundle.BundleEntryRequestComponent request = bundle.addEntry()
							.setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation(system, i, patientRef))
							.getRequest();
					if (updates) {
						request.setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation?identifier=" + system + "|obs-" + i);
					} else {
						request.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
								.setIfNoneExist("identifier=" + system + "|obs-" + i);
					}
				}
				own.add(FHIR.newJsonParser().encodeResourceToString(bundle));
			}
			bodiesPerClient.add(own);
		}
		for (int offset : ownOrders ? new int[0] : new int[] {0, BUNDLE_SIZE / 2}) {
			for (int from = offset; from < observations; from += BUNDLE_SIZE) {
				Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
				for (int i = from; i < Math.min(observations, from + BUNDLE_SIZE); i++) {
					bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
							.setResource(observation(system, i, patientRef)).getRequest()
							.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
							.setIfNoneExist("identifier=" + system + "|obs-" + i);
				}
				bodies.add(FHIR.newJsonParser().encodeResourceToString(bundle));
			}
		}
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		ServerLog serverLog = ServerLog.listen(SQL_ERRORS, TRANSACTION_REPEATS);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			List<String> sent = ownOrders ? bodiesPerClient.get(c) : bodies;
			String node = bases.get(c % bases.size());
			done.add(pool.submit(() -> {
				for (String body : sent) {
					for (int attempt = 1; attempt <= 20; attempt++) {
						HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(URI.create(node)),
								authorization).timeout(Duration.ofSeconds(120)).header("Content-Type", "application/fhir+json")
								.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
								HttpResponse.BodyHandlers.ofString());
						statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
						if (response.statusCode() / 100 == 2) {
							break;
						}
						Thread.sleep(20L * attempt);
					}
				}
				return null;
			}));
		}
		try {
			for (Future<?> f : done) {
				f.get();
			}
		} finally {
			pool.shutdown();
			serverLog.close();
		}
		Bundle stored = FHIR.newJsonParser().parseResource(Bundle.class, http.send(authorized(HttpRequest.newBuilder(
				URI.create(base + "/Observation?identifier=" + URLEncoder.encode(system + "|", StandardCharsets.UTF_8)
						+ "&_count=1000&_elements=identifier")), authorization).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		assertThat(stored.getEntry()).as("every Observation stored").hasSize(observations);
		assertThat(stored.getEntry().stream().map(e -> ((Observation) e.getResource()).getIdentifierFirstRep()
				.getValue()).distinct()).as("each once").hasSize(observations);
		Map<Integer, Integer> seen = new TreeMap<>();
		statuses.forEach((status, count) -> seen.put(status, count.get()));
		Outcome outcome = new Outcome(seen, serverLog.messagesContaining(REPEAT).size(),
				serverLog.messagesContaining(LOCK_TIME_OUT).size());
		System.out.println("Racing conditional " + (updates ? "updates" : "creates")
				+ (ownOrders ? ", each client in its own order" : "") + " (" + clients + " clients"
				+ (bases.size() > 1 ? " on " + bases.size() + " nodes" : "") + ", " + observations
				+ " Observations): responses by status " + seen + "; on the server " + outcome.repeats() + " transactions repeated, " + outcome.lockTimeouts()
				+ " lock time-outs");
		return outcome;
	}

	private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
		return authorization == null ? request : request.header("Authorization", authorization);
	}

	static Observation observation(String system, int i, String patient) {
		Observation o = new Observation();
		o.addIdentifier().setSystem(system).setValue("obs-" + i);
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
				"vital-signs", "Vital Signs"));
		o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
		o.setSubject(new Reference(patient));
		o.setEffective(new DateTimeType(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * i)
				.toString()));
		o.setValue(new Quantity().setValue(BigDecimal.valueOf(50 + i % 60)).setSystem("http://unitsofmeasure.org")
				.setCode("/min").setUnit("/min"));
		return o;
	}
}
