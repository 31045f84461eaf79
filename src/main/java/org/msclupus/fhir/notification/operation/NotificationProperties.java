package org.msclupus.fhir.notification.operation;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.msclupus.fhir.notification.RetrySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic-based notifications ({@code msc.notifications.*}).
 *
 * @param enabled         whether this node delivers notifications (events are recorded on every node regardless, so a
 *                        node that does not deliver loses nothing: another, or this one later, sends them)
 * @param pollInterval    how often a node looks for events to fan out, deliver or retry
 * @param retryDelays     the waits after the first, second, … failed delivery, the last repeating; unset:
 *                        {@link RetrySchedule#DEFAULT}'s (10 s, 30 s, 2 min, 10 min, 30 min, 1 h)
 * @param retryFor        how long after an event its delivery is still tried; unset: {@link RetrySchedule#DEFAULT}'s
 *                        3 days (ICH E2A's shortest expedited clock is 7 days, most protocols ask sites for 24 hours)
 * @param deliveryTimeout the longest an endpoint may take to answer (a subscription's own timeout may be shorter)
 * @param deliveryThreads subscriptions delivered to at once by one node
 */
@Validated
@ConfigurationProperties("msc.notifications")
public record NotificationProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("1s") Duration pollInterval,
		List<Duration> retryDelays,
		Duration retryFor,
		@DefaultValue("10s") Duration deliveryTimeout,
		@Min(1) @DefaultValue("4") int deliveryThreads) {

	RetrySchedule retrySchedule() {
		return new RetrySchedule(retryDelays == null || retryDelays.isEmpty() ? RetrySchedule.DEFAULT.delays()
				: retryDelays, retryFor == null ? RetrySchedule.DEFAULT.retryFor() : retryFor);
	}
}
