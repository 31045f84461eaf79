package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.msclupus.fhir.notification.PayloadContent;
import org.msclupus.fhir.notification.RetrySchedule;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.msclupus.fhir.security.SiteRoster;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each subscription's notifications in event-number order, one at a time, from whichever node claims the
 * subscription first (a claim is a lease on its state row, so a node that dies mid-delivery hands over when the
 * lease runs out). A failure waits per the retry schedule; an event older than the retry period is given up (still
 * readable through $events). A site's subscription is checked again at delivery: if its site no longer enrolls the
 * subject, the event is withheld. Heartbeats go to idle subscriptions that asked for them.
 */
class Deliveries {

	private final EntityManager entityManager;
	private final TransactionTemplate transactions;
	private final DaoRegistry daos;
	private final SiteRoster roster;
	private final FhirContext fhirContext;
	private final RestHookSender sender;
	private final DeliveryAudit audit;
	private final RetrySchedule retries;
	private final Duration lease;
	private final String node;
	private final Supplier<String> serverBase;
	private final Clock clock;

	Deliveries(EntityManager entityManager, TransactionTemplate transactions, DaoRegistry daos, SiteRoster roster,
			FhirContext fhirContext, RestHookSender sender, DeliveryAudit audit, RetrySchedule retries,
			Duration deliveryTimeout, String node, Supplier<String> serverBase, Clock clock) {
		this.entityManager = entityManager;
		this.transactions = transactions;
		this.daos = daos;
		this.roster = roster;
		this.fhirContext = fhirContext;
		this.sender = sender;
		this.audit = audit;
		this.retries = retries;
		this.lease = deliveryTimeout.multipliedBy(2).plusSeconds(30);
		this.node = node;
		this.serverBase = serverBase;
		this.clock = clock;
	}

	/** The subscriptions with notifications waiting. */
	List<String> waiting() {
		return transactions.execute(tx -> entityManager.createQuery("SELECT DISTINCT n.subscriptionId FROM"
				+ " NotificationRow n WHERE n.state = :pending", String.class)
				.setParameter("pending", NotificationRow.State.PENDING.name()).getResultList());
	}

	/** Delivers what waits for one subscription, if this node gets its lease and no retry is due later. */
	void deliver(SubscriptionRequest subscription) {
		if (!claim(subscription.id(), true)) {
			return;
		}
		try {
			while (true) {
				NotificationRow next = transactions.execute(tx -> entityManager.createQuery("SELECT n FROM"
								+ " NotificationRow n WHERE n.subscriptionId = :id AND n.state = :pending"
								+ " ORDER BY n.eventNumber", NotificationRow.class)
						.setParameter("id", subscription.id()).setParameter("pending", NotificationRow.State.PENDING.name())
						.setMaxResults(1).getResultList().stream().findFirst().orElse(null));
				if (next == null || !deliverOne(subscription, next)) {
					return;
				}
			}
		} finally {
			release(subscription.id());
		}
	}

	/** @return whether to go on with the next one */
	private boolean deliverOne(SubscriptionRequest subscription, NotificationRow notification) {
		TopicEventRow event = transactions.execute(tx -> entityManager.find(TopicEventRow.class,
				notification.topicEventId()));
		Instant now = clock.instant();
		String patient = event.patientId() == null ? null : "Patient/" + event.patientId();
		if (retries.givenUp(event.occurred(), now)) {
			end(notification, NotificationRow.State.GIVEN_UP, "not delivered within " + retries.retryFor());
			return true;
		}
		String owner = transactions.execute(tx -> entityManager.find(SubscriptionStateRow.class, subscription.id())
				.ownerSite());
		if (owner != null && (patient == null || !roster.sitesOf(patient).contains(owner))) {
			end(notification, NotificationRow.State.WITHHELD, owner + " no longer enrols the subject");
			audit.record(subscription, "event-notification " + notification.eventNumber(), event.focus(), patient,
					"withheld: " + owner + " no longer enrols the subject");
			return true;
		}
		NotificationBundles.Event payload = new NotificationBundles.Event(notification.eventNumber(),
				Date.from(event.occurred()), event.focus(), List.of(),
				subscription.content() == PayloadContent.FULL_RESOURCE ? focusOf(event.focus()) : null);
		long count = transactions.execute(tx -> entityManager.find(SubscriptionStateRow.class, subscription.id())
				.eventCount());
		Bundle bundle = NotificationBundles.bundle(serverBase.get(), new NotificationBundles.Status(
						"Subscription/" + subscription.id(), subscription.topic().canonical(), "active", count, null),
				NotificationBundles.Type.EVENT_NOTIFICATION, subscription.content(), List.of(payload));
		RestHookSender.Result result = sender.send(subscription, encode(subscription, bundle));
		Instant at = clock.instant();
		transactions.executeWithoutResult(tx -> {
			SubscriptionStateRow state = entityManager.find(SubscriptionStateRow.class, subscription.id(),
					LockModeType.PESSIMISTIC_WRITE);
			NotificationRow row = entityManager.find(NotificationRow.class, notification.id());
			if (result.delivered()) {
				row.delivered(at);
				state.succeeded(at, true);
			} else {
				row.failed(result.error());
				state.failed(result.error(), retries.nextAttempt(state.failures() + 1, at));
			}
		});
		audit.record(subscription, "event-notification " + notification.eventNumber(), event.focus(), patient,
				result.error());
		return result.delivered();
	}

