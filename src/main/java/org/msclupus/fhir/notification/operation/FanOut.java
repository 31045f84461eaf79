package org.msclupus.fhir.notification.operation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives each recorded topic event to the subscriptions that want it: same topic, every filter passing, created
 * before the event, and — for a site's subscription — an event of a subject that site enrolled. Each gets the next
 * event number of its subscription, under that subscription's row lock; a unique key per subscription and event
 * stops a second node numbering it twice.
 */
class FanOut {

	private static final Logger log = LoggerFactory.getLogger(FanOut.class);

	private final EntityManager entityManager;
	private final TransactionTemplate transactions;

	FanOut(EntityManager entityManager, TransactionTemplate transactions) {
		this.entityManager = entityManager;
		this.transactions = transactions;
	}

	/**
	 * A subscription is stamped created before its transaction commits; an event this much younger than the
	 * snapshot of subscriptions waits a round, so a subscription committed just after the snapshot still gets it.
	 */
	static final Duration SNAPSHOT_MARGIN = Duration.ofSeconds(2);

	/**
	 * Numbers every recorded event older than the snapshot margin, a batch at a time; one that fails waits for the
	 * next round without holding up the others.
	 *
	 * @param subscriptions the active subscriptions, read at {@code snapshotAt}
	 * @return how many events were fanned out
	 */
	int run(Map<String, SubscriptionRequest> subscriptions, Instant snapshotAt, int batch) {
		int done = 0;
		long after = 0;
		while (true) {
			long from = after;
			List<Long> pending = transactions.execute(tx -> entityManager
					.createQuery("SELECT e.id FROM TopicEventRow e WHERE e.fannedOut = false AND e.occurred < :before"
							+ " AND e.id > :after ORDER BY e.id", Long.class)
					.setParameter("before", snapshotAt.minus(SNAPSHOT_MARGIN)).setParameter("after", from)
					.setMaxResults(batch).getResultList());
			if (pending.isEmpty()) {
				return done;
			}
			after = pending.get(pending.size() - 1);
			for (Long id : pending) {
				try {
					transactions.executeWithoutResult(tx -> fanOut(id, subscriptions));
					done++;
				} catch (org.springframework.dao.ConcurrencyFailureException
						| jakarta.persistence.PessimisticLockException e) {
					log.debug("Fan-out of topic event {} lost a race with another node: {}", id, e.toString());
				} catch (RuntimeException e) {
					// The event waits for the next round; the others go on.
					log.warn("Fan-out of topic event {} failed; tried again next round", id, e);
				}
			}
		}
	}

	private void fanOut(Long id, Map<String, SubscriptionRequest> subscriptions) {
		TopicEventRow event = entityManager.find(TopicEventRow.class, id, LockModeType.PESSIMISTIC_WRITE);
		if (event == null || event.fannedOut()) {
			return;
		}
		Map<String, List<String>> carried = new HashMap<>();
		carried.put("study", event.studies());
		if (event.criteria() != null) {
			carried.put("criteria", List.of(event.criteria()));
		}
		for (SubscriptionRequest subscription : subscriptions.values()) {
			if (!subscription.topic().canonical().equals(event.topic()) || !subscription.filter().matches(carried)) {
				continue;
			}
			SubscriptionStateRow state = entityManager.find(SubscriptionStateRow.class, subscription.id(),
					LockModeType.PESSIMISTIC_WRITE);
			if (state == null || state.created().isAfter(event.occurred())) {
				continue; // a subscription hears of events after it was made
			}
			if (state.ownerSite() != null && !event.sites().contains(state.ownerSite())) {
				continue; // a site's subscription: its own subjects' events only
			}
			boolean numbered = !entityManager.createQuery("SELECT n.id FROM NotificationRow n WHERE"
							+ " n.subscriptionId = :subscription AND n.topicEventId = :event", Long.class)
					.setParameter("subscription", subscription.id()).setParameter("event", id).getResultList().isEmpty();
			if (!numbered) {
				entityManager.persist(new NotificationRow(subscription.id(), state.nextEventNumber(), id));
			}
		}
		event.fannedOut(true);
	}
}
