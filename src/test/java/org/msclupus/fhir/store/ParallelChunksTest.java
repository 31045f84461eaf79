package org.msclupus.fhir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelChunksTest {

	private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

	@Test
	void resultsComeInChunkOrderWhicheverThreadWorkedOnThem() {
		try (ParallelChunks chunks = ParallelChunks.withHelpers(3, "test-read")) {
			Set<String> threads = ConcurrentHashMap.newKeySet();
			List<Integer> squares = chunks.map(TEN, i -> {
				threads.add(Thread.currentThread().getName());
				sleep(20 - 2 * i); // later chunks finish first
				return i * i;
			});
			assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
			assertThat(threads).contains(Thread.currentThread().getName()).hasSizeGreaterThan(1);
		}
	}

	@Test
	void chunksRunSideBySideOnTheHelpers() throws InterruptedException {
		try (ParallelChunks chunks = ParallelChunks.withHelpers(1, "test-read")) {
			// Two chunks that each wait for the other: done only if they run at the same time.
			CountDownLatch bothStarted = new CountDownLatch(2);
			List<Boolean> met = chunks.map(List.of(1, 2), i -> {
				bothStarted.countDown();
				return await(bothStarted);
			});
			assertThat(met).containsExactly(true, true);
		}
	}

	@Test
	void aBusyPoolDoesNotHoldTheCallerBack() throws InterruptedException {
		try (ParallelChunks chunks = ParallelChunks.withHelpers(1, "test-read")) {
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch helperBusy = new CountDownLatch(1);
			Thread other = new Thread(() -> chunks.map(List.of(1, 2), i -> {
				if (!Thread.currentThread().getName().startsWith("test-read")) {
					return await(helperBusy) ? i : -1; // the other caller's own chunk, left for the helper's
				}
				helperBusy.countDown();
				return await(release) ? i : -1;
			}));
			other.start();
			assertThat(helperBusy.await(5, TimeUnit.SECONDS)).isTrue();
			// The only helper is held by the other call: this call's chunks all run on this thread.
			List<String> workers = chunks.map(List.of(1, 2, 3), i -> Thread.currentThread().getName());
			assertThat(workers).containsOnly(Thread.currentThread().getName());
			release.countDown();
			other.join(5_000);
		}
	}

	@Test
	void theFirstFailureIsThrownAfterTheChunksTakenHaveFinished() {
		try (ParallelChunks chunks = ParallelChunks.withHelpers(2, "test-read")) {
			AtomicInteger finished = new AtomicInteger();
			AtomicInteger running = new AtomicInteger();
			assertThatThrownBy(() -> chunks.map(TEN, i -> {
				running.incrementAndGet();
				try {
					if (i == 1) {
						throw new IllegalArgumentException("chunk 1 is bad");
					}
					sleep(30);
					finished.incrementAndGet();
					return i;
				} finally {
					running.decrementAndGet();
				}
			})).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 1 is bad");
			assertThat(running).hasValue(0);
			assertThat(finished.get()).isLessThan(9); // no new chunk is taken after the failure
		}
	}

	@Test
	void sequentialAndEmpty() {
		try (ParallelChunks chunks = ParallelChunks.sequential()) {
			assertThat(chunks.map(TEN, i -> Thread.currentThread().getName()))
					.containsOnly(Thread.currentThread().getName()).hasSize(10);
			assertThat(chunks.map(List.<Integer>of(), i -> i)).isEmpty();
		}
		assertThatThrownBy(() -> ParallelChunks.withHelpers(-1, "x")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void afterCloseTheCallerWorksAlone() {
		ParallelChunks chunks = ParallelChunks.withHelpers(2, "test-read");
		chunks.close();
		assertThat(chunks.map(TEN, i -> Thread.currentThread().getName()))
				.containsOnly(Thread.currentThread().getName());
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(Math.max(0, millis));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
