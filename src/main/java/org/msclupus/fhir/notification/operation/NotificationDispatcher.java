package org.msclupus.fhir.notification.operation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Each node's notification loop, every {@code msc.notifications.poll-interval}: turn marks into response-changed
 * events, number new events per subscription, deliver what waits, send heartbeats. Every step is safe to run on many
 * nodes at once (ADR 0018), so no node is special and any node that stays up delivers.
 */
class NotificationDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
	private static final int BATCH = 200;

	private final ActiveSubscriptions active;
	private final ResponseRechecks rechecks;
	private final FanOut fanOut;
	private final Deliveries deliveries;
	private final NotificationProperties properties;
	private final Clock clock;
	private ScheduledExecutorService loop;
	private ExecutorService senders;
	private volatile boolean running;

	NotificationDispatcher(ActiveSubscriptions active, ResponseRechecks rechecks, FanOut fanOut, Deliveries deliveries,
			NotificationProperties properties, Clock clock) {
		this.active = active;
		this.rechecks = rechecks;
		this.fanOut = fanOut;
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	/** One round; public to the package so tests can drive it. */
	void round() {
		rechecks.run(BATCH);
		Instant snapshot = clock.instant();
		Map<String, SubscriptionRequest> subscriptions = active.load();
		if (subscriptions.isEmpty()) {
			fanOut.run(subscriptions, snapshot, BATCH); // events nobody subscribed to: marked, never sent
			return;
		}
		fanOut.run(subscriptions, snapshot, BATCH);
		List<Future<?>> sending = new ArrayList<>();
		for (String id : deliveries.waiting()) {
			SubscriptionRequest subscription = subscriptions.get(id);
			if (subscription != null) {
				sending.add(senders.submit(() -> deliveries.deliver(subscription)));
			}
		}
		for (SubscriptionRequest subscription : subscriptions.values()) {
			if (subscription.heartbeat() != null) {
				sending.add(senders.submit(() -> deliveries.heartbeat(subscription)));
			}
		}
		for (Future<?> future : sending) {
			try {
				future.get();
			} catch (Exception e) {
				log.warn("Notification delivery failed unexpectedly", e);
			}
		}
	}

	@Override
	public void start() {
		if (!properties.enabled()) {
			log.info("Notifications are recorded but not delivered by this node (msc.notifications.enabled=false)");
			return;
		}
		running = true;
		senders = Executors.newFixedThreadPool(properties.deliveryThreads(), named("msc-notification-send"));
		loop = Executors.newSingleThreadScheduledExecutor(named("msc-notification-loop"));
		long millis = properties.pollInterval().toMillis();
		loop.execute(() -> {
			try {
				rechecks.baselineIfNoneRecorded();
			} catch (RuntimeException e) {
				log.warn("Marking enrolled patients for a first response evaluation failed", e);
			}
		});
		loop.scheduleWithFixedDelay(() -> {
			try {
				round();
			} catch (RuntimeException e) {
				log.warn("Notification round failed; next round in {} ms", millis, e);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		running = false;
		if (loop != null) {
			loop.shutdown();
			senders.shutdown();
			try {
				loop.awaitTermination(20, TimeUnit.SECONDS);
				senders.awaitTermination(20, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Starts after the web server and HAPI are up; stops before the database goes. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

	private static java.util.concurrent.ThreadFactory named(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}
}