	/** A heartbeat to a subscription that asked for one and has heard nothing for its period. */
	void heartbeat(SubscriptionRequest subscription) {
		if (subscription.heartbeat() == null) {
			return;
		}
		SubscriptionStateRow state = transactions.execute(tx -> entityManager.find(SubscriptionStateRow.class,
				subscription.id()));
		Instant now = clock.instant();
		if (state == null || state.lastSent().plus(subscription.heartbeat()).isAfter(now)
				|| (state.nextAttempt() != null && state.nextAttempt().isAfter(now)) || !claim(subscription.id(), false)) {
			return;
		}
		try {
			Bundle bundle = NotificationBundles.bundle(serverBase.get(), new NotificationBundles.Status(
							"Subscription/" + subscription.id(), subscription.topic().canonical(),
							state.failures() == 0 ? "active" : "error", state.eventCount(), null),
					NotificationBundles.Type.HEARTBEAT, subscription.content(), List.of());
			RestHookSender.Result result = sender.send(subscription, encode(subscription, bundle));
			Instant at = clock.instant();
			transactions.executeWithoutResult(tx -> {
				SubscriptionStateRow locked = entityManager.find(SubscriptionStateRow.class, subscription.id(),
						LockModeType.PESSIMISTIC_WRITE);
				if (result.delivered()) {
					locked.succeeded(at, false);
				} else {
					locked.failed(result.error(), retries.nextAttempt(locked.failures() + 1, at));
				}
			});
			audit.record(subscription, "heartbeat", null, null, result.error());
		} finally {
			release(subscription.id());
		}
	}

	private boolean claim(String subscriptionId, boolean respectRetry) {
		Instant now = clock.instant();
		return Boolean.TRUE.equals(transactions.execute(tx -> {
			SubscriptionStateRow state = entityManager.find(SubscriptionStateRow.class, subscriptionId,
					LockModeType.PESSIMISTIC_WRITE);
			if (state == null || !state.claimable(now)
					|| (respectRetry && state.nextAttempt() != null && state.nextAttempt().isAfter(now))) {
				return false;
			}
			state.claim(node, now.plus(lease));
			return true;
		}));
	}

	private void release(String subscriptionId) {
		transactions.executeWithoutResult(tx -> {
			SubscriptionStateRow state = entityManager.find(SubscriptionStateRow.class, subscriptionId,
					LockModeType.PESSIMISTIC_WRITE);
			if (state != null && state.claimedBy(node)) {
				state.release();
			}
		});
	}

	private void end(NotificationRow notification, NotificationRow.State end, String why) {
		transactions.executeWithoutResult(tx -> entityManager.find(NotificationRow.class, notification.id())
				.end(end, why));
	}

	/** The focus as it was at the event (its version), or null when it is gone. */
	Resource focusOf(String focus) {
		IdType id = new IdType(focus);
		try {
			IBaseResource resource = id.hasVersionIdPart()
					? daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails())
					: daos.getResourceDao(id.getResourceType()).read(id.toVersionless(), new SystemRequestDetails());
			return (Resource) resource;
		} catch (BaseServerResponseException e) {
			return null;
		}
	}

	String encode(SubscriptionRequest subscription, Bundle bundle) {
		return (subscription.xml() ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
				.encodeResourceToString(bundle);
	}

	/** The node's claims, by subscription, released at shutdown so another node can take over at once. */
	void releaseAll(Map<String, SubscriptionRequest> subscriptions) {
		subscriptions.keySet().forEach(this::release);
	}
}
