package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Subscription;
import org.msclupus.fhir.notification.BackportIg;
import org.msclupus.fhir.notification.PayloadContent;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.msclupus.fhir.security.Callers;

/**
 * Subscriptions as the backport IG has them, and only what this server can deliver: a topic it publishes, filters
 * the topic defines, a rest-hook to https (plain http only on loopback); refused with a 422 naming the problem,
 * nothing stored. Fills the defaults ({@code id-only}, JSON) into the stored resource so it says what will be sent,
 * and marks it active. Records which site's token created it: a site's subscription receives that site's events
 * only, and only that site may see, change or delete it.
 */
public class SubscriptionGuard {

	private final EntityManager entityManager;
	private final Supplier<List<String>> knownCriteria;
	private final Clock clock;

	SubscriptionGuard(EntityManager entityManager, Supplier<List<String>> knownCriteria, Clock clock) {
		this.entityManager = entityManager;
		this.knownCriteria = knownCriteria;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			checkAndComplete(subscription);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			checkOwner(subscription.getIdElement().getIdPart(), request, "change");
			checkAndComplete(subscription);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			checkOwner(subscription.getIdElement().getIdPart(), request, "delete");
		}
	}

	/** The owner is recorded in the transaction that stores the subscription. */
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			String id = subscription.getIdElement().getIdPart();
			if (entityManager.find(SubscriptionStateRow.class, id) == null) {
				entityManager.persist(new SubscriptionStateRow(id, siteOf(request), clock.instant()));
			}
		}
	}

	/** A deleted subscription is sent nothing more; what it was sent stays, for the audit and $notifications. */
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof Subscription subscription) {
			entityManager.createQuery("UPDATE NotificationRow n SET n.state = :ended, n.lastError = :why"
							+ " WHERE n.subscriptionId = :id AND n.state = :pending")
					.setParameter("ended", NotificationRow.State.GIVEN_UP.name())
					.setParameter("why", "the subscription was deleted")
					.setParameter("id", subscription.getIdElement().getIdPart())
					.setParameter("pending", NotificationRow.State.PENDING.name()).executeUpdate();
		}
	}

	/** A site's token sees its own site's subscriptions only (their endpoints and headers are the site's). */
	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void beforeShow(IPreResourceShowDetails details, RequestDetails request) {
		String site = siteOf(request);
		if (site == null) {
			return;
		}
		for (int i = 0; i < details.size(); i++) {
			if (details.getResource(i) instanceof Subscription subscription
					&& !site.equals(ownerOf(subscription.getIdElement().getIdPart()))) {
				details.setResource(i, null);
			}
		}
	}

	/**
	 * @throws ForbiddenOperationException when a site's token acts on a subscription another site (or the sponsor) owns
	 */
	void checkOwner(String subscriptionId, RequestDetails request, String action) {
		String site = siteOf(request);
		if (site != null && !site.equals(ownerOf(subscriptionId))) {
			throw new ForbiddenOperationException("A token restricted to " + site + " cannot " + action
					+ " Subscription/" + subscriptionId + ", which it did not create");
		}
	}

	private String ownerOf(String subscriptionId) {
		SubscriptionStateRow state = entityManager.find(SubscriptionStateRow.class, subscriptionId);
		return state == null ? null : state.ownerSite();
	}

	private static String siteOf(RequestDetails request) {
		return request == null ? null : Callers.of(request).siteRestriction().orElse(null);
	}

	private void checkAndComplete(Subscription subscription) {
		try {
			SubscriptionReader.read(subscription, knownCriteria.get());
		} catch (IllegalArgumentException e) {
			throw new UnprocessableEntityException(e.getMessage());
		}
		Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
		if (!channel.hasPayload()) {
			channel.setPayload(SubscriptionRequest.DEFAULT_MIME_TYPE);
		}
		if (!channel.getPayloadElement().hasExtension(BackportIg.PAYLOAD_CONTENT)) {
			channel.getPayloadElement().addExtension(BackportIg.PAYLOAD_CONTENT,
					new CodeType(PayloadContent.DEFAULT.code()));
		}
		if (subscription.getStatus() == null || subscription.getStatus() == Subscription.SubscriptionStatus.REQUESTED
				|| subscription.getStatus() == Subscription.SubscriptionStatus.ERROR) {
			// Accepted means active; delivery trouble is reported by $status, not by rewriting the resource.
			subscription.setStatus(Subscription.SubscriptionStatus.ACTIVE);
		}
		if (!subscription.getMeta().hasProfile(BackportIg.SUBSCRIPTION_PROFILE)) {
			subscription.getMeta().addProfile(BackportIg.SUBSCRIPTION_PROFILE);
		}
	}
}
