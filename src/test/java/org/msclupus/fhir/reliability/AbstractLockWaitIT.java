package org.msclupus.fhir.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.ServerLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 30's race, slowed down so it happens every time: a transaction's conditional create meets the row another
 * transaction wrote for the same match URL and has not committed yet, because that transaction is still working (a
 * loaded machine, a large bundle). The second must wait for the first to end and then find its Observation, not give
 * up on the lock after a second (H2's time-out) and start over while the first is still working: a transaction that
 * starts over before the one in its way has ended makes no progress, and racing feeds once starved one so through 19
 * attempts that its client timed out. On H2 and on PostgreSQL (the subclasses).
 */
abstract class AbstractLockWaitIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	/** Longer than H2's own lock time-out (1 s), well within the server's. */
	static final Duration HOLD = Duration.ofSeconds(3);

	@LocalServerPort
	int port;
	@Autowired
	IInterceptorService interceptors;
	@Autowired
	EntityManager entityManager;
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void aConditionalCreateWaitsForTheTransactionHoldingItsRowAndThenFindsItsResource() throws Exception {
		String system = "urn:uuid:" + UUID.randomUUID();
		String patient = createPatient(system);
		String transaction = FHIR.newJsonParser().encodeResourceToString(conditionalCreate(system, patient));
		SlowCommit slowCommit = new SlowCommit(system);
		interceptors.registerInterceptor(slowCommit);
		try (ServerLog log = ServerLog.listen(RacingConditionalCreates.SQL_ERRORS,
				RacingConditionalCreates.TRANSACTION_REPEATS)) {
			CompletableFuture<HttpResponse<String>> first = post(transaction);
			assertThat(slowCommit.holding.await(60, TimeUnit.SECONDS)).as("the first transaction holds its row").isTrue();
			HttpResponse<String> second = post(transaction).get(60, TimeUnit.SECONDS);
			HttpResponse<String> firstResponse = first.get(60, TimeUnit.SECONDS);

			assertThat(firstResponse.statusCode()).as(firstResponse.body()).isEqualTo(200);
			assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
			assertThat(location(second)).as("the second finds the first's Observation").isEqualTo(location(firstResponse));
			assertThat(log.messagesContaining(RacingConditionalCreates.LOCK_TIME_OUT))
					.as("no lock time-out while the holder was still working").isEmpty();
			assertThat(log.messagesContaining(RacingConditionalCreates.REPEAT))
					.as("waited for the holder instead of starting over").isEmpty();
		} finally {
			interceptors.unregisterInterceptor(slowCommit);
		}
		assertThat(storedCount(system)).as("stored once").isEqualTo(1);
	}

	/** Holds the first transaction that creates the marked Observation open, its rows written, for {@link #HOLD}. */
	@Interceptor
	class SlowCommit {
		final String system;
		final AtomicBoolean first = new AtomicBoolean(true);
		final CountDownLatch holding = new CountDownLatch(1);

		SlowCommit(String system) {
			this.system = system;
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
		public void holdTheFirst(IBaseResource resource) throws InterruptedException {
			if (resource instanceof Observation observation && system.equals(observation.getIdentifierFirstRep()
					.getSystem()) && first.compareAndSet(true, false)) {
				entityManager.flush(); // the rows, and their locks, are in the database from here on
				holding.countDown();
				Thread.sleep(HOLD.toMillis());
			}
		}
	}

	Bundle conditionalCreate(String system, String patient) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
				.setResource(RacingConditionalCreates.observation(system, 1, patient)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation").setIfNoneExist("identifier=" + system + "|obs-1");
		return bundle;
	}

	String createPatient(String system) throws Exception {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue("patient");
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/Patient"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(patient)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return "Patient/" + FHIR.newJsonParser().parseResource(Patient.class, created.body()).getIdPart();
	}

	CompletableFuture<HttpResponse<String>> post(String transaction) {
		return http.sendAsync(HttpRequest.newBuilder(URI.create(base())).timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(transaction))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String location(HttpResponse<String> transactionResponse) {
		Bundle response = FHIR.newJsonParser().parseResource(Bundle.class, transactionResponse.body());
		return response.getEntryFirstRep().getResponse().getLocation().replaceAll("/_history/.*", "");
	}

	int storedCount(String system) throws Exception {
		Bundle found = FHIR.newJsonParser().parseResource(Bundle.class, http.send(HttpRequest.newBuilder(URI.create(
				base() + "/Observation?identifier=" + URLEncoder.encode(system + "|", StandardCharsets.UTF_8)
						+ "&_summary=count")).build(), HttpResponse.BodyHandlers.ofString()).body());
		return found.getTotal();
	}

	String base() {
		return "http://localhost:" + port + "/fhir";
	}
}
