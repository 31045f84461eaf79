package org.msclupus.fhir.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoredOnceTest {

	static String notStored() {
		throw new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException("Observation/ra-1");
	}

	@Test
	void whatIsStoredIsReadNotWrittenAgain() {
		AtomicInteger writes = new AtomicInteger();
		assertThat(StoredOnce.readOrStore("ra-1", () -> "v1", () -> "v" + writes.incrementAndGet())).isEqualTo("v1");
		assertThat(writes).hasValue(0);
		assertThat(StoredOnce.readOrStore("ra-1", StoredOnceTest::notStored, () -> "v" + writes.incrementAndGet())).isEqualTo("v1");
		assertThat(writes).hasValue(1);
	}

	/**
	 * Two requests for one id on one node: the second waits for the first to store, then reads it. Without turns it
	 * looked before the first had stored and wrote a second version.
	 */
	@Test
	void requestsForOneIdTakeTurns() throws Exception {
		java.util.concurrent.atomic.AtomicReference<String> database = new java.util.concurrent.atomic.AtomicReference<>();
		AtomicInteger writes = new AtomicInteger();
		java.util.concurrent.Callable<String> request = () -> StoredOnce.readOrStore("mr-1", () -> {
			String found = database.get();
			return found != null ? found : notStored();
		}, () -> {
			try {
				Thread.sleep(100); // a slow write: the other request looks meanwhile
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			String written = "MeasureReport/mr-1/_history/" + writes.incrementAndGet();
			database.set(written);
			return written;
		});
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = pool.submit(request);
			var second = pool.submit(request);
			assertThat(first.get()).isEqualTo(second.get()).isEqualTo("MeasureReport/mr-1/_history/1");
			assertThat(writes).hasValue(1);
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aWriteThatLostTheRaceReadsTheWinners() {
		AtomicInteger reads = new AtomicInteger();
		String answer = StoredOnce.readOrStore("ra-1", () -> reads.incrementAndGet() == 1 ? notStored() : "theirs",
				() -> {
					throw new ResourceVersionConflictException("client-assigned ID constraint failure");
				});
		assertThat(answer).isEqualTo("theirs");
		assertThat(reads).hasValue(2);
	}

	@Test
	void aConflictThatKeepsComingBackIsLetThrough() {
		AtomicInteger writes = new AtomicInteger();
		assertThatThrownBy(() -> StoredOnce.readOrStore("ra-1", StoredOnceTest::notStored, () -> {
			writes.incrementAndGet();
			throw new ResourceVersionConflictException("conflict");
		})).isInstanceOf(ResourceVersionConflictException.class);
		assertThat(writes).hasValue(StoredOnce.ATTEMPTS);
	}
}
