package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The subscriptions that receive notifications now: stored, active, and in a shape this server serves. */
class ActiveSubscriptions {

	private static final Logger log = LoggerFactory.getLogger(ActiveSubscriptions.class);

	private final DaoRegistry daos;
	private final Supplier<List<String>> knownCriteria;

	ActiveSubscriptions(DaoRegistry daos, Supplier<List<String>> knownCriteria) {
		this.daos = daos;
		this.knownCriteria = knownCriteria;
	}

	/** By subscription id, in id order (the order locks are taken in, so two nodes cannot deadlock). */
	Map<String, SubscriptionRequest> load() {
		SearchParameterMap active = SearchParameterMap.newSynchronous(Subscription.SP_STATUS,
				new TokenParam(Subscription.SubscriptionStatus.ACTIVE.toCode()));
		Map<String, SubscriptionRequest> byId = new TreeMap<>();
		for (IBaseResource found : daos.getResourceDao(Subscription.class).search(active, new SystemRequestDetails())
				.getAllResources()) {
			Subscription subscription = (Subscription) found;
			try {
				SubscriptionRequest request = SubscriptionReader.read(subscription, knownCriteria.get());
				byId.put(request.id(), request);
			} catch (IllegalArgumentException e) {
				// Stored before a rule tightened, or written around the guard: say so, deliver nothing to it.
				log.warn("Subscription/{} is not served: {}", subscription.getIdElement().getIdPart(), e.getMessage());
			}
		}
		return byId;
	}

	/** One subscription, active or not (for $status and $events); null when it does not exist or cannot be read. */
	Subscription read(String id) {
		try {
			return daos.getResourceDao(Subscription.class).read(new org.hl7.fhir.r4.model.IdType("Subscription", id),
					new SystemRequestDetails());
		} catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
				| ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
			return null;
		}
	}
}
