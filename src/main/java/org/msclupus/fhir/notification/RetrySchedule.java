package org.msclupus.fhir.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a failed delivery is tried again: after each delay in turn, then at the last delay, until the event is older
 * than {@code retryFor}. The event is then given up for push delivery but stays readable through {@code $events}.
 *
 * @param delays   the waits after the first, second, … failure (the last one repeats)
 * @param retryFor how long after the event a delivery is still tried
 */
public record RetrySchedule(List<Duration> delays, Duration retryFor) {

	/** 10 s, 30 s, 2 min, 10 min, 30 min, then hourly, for three days: a weekend's outage loses nothing. */
	public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
			Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1)),
			Duration.ofDays(3));

	public RetrySchedule {
		if (delays == null || delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
			throw new IllegalArgumentException("retry delays must be positive and at least one");
		}
		if (retryFor == null || retryFor.isNegative() || retryFor.isZero()) {
			throw new IllegalArgumentException("retry-for must be positive");
		}
		delays = List.copyOf(delays);
	}

	/** When to try again after the {@code failures}-th failure in a row (1 for the first). */
	public Instant nextAttempt(int failures, Instant now) {
		int index = Math.min(Math.max(failures, 1), delays.size()) - 1;
		return now.plus(delays.get(index));
	}

	/** Whether an event recorded at {@code occurred} is past retrying at {@code now}. */
	public boolean givenUp(Instant occurred, Instant now) {
		return now.isAfter(occurred.plus(retryFor));
	}
}
