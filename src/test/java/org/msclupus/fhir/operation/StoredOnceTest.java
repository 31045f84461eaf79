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
		assertThat(StoredOnce.readOrStore(() -> "v1", () -> "v" + writes.incrementAndGet())).isEqualTo("v1");
		assertThat(writes).hasValue(0);
		assertThat(StoredOnce.readOrStore(StoredOnceTest::notStored, () -> "v" + writes.incrementAndGet())).isEqualTo("v1");
		assertThat(writes).hasValue(1);
	}

	@Test
	void aWriteThatLostTheRaceReadsTheWinners() {
		AtomicInteger reads = new AtomicInteger();
		String answer = StoredOnce.readOrStore(() -> reads.incrementAndGet() == 1 ? notStored() : "theirs",
				() -> {
					throw new ResourceVersionConflictException("client-assigned ID constraint failure");
				});
		assertThat(answer).isEqualTo("theirs");
		assertThat(reads).hasValue(2);
	}

	@Test
	void aConflictThatKeepsComingBackIsLetThrough() {
		AtomicInteger writes = new AtomicInteger();
		assertThatThrownBy(() -> StoredOnce.readOrStore(StoredOnceTest::notStored, () -> {
			writes.incrementAndGet();
			throw new ResourceVersionConflictException("conflict");
		})).isInstanceOf(ResourceVersionConflictException.class);
		assertThat(writes).hasValue(StoredOnce.ATTEMPTS);
	}
}
