package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MatchUrlLocksTest {

	final ExecutorService otherRequests = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		otherRequests.shutdownNow();
	}

	static SystemRequestDetails transaction(String... ifNoneExist) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (String query : ifNoneExist) {
			bundle.addEntry().setResource(new Observation()).getRequest().setMethod(Bundle.HTTPVerb.POST)
					.setUrl("Observation").setIfNoneExist(query);
		}
		SystemRequestDetails request = new SystemRequestDetails();
		request.setResource(bundle);
		return request;
	}

	@Test
	void aTransactionWritesTheMatchUrlsOfItsConditionalEntriesWithOrWithoutTheType() {
		SystemRequestDetails request = transaction("identifier=urn:x|1", "Observation?identifier=urn:x|2");
		Bundle bundle = (Bundle) request.getResource();
		bundle.addEntry().setResource(new Observation()).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Observation");
		bundle.addEntry().setResource(new Observation()).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Observation?identifier=urn:x|3");
		bundle.addEntry().setResource(new Observation()).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Observation/7");
		bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?identifier=urn:x|4");

		assertThat(MatchUrlLocks.matchUrls(request, RestOperationTypeEnum.TRANSACTION)).containsExactly(
				"identifier=urn:x|1", "identifier=urn:x|2", "identifier=urn:x|3", "Observation/7");
	}

	@Test
	void aConditionalCreateWritesItsIfNoneExistAsQueryOrFullUrlAndAPlainCreateOrReadNothing() {
		for (String ifNoneExist : new String[] {"identifier=urn:x|1",
				"http://localhost/fhir/Observation?identifier=urn:x|1"}) {
			SystemRequestDetails conditional = new SystemRequestDetails();
			conditional.addHeader("If-None-Exist", ifNoneExist);
			assertThat(MatchUrlLocks.matchUrls(conditional, RestOperationTypeEnum.CREATE))
					.containsExactly("identifier=urn:x|1");
			assertThat(MatchUrlLocks.matchUrls(conditional, RestOperationTypeEnum.SEARCH_TYPE)).isEmpty();
		}
		assertThat(MatchUrlLocks.matchUrls(new SystemRequestDetails(), RestOperationTypeEnum.CREATE)).isEmpty();
	}

	@Test
	void aConditionalUpdateWritesItsSearchAndAnUpdateByIdNothing() {
		SystemRequestDetails conditional = new SystemRequestDetails();
		conditional.setResourceName("Observation");
		conditional.setCompleteUrl("http://localhost/fhir/Observation?identifier=urn:x|1");
		assertThat(MatchUrlLocks.matchUrls(conditional, RestOperationTypeEnum.UPDATE))
				.containsExactly("identifier=urn:x|1");

		SystemRequestDetails byId = new SystemRequestDetails();
		byId.setResourceName("Observation");
		byId.setId(new org.hl7.fhir.r4.model.IdType("Observation/7"));
		byId.setCompleteUrl("http://localhost/fhir/Observation/7");
		assertThat(MatchUrlLocks.matchUrls(byId, RestOperationTypeEnum.UPDATE)).isEmpty();
	}

	@Test
	void twoTransactionsWithTheSameUrlsInOppositeOrdersTakeTurnsAndNeverWaitForEachOther() throws Exception {
		MatchUrlLocks locks = new MatchUrlLocks(Duration.ofMinutes(1));
		SystemRequestDetails first = transaction("identifier=urn:x|1", "identifier=urn:x|2", "identifier=urn:x|3");
		SystemRequestDetails second = transaction("identifier=urn:x|3", "identifier=urn:x|2", "identifier=urn:x|1");
		locks.lockMatchUrls(first, RestOperationTypeEnum.TRANSACTION);

		CompletableFuture<Void> secondAnswered = CompletableFuture.runAsync(() -> {
			lock(locks, second);
			locks.unlockMatchUrls(second); // a request is answered on the thread that took its locks
		}, otherRequests);
		assertThat(waitsAtLeast(secondAnswered, Duration.ofMillis(300))).as("waits for the first").isTrue();
		locks.unlockMatchUrls(first);
		secondAnswered.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aRequestWithOtherUrlsDoesNotWait() throws Exception {
		MatchUrlLocks locks = new MatchUrlLocks(Duration.ofMinutes(1));
		locks.lockMatchUrls(transaction("identifier=urn:x|1"), RestOperationTypeEnum.TRANSACTION);
		CompletableFuture.runAsync(() -> lock(locks, transaction("identifier=urn:x|2")), otherRequests)
				.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aRequestThatWaitedItsLongestGoesAheadAndItsCompletionReleasesWhatItHeld() throws Exception {
		MatchUrlLocks locks = new MatchUrlLocks(Duration.ofMillis(200));
		SystemRequestDetails holder = transaction("identifier=urn:x|2");
		locks.lockMatchUrls(holder, RestOperationTypeEnum.TRANSACTION);
		CompletableFuture.runAsync(() -> {
			SystemRequestDetails impatient = transaction("identifier=urn:x|1", "identifier=urn:x|2");
			lock(locks, impatient);
			locks.unlockMatchUrls(impatient);
		}, otherRequests).get(10, TimeUnit.SECONDS);

		locks.unlockMatchUrls(holder);
		CompletableFuture.runAsync(() -> lock(locks, transaction("identifier=urn:x|1", "identifier=urn:x|2")),
				otherRequests).get(1, TimeUnit.SECONDS);
	}

	@Test
	void aRequestWithoutMatchUrlsHoldsNothing() throws Exception {
		MatchUrlLocks locks = new MatchUrlLocks(Duration.ofMinutes(1));
		SystemRequestDetails plain = transaction();
		locks.lockMatchUrls(plain, RestOperationTypeEnum.TRANSACTION);
		assertThat(plain.getUserData()).isEmpty();
		locks.unlockMatchUrls(plain);
	}

	static void lock(MatchUrlLocks locks, SystemRequestDetails request) {
		try {
			locks.lockMatchUrls(request, RestOperationTypeEnum.TRANSACTION);
		} catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	static boolean waitsAtLeast(CompletableFuture<?> future, Duration duration) throws Exception {
		try {
			future.get(duration.toMillis(), TimeUnit.MILLISECONDS);
			return false;
		} catch (TimeoutException expected) {
			return true;
		}
	}
}
