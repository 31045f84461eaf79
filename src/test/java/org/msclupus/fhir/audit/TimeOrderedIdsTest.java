package org.msclupus.fhir.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

	/** A clock the test moves by hand. */
	private static final class HandClock extends Clock {
		long millis;

		HandClock(long millis) {
			this.millis = millis;
		}

		@Override
		public long millis() {
			return millis;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}

	/** Random bits that always take the highest value allowed: counters start as late as they can. */
	private static final RandomGenerator HIGHEST = new RandomGenerator() {
		@Override
		public long nextLong() {
			return -1L;
		}

		@Override
		public int nextInt(int bound) {
			return bound - 1;
		}
	};

	@Test
	void layoutIsTheExampleOfRfc9562() {
		// RFC 9562, Appendix A.6: unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
		UUID id = TimeOrderedIds.version7(0x017F22E279B0L, 0xCC3, 0x18C4DC0C0C07398FL);
		assertEquals("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", id.toString());
		assertEquals(7, id.version());
		assertEquals(2, id.variant());
	}

	@Test
	void bitsBeyondTheirFieldsAreDropped() {
		UUID id = TimeOrderedIds.version7(0xFFFF_017F22E279B0L, 0xFCC3, 0xD8C4DC0C0C07398FL);
		assertEquals("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", id.toString());
	}

	@Test
	void idsSortInTheOrderTheyWereMadeAcrossMilliseconds() {
		HandClock clock = new HandClock(1_700_000_000_000L);
		TimeOrderedIds ids = new TimeOrderedIds(clock, new Random(7));
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			if (i % 3 == 0) {
				clock.millis++;
			}
			made.add(ids.next());
		}
		assertStrictlyIncreasing(made);
		assertEquals(1_700_000_000_001L, timestampOf(made.get(0)));
	}

	@Test
	void withinOneMillisecondTheCounterKeepsThemInOrder() {
		TimeOrderedIds ids = new TimeOrderedIds(new HandClock(1_700_000_000_000L), HIGHEST);
		// HIGHEST starts the counter at 0x7FF: 0x800 more ids fit in the millisecond (0x7FF..0xFFF).
		List<String> made = new ArrayList<>();
		for (int i = 0; i <= 0x800; i++) {
			made.add(ids.next());
		}
		assertStrictlyIncreasing(made);
		assertEquals(0x7FF, counterOf(made.get(0)));
		assertEquals(0xFFF, counterOf(made.get(0x800)));
		assertEquals(1_700_000_000_000L, timestampOf(made.get(0x800)));
	}

	@Test
	void aSpentCounterBorrowsTheNextMillisecond() {
		TimeOrderedIds ids = new TimeOrderedIds(new HandClock(1_700_000_000_000L), HIGHEST);
		String last = null;
		for (int i = 0; i <= 0x800; i++) {
			last = ids.next(); // counter 0x7FF..0xFFF
		}
		String borrowed = ids.next();
		assertEquals(1_700_000_000_001L, timestampOf(borrowed));
		assertEquals(0x7FF, counterOf(borrowed));
		assertTrue(borrowed.compareTo(last) > 0);
	}

	@Test
	void aClockGoingBackDoesNotTakeTheIdsBack() {
		HandClock clock = new HandClock(1_700_000_000_500L);
		TimeOrderedIds ids = new TimeOrderedIds(clock, new Random(11));
		String before = ids.next();
		clock.millis -= 400;
		String after = ids.next();
		assertTrue(after.compareTo(before) > 0);
		assertEquals(1_700_000_000_500L, timestampOf(after));
		clock.millis += 1_000; // once the clock is past the last id's time again, its time is used
		assertEquals(1_700_000_001_100L, timestampOf(ids.next()));
	}

	@Test
	void manyIdsMadeTogetherAreDistinctVersion7Uuids() throws InterruptedException {
		TimeOrderedIds ids = new TimeOrderedIds();
		List<String> made = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 5_000; i++) {
					made.add(ids.next());
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertEquals(20_000, new HashSet<>(made).size());
		made.forEach(id -> {
			UUID uuid = UUID.fromString(id);
			assertEquals(7, uuid.version());
			assertEquals(2, uuid.variant());
			assertEquals(id, uuid.toString());
		});
	}

	private static void assertStrictlyIncreasing(List<String> ids) {
		for (int i = 1; i < ids.size(); i++) {
			assertTrue(ids.get(i).compareTo(ids.get(i - 1)) > 0, ids.get(i - 1) + " then " + ids.get(i));
		}
	}

	private static long timestampOf(String id) {
		return UUID.fromString(id).getMostSignificantBits() >>> 16;
	}

	private static int counterOf(String id) {
		return (int) (UUID.fromString(id).getMostSignificantBits() & 0xFFF);
	}
}
