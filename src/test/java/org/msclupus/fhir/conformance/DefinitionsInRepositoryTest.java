package org.msclupus.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefinitionsInRepositoryTest {

	private final DefinitionsInRepository state = new DefinitionsInRepository();

	@Test
	void callersWaitFromTheStartUntilTheDefinitionsAreStored() throws Exception {
		assertThat(state.isStored()).isFalse();
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitQuietly(Duration.ofSeconds(30)));
		assertThat(waiting).isNotDone();
		Thread.sleep(100);
		assertThat(waiting).isNotDone();

		state.stored();

		waiting.get(5, TimeUnit.SECONDS);
		assertThat(state.isStored()).isTrue();
		assertThat(state.failure()).isEmpty();
	}

	@Test
	void aCallerThatRunsOutOfPatienceIsToldToComeBackNotThatItFailed() {
		state.storing();
		assertThatThrownBy(() -> state.await(Duration.ofMillis(50)))
				.isInstanceOfSatisfying(DefinitionsInRepository.NotStored.class, e -> {
					assertThat(e.failed()).isFalse();
					assertThat(e.getMessage()).contains("still being stored");
				});
	}

	@Test
	void aFailedStoreIsReportedWithItsCauseToEveryCaller() {
		state.storing();
		IllegalStateException cause = new IllegalStateException("disk full");
		state.failed(cause);

		for (int caller = 0; caller < 2; caller++) {
			assertThatThrownBy(() -> state.await(Duration.ofSeconds(5)))
					.isInstanceOfSatisfying(DefinitionsInRepository.NotStored.class, e -> {
						assertThat(e.failed()).isTrue();
						assertThat(e.getCause()).isSameAs(cause);
						assertThat(e.getMessage()).contains("disk full");
					});
		}
		assertThat(state.isStored()).isFalse();
		assertThat(state.failure()).containsSame(cause);
	}

	@Test
	void aNewStoreAfterOneEndedMakesCallersWaitAgainAndASuccessClearsAFailure() throws Exception {
		state.failed(new IllegalStateException("first start"));
		state.storing();
		assertThat(state.failure()).isEmpty();
		assertThat(state.isStored()).isFalse();

		state.stored();
		state.await(Duration.ZERO);
		state.storing();
		assertThat(state.isStored()).isFalse();
		state.stored();
		assertThat(state.isStored()).isTrue();
	}

	@Test
	void aSecondStoreBegunWhileOneIsUnderWayDoesNotStrandTheCallersOfTheFirst() throws Exception {
		state.storing();
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitQuietly(Duration.ofSeconds(30)));
		state.storing();
		state.stored();
		waiting.get(5, TimeUnit.SECONDS);
	}

	@Test
	void whenStoredAlreadyAZeroWaitIsEnough() throws Exception {
		state.stored();
		state.await(Duration.ZERO);
	}

	private void awaitQuietly(Duration patience) {
		try {
			state.await(patience);
		} catch (DefinitionsInRepository.NotStored e) {
			throw new IllegalStateException(e);
		}
	}
}
