package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UrlType;
import org.msclupus.fhir.notification.PayloadContent;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.msclupus.fhir.notification.Topic;
import org.msclupus.fhir.security.Callers;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the notification operations answer: {@code $status} and {@code $events} as the backport IG has them, and
 * {@code $notifications}, a study's recent events with where each delivery stands. A site's token sees its own
 * site's subscriptions and events only.
 */
class NotificationQueries {

	/** The most events one {@code $events} answer holds; a client pages with eventsSinceNumber. */
	static final int MAX_EVENTS = 1000;

	private final EntityManager entityManager;
	private final TransactionTemplate transactions;
	private final ActiveSubscriptions subscriptions;
	private final SubscriptionGuard guard;
	private final Deliveries deliveries;
	private final java.util.function.Supplier<List<String>> knownCriteria;

	NotificationQueries(EntityManager entityManager, TransactionTemplate transactions, ActiveSubscriptions subscriptions,
			SubscriptionGuard guard, Deliveries deliveries, java.util.function.Supplier<List<String>> knownCriteria) {
		this.entityManager = entityManager;
		this.transactions = transactions;
		this.subscriptions = subscriptions;
		this.guard = guard;
		this.deliveries = deliveries;
		this.knownCriteria = knownCriteria;
	}

	/** {@code $status}: one status entry per subscription asked for (none named: every one the caller may see). */
	Bundle status(List<String> ids, Set<String> statuses, RequestDetails request) {
		List<String> wanted = ids.isEmpty() ? List.copyOf(visible(request).keySet()) : ids;
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		for (String id : wanted) {
			Subscription subscription = readVisible(id, request);
			NotificationBundles.Status status = statusOf(subscription);
			if (!statuses.isEmpty() && !statuses.contains(status.status())) {
				continue;
			}
			Parameters parameters = NotificationBundles.statusParameters(request.getFhirServerBase(), status,
					NotificationBundles.Type.QUERY_STATUS, PayloadContent.ID_ONLY, List.of());
			bundle.addEntry().setResource(parameters).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
		}
		bundle.setTotal(bundle.getEntry().size());
		return bundle;
	}

	/** {@code $events}: the subscription's events by number, in a notification bundle of type query-event. */
	Bundle events(String id, Long since, Long until, String content, RequestDetails request) {
		Subscription subscription = readVisible(id, request);
		SubscriptionRequest parsed = SubscriptionReader.read(subscription, knownCriteria.get());
		PayloadContent asked = content == null ? parsed.content() : PayloadContent.ofCode(content).orElseThrow(() ->
				new InvalidRequestException("content must be empty, id-only or full-resource; got '" + content + "'"));
		// A hint, never more than the subscription itself was granted.
		PayloadContent granted = asked.ordinal() <= parsed.content().ordinal() ? asked : parsed.content();
		List<Object[]> rows = transactions.execute(tx -> entityManager.createQuery("SELECT n.eventNumber,"
						+ " e.occurred, e.focus FROM NotificationRow n, TopicEventRow e WHERE e.id = n.topicEventId"
						+ " AND n.subscriptionId = :id AND n.eventNumber >= :since AND n.eventNumber <= :until"
						+ " AND n.state <> :withheld ORDER BY n.eventNumber", Object[].class)
				.setParameter("id", id).setParameter("since", since == null ? 1L : since)
				.setParameter("until", until == null ? Long.MAX_VALUE : until)
				.setParameter("withheld", NotificationRow.State.WITHHELD.name())
				.setMaxResults(MAX_EVENTS).getResultList());
		List<NotificationBundles.Event> events = new ArrayList<>();
		for (Object[] row : rows) {
			String focus = (String) row[2];
			events.add(new NotificationBundles.Event((Long) row[0], Date.from((java.time.Instant) row[1]), focus,
					List.of(), granted == PayloadContent.FULL_RESOURCE ? deliveries.focusOf(focus) : null));
		}
		return NotificationBundles.bundle(request.getFhirServerBase(), statusOf(subscription), NotificationBundles.Type.QUERY_EVENT,
				granted, events);
	}

