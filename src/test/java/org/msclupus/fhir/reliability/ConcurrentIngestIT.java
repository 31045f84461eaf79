package org.msclupus.fhir.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Interface engines retry and run in parallel: eight clients push the same 2,000 Observations at once, half as
 * transaction bundles with conditional entries, half as single conditional creates, each resending some requests,
 * and exactly 2,000 end up stored. Concurrent updates of one resource either succeed in order or are refused, never
 * lost.
 */
@H2ServerTest
class ConcurrentIngestIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final int OBSERVATIONS = 2_000;
	static final int CLIENTS = 8;
	static final int BUNDLE_SIZE = 25;

	@LocalServerPort
	int port;
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

	String base() {
		return "http://localhost:" + port + "/fhir";
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
				HttpResponse.BodyHandlers.ofString());
		statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
		return response;
	}

	/** Sends until a 2xx, as an interface engine does; a 5xx is counted and fails the test at the end. */
	HttpResponse<String> sendUntilAccepted(java.util.function.Supplier<HttpRequest.Builder> request) throws Exception {
		for (int attempt = 1; ; attempt++) {
			HttpResponse<String> response = send(request.get());
			if (response.statusCode() / 100 == 2 || attempt == 20) {
				return response;
			}
			Thread.sleep(20L * attempt);
		}
	}

	static Observation observation(String system, int i, String patient) {
		return RacingConditionalCreates.observation(system, i, patient);
	}

	@Test
	void eightRetryingClientsStoreEachObservationExactlyOnce() throws Exception {
		String system = "urn:uuid:" + UUID.randomUUID();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue("patient");
		HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base() + "/Patient"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(patient))));
		assertThat(created.statusCode()).isEqualTo(201);
		String patientRef = "Patient/" + FHIR.newJsonParser().parseResource(Patient.class, created.body()).getIdPart();

		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			done.add(clients.submit(() -> {
				Random random = new Random(client);
				List<Integer> order = new ArrayList<>();
				for (int i = 0; i < OBSERVATIONS; i++) {
					order.add(i);
				}
				Collections.shuffle(order, random);
				if (client % 2 == 0) {
					for (int from = 0; from < OBSERVATIONS; from += BUNDLE_SIZE) {
						String body = FHIR.newJsonParser().encodeResourceToString(
								bundle(system, order.subList(from, from + BUNDLE_SIZE), patientRef));
						int sends = random.nextDouble() < 0.1 ? 2 : 1; // a retry after a lost acknowledgement
						for (int s = 0; s < sends; s++) {
							HttpResponse<String> r = sendUntilAccepted(() -> HttpRequest.newBuilder(URI.create(base()))
									.header("Content-Type", "application/fhir+json")
									.POST(HttpRequest.BodyPublishers.ofString(body)));
							assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
						}
					}
				} else {
					for (int i : order) {
						String body = FHIR.newJsonParser().encodeResourceToString(observation(system, i, patientRef));
						int sends = random.nextDouble() < 0.1 ? 2 : 1;
						for (int s = 0; s < sends; s++) {
							HttpResponse<String> r = sendUntilAccepted(() -> HttpRequest.newBuilder(URI.create(
											base() + "/Observation"))
									.header("Content-Type", "application/fhir+json")
									.header("If-None-Exist", "identifier=" + system + "|obs-" + i)
									.POST(HttpRequest.BodyPublishers.ofString(body)));
							assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
						}
					}
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		clients.shutdown();

		Map<String, Integer> stored = new HashMap<>();
		String next = base() + "/Observation?identifier=" + URLEncoder.encode(system + "|", StandardCharsets.UTF_8)
				+ "&_count=500&_elements=identifier";
		while (next != null) {
			Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, send(HttpRequest.newBuilder(URI.create(next)))
					.body());
			page.getEntry().forEach(e -> stored.merge(((Observation) e.getResource()).getIdentifierFirstRep().getValue(),
					1, Integer::sum));
			next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
		}
		System.out.println("Concurrent ingest: responses by status " + statuses);
		assertThat(stored).hasSize(OBSERVATIONS);
		assertThat(stored.values()).allMatch(n -> n == 1);
		assertThat(statuses.keySet()).as("no request failed on the server").allMatch(s -> s < 500);
	}

	/** Issue 16's race (see {@link RacingConditionalCreates}): every transaction is answered 200 the first time. */
	/**
	 * Issue 30's race: the same Observations from eight clients each in its own order. Transactions sharing match URLs
	 * take turns (MatchUrlLocks), so none gives up on a lock another holds; one that still loses a race is repeated on
	 * the server, and a lock time-out never costs a connection: no 5xx, no 409.
	 */
	@Test
	void clientsRacingInTheirOwnOrdersGetNoErrorAtAll() throws Exception {
		RacingConditionalCreates.Outcome race = RacingConditionalCreates.runInOwnOrders(base(), 8, 300);
		assertThat(race.statuses().keySet()).as("every transaction was answered 200 the first time: " + race)
				.containsExactly(200);
		assertThat(race.lockTimeouts()).as("transactions wrote shared match URLs in turn, none gave up on a lock")
				.isZero();
	}

	/** The same race with conditional updates: each Observation is created once and then updated in place. */
	@Test
	void clientsRacingWithConditionalUpdatesInTheirOwnOrdersGetNoErrorAtAll() throws Exception {
		RacingConditionalCreates.Outcome race = RacingConditionalCreates.runConditionalUpdatesInOwnOrders(base(), 8,
				300);
		assertThat(race.statuses().keySet()).as("every transaction was answered 200 the first time: " + race)
				.containsExactly(200);
		assertThat(race.lockTimeouts()).as("none gave up on a lock").isZero();
	}

	@Test
	void clientsRacingWithTheSameBundlesGetTheWinnerNotAnError() throws Exception {
		Map<Integer, Integer> statuses = RacingConditionalCreates.run(base(), CLIENTS, 300).statuses();
		assertThat(statuses.keySet()).as("every transaction was answered 200 the first time: " + statuses)
				.containsExactly(200);
	}

	static Bundle bundle(String system, List<Integer> indexes, String patient) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i : indexes) {
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation(system, i, patient))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
					.setIfNoneExist("identifier=" + system + "|obs-" + i);
		}
		return bundle;
	}

	/** A fresh Observation of no patient, to update concurrently. */
	Observation createObservation() throws Exception {
		Observation o = observation("urn:uuid:" + UUID.randomUUID(), 0, "Patient/none");
		o.setSubject(null);
		HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base() + "/Observation"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(o))));
		return FHIR.newJsonParser().parseResource(Observation.class, created.body());
	}

	@Test
	void concurrentUpdatesWithIfMatchSucceedInOrderOrAreRefused() throws Exception {
		String id = createObservation().getIdPart();
		List<String> accepted = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger refused = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			done.add(clients.submit(() -> {
				for (int n = 0; n < 10; n++) {
					String marker = "client-" + client + "-update-" + n;
					while (true) {
						HttpResponse<String> current = send(HttpRequest.newBuilder(URI.create(base() + "/Observation/" + id)));
						Observation read = FHIR.newJsonParser().parseResource(Observation.class, current.body());
						String version = read.getIdElement().getVersionIdPart();
						read.getNote().clear();
						read.addNote().setText(marker);
						HttpResponse<String> updated = send(HttpRequest.newBuilder(URI.create(base() + "/Observation/" + id))
								.header("Content-Type", "application/fhir+json").header("If-Match", "W/\"" + version + "\"")
								.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(read))));
						if (updated.statusCode() == 200) {
							accepted.add(marker);
							break;
						}
						assertThat(updated.statusCode()).as(updated.body()).isIn(409, 412);
						refused.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		clients.shutdown();
		Bundle history = FHIR.newJsonParser().parseResource(Bundle.class, send(HttpRequest.newBuilder(URI.create(
				base() + "/Observation/" + id + "/_history?_count=500"))).body());
		List<String> inHistory = history.getEntry().stream().map(e -> (Observation) e.getResource())
				.filter(Observation::hasNote).map(r -> r.getNoteFirstRep().getText()).toList();
		System.out.println("Concurrent If-Match updates: " + accepted.size() + " accepted, " + refused + " refused");
		assertThat(accepted).hasSize(CLIENTS * 10);
		assertThat(inHistory).as("every accepted update is a version of its own").containsExactlyInAnyOrderElementsOf(accepted);
		assertThat(history.getEntry()).hasSize(CLIENTS * 10 + 1);
	}

	@Test
	void retryOnVersionConflictLetsBlindConcurrentUpdatesAllLand() throws Exception {
		Observation stored = createObservation();
		String id = stored.getIdPart();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<Integer>> done = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			done.add(clients.submit(() -> {
				int ok = 0;
				for (int n = 0; n < 10; n++) {
					Observation update = stored.copy();
					update.setIdElement(new org.hl7.fhir.r4.model.IdType("Observation", id));
					update.addNote().setText("client-" + client + "-blind-" + n);
					HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/Observation/" + id))
							.header("Content-Type", "application/fhir+json")
							.header("X-Retry-On-Version-Conflict", "retry; max-retries=100")
							.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(update))));
					assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
					ok++;
				}
				return ok;
			}));
		}
		int ok = 0;
		for (Future<Integer> f : done) {
			ok += f.get();
		}
		clients.shutdown();
		Observation last = FHIR.newJsonParser().parseResource(Observation.class, send(HttpRequest.newBuilder(URI.create(
				base() + "/Observation/" + id))).body());
		assertThat(ok).isEqualTo(CLIENTS * 10);
		assertThat(last.getIdElement().getVersionIdPart()).isEqualTo(String.valueOf(CLIENTS * 10 + 1));
	}
}
