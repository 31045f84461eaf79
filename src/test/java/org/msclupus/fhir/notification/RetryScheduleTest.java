package org.msclupus.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

	static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	@Test
	void eachFailureWaitsTheNextDelayAndTheLastRepeats() {
		RetrySchedule schedule = RetrySchedule.DEFAULT;
		assertThat(schedule.nextAttempt(1, NOW)).isEqualTo(NOW.plusSeconds(10));
		assertThat(schedule.nextAttempt(2, NOW)).isEqualTo(NOW.plusSeconds(30));
		assertThat(schedule.nextAttempt(6, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(schedule.nextAttempt(7, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(schedule.nextAttempt(500, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(schedule.nextAttempt(0, NOW)).as("no failure yet reads as the first").isEqualTo(NOW.plusSeconds(10));
	}

	@Test
	void anEventIsTriedForLongerThanADayByDefault() {
		Instant occurred = NOW.minus(Duration.ofDays(3));
		assertThat(RetrySchedule.DEFAULT.givenUp(occurred, NOW)).as("exactly at the limit").isFalse();
		assertThat(RetrySchedule.DEFAULT.givenUp(occurred, NOW.plusMillis(1))).isTrue();
		assertThat(RetrySchedule.DEFAULT.givenUp(NOW.minus(Duration.ofHours(25)), NOW)).isFalse();
		// the default tries more than 24 hours' worth of hourly attempts
		assertThat(RetrySchedule.DEFAULT.retryFor()).isGreaterThan(Duration.ofHours(24));
	}

	@Test
	void delaysMustBePositive() {
		assertThatThrownBy(() -> new RetrySchedule(List.of(), Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), Duration.ofDays(1)))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(1)), Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