	/** {@code $notifications}: the study's latest events, newest first, each with its deliveries. */
	Output studyNotifications(String studyId, int count, RequestDetails request) {
		String site = Callers.of(request).siteRestriction().orElse(null);
		String study = "ResearchStudy/" + studyId;
		Map<String, Subscription> visible = visible(request);
		Output answer = new Output();
		transactions.executeWithoutResult(tx -> {
			List<TopicEventRow> events = entityManager.createQuery("SELECT e FROM TopicEventRow e WHERE e.studies"
							+ " LIKE :study ORDER BY e.id DESC", TopicEventRow.class)
					.setParameter("study", "%" + study + "%").getResultStream()
					.filter(e -> e.studies().contains(study) && (site == null || e.sites().contains(site)))
					.limit(count).toList();
			// every listed event's deliveries in one query, not one per event
			Map<Long, List<NotificationRow>> deliveries = events.isEmpty() ? Map.of() : entityManager
					.createQuery("SELECT n FROM NotificationRow n WHERE n.topicEventId IN (:ids) ORDER BY n.subscriptionId",
							NotificationRow.class)
					.setParameter("ids", events.stream().map(TopicEventRow::id).toList()).getResultStream()
					.collect(java.util.stream.Collectors.groupingBy(NotificationRow::topicEventId,
							LinkedHashMap::new, java.util.stream.Collectors.toList()));
			for (TopicEventRow event : events) {
				Output.Row item = answer.add("notification")
						.part("topic", new CanonicalType(event.topic()))
						.part("focus", Output.ref(event.focus()))
						.part("patient", event.patientId() == null ? null : Output.ref("Patient/" + event.patientId()))
						.part("occurred", instant(event.occurred()));
				if (event.criteria() != null) {
					item.part("criteria", Output.code(event.criteria()))
							.part("from", Output.code(event.fromCategory()))
							.part("to", Output.code(event.toCategory()));
				}
				deliveries.getOrDefault(event.id(), List.of()).stream()
						.filter(n -> visible.containsKey(n.subscriptionId()))
						.forEach(n -> item.group("delivery")
								.part("subscription", Output.ref("Subscription/" + n.subscriptionId()))
								.part("eventNumber", Math.toIntExact(n.eventNumber()))
								.part("state", Output.code(n.state().name().toLowerCase().replace('_', '-')))
								.part("attempts", n.attempts())
								.part("deliveredAt", instant(n.deliveredAt()))
								.part("error", n.lastError()));
			}
		});
		Map<String, Long> pendingBySubscription = new java.util.HashMap<>();
		transactions.executeWithoutResult(tx -> entityManager.createQuery("SELECT n.subscriptionId, COUNT(n) FROM"
						+ " NotificationRow n WHERE n.state = :pending GROUP BY n.subscriptionId", Object[].class)
				.setParameter("pending", NotificationRow.State.PENDING.name()).getResultStream()
				.forEach(row -> pendingBySubscription.put((String) row[0], (Long) row[1])));
		for (Map.Entry<String, Subscription> entry : visible.entrySet()) {
			String id = entry.getKey();
			Subscription subscription = entry.getValue();
			if (!coversStudy(subscription, study)) {
				continue;
			}
			NotificationBundles.Status status = statusOf(subscription);
			SubscriptionStateRow state = transactions.execute(tx -> entityManager.find(SubscriptionStateRow.class, id));
			answer.add("subscription")
					.part("subscription", Output.ref("Subscription/" + id))
					.part("topic", new CanonicalType(subscription.getCriteria()))
					.part("endpoint", new UrlType(subscription.getChannel().getEndpoint()))
					.part("status", Output.code(status.status()))
					.part("eventsSinceSubscriptionStart", Math.toIntExact(status.eventsSinceStart()))
					.part("pending", pendingBySubscription.getOrDefault(id, 0L).intValue())
					.part("lastDelivered", state == null ? null : instant(state.lastDelivered()))
					.part("error", status.error());
		}
		return answer;
	}

	private static InstantType instant(java.time.Instant instant) {
		return instant == null ? null : new InstantType(Date.from(instant));
	}

	private boolean coversStudy(Subscription subscription, String study) {
		try {
			Set<String> studies = SubscriptionReader.read(subscription, knownCriteria.get()).filter().studies();
			return studies.isEmpty() || studies.contains(study);
		} catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** Where a subscription stands: off when its owner turned it off, error while deliveries fail, else active. */
	private NotificationBundles.Status statusOf(Subscription subscription) {
		String id = subscription.getIdElement().getIdPart();
		SubscriptionStateRow state = transactions.execute(tx -> entityManager.find(SubscriptionStateRow.class, id));
		long count = state == null ? 0 : state.eventCount();
		String status = subscription.getStatus() == Subscription.SubscriptionStatus.OFF ? "off"
				: state != null && state.failures() > 0 ? "error" : "active";
		return new NotificationBundles.Status("Subscription/" + id,
				Topic.ofCanonical(subscription.getCriteria()).map(Topic::canonical).orElse(subscription.getCriteria()),
				status, count, state != null && state.failures() > 0 ? state.lastError() : null);
	}

	private Subscription readVisible(String id, RequestDetails request) {
		Subscription subscription = subscriptions.read(id);
		if (subscription == null) {
			throw new ResourceNotFoundException("Subscription/" + id + " is not known");
		}
		guard.checkOwner(id, request, "see");
		return subscription;
	}

	/** The subscriptions the caller may see, by id in id order: all, or those its site created. */
	private Map<String, Subscription> visible(RequestDetails request) {
		String site = Callers.of(request).siteRestriction().orElse(null);
		List<String> ids = new java.util.ArrayList<>();
		transactions.executeWithoutResult(tx -> entityManager.createQuery("SELECT s FROM SubscriptionStateRow s"
						+ " ORDER BY s.subscriptionId", SubscriptionStateRow.class).getResultStream()
				.filter(s -> site == null || site.equals(s.ownerSite())).forEach(s -> ids.add(s.subscriptionId())));
		Map<String, Subscription> visible = new LinkedHashMap<>();
		for (String id : ids) {
			Subscription subscription = subscriptions.read(id); // deleted ones keep their state row
			if (subscription != null) {
				visible.put(id, subscription);
			}
		}
		return visible;
	}
}
