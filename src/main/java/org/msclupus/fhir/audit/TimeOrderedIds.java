package org.msclupus.fhir.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Ids for audit records that sort in the order the records were made: UUID version 7 (RFC 9562, section 5.7), a
 * 48-bit Unix time in milliseconds, then a 12-bit counter (section 6.2, method 1) and 62 random bits.
 *
 * <p>Why: the audit tables are keyed by this id, and every write appends one record per resource it stores. Random
 * (version 4) ids land all over the key index, so each commit rewrote as many index pages as it had records; ids in
 * time order land at its end. Measured on H2 in steady-state ingest: 31–41 MB written per 1,000 Observations with
 * random ids, 19–23 MB with these (docs/benchmarks.md, "Steady state per Observation"; on PostgreSQL, no measured
 * change). The random generator must be thread-safe: its last draw happens outside the lock.
 *
 * <p>Ids stay unique across nodes by their random bits; within one node they also never repeat or go backwards, even
 * when the clock does (the counter carries on from the last id).
 */
final class TimeOrderedIds {

	private static final int COUNTER_BITS = 12;
	private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;
	/** A new millisecond starts its counter below this, leaving room to count up within it (RFC 9562, 6.2). */
	private static final int COUNTER_START_BOUND = 1 << (COUNTER_BITS - 1);

	private final Clock clock;
	private final RandomGenerator random;
	private long lastMillis = Long.MIN_VALUE;
	private int counter;

	TimeOrderedIds() {
		this(Clock.systemUTC(), new SecureRandom());
	}

	TimeOrderedIds(Clock clock, RandomGenerator random) {
		this.clock = clock;
		this.random = random;
	}

	/** The next id, as its canonical lower-case string (whose order is the ids' order). */
	String next() {
		long millis;
		int sequence;
		synchronized (this) {
			long now = clock.millis();
			if (now > lastMillis) {
				lastMillis = now;
				counter = random.nextInt(COUNTER_START_BOUND);
			} else if (counter < COUNTER_MAX) {
				counter++; // same millisecond, or the clock went back: count on from the last id
			} else {
				lastMillis++; // the counter is spent: borrow the next millisecond (RFC 9562, 6.2)
				counter = random.nextInt(COUNTER_START_BOUND);
			}
			millis = lastMillis;
			sequence = counter;
		}
		return version7(millis, sequence, random.nextLong()).toString();
	}

	/**
	 * The UUID of these fields (RFC 9562, 5.7): {@code unix_ts_ms} (the low 48 bits of {@code unixMillis}), version 7,
	 * {@code rand_a} (the low 12 bits of {@code randA}), variant {@code 10}, {@code rand_b} (the low 62 bits of
	 * {@code randB}).
	 */
	static UUID version7(long unixMillis, int randA, long randB) {
		long high = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (randA & 0xFFFL);
		long low = 0x8000_0000_0000_0000L | (randB & 0x3FFF_FFFF_FFFF_FFFFL);
		return new UUID(high, low);
	}
}
