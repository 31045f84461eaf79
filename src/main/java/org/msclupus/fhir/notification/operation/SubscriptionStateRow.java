package org.msclupus.fhir.notification.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * Where one subscription's deliveries stand: its event count, who owns it, its failures and the node delivering it
 * now. Every change takes this row's lock, which is what makes event numbers gapless and a delivery happen on one
 * node of a cluster at a time.
 */
@Entity
@DynamicUpdate
@Table(name = "MSC_SUBSCRIPTION_STATE")
public class SubscriptionStateRow {

	@Id
	@Column(name = "SUBSCRIPTION_ID", length = 100, nullable = false)
	private String subscriptionId;

	/** The site whose token created the subscription ({@code Organization/<id>}); null for a sponsor-wide one. */
	@Column(name = "OWNER_SITE", length = 200)
	private String ownerSite;

	@Column(name = "CREATED", nullable = false)
	private Instant created;

	@Column(name = "EVENT_COUNT", nullable = false)
	private long eventCount;

	/** Failed deliveries in a row; 0 once one succeeds. */
	@Column(name = "FAILURES", nullable = false)
	private int failures;

	@Column(name = "NEXT_ATTEMPT")
	private Instant nextAttempt;

	@Column(name = "LAST_ERROR", length = 1000)
	private String lastError;

	@Column(name = "LAST_DELIVERED")
	private Instant lastDelivered;

	/** The last notification of any kind that reached the endpoint (events and heartbeats). */
	@Column(name = "LAST_SENT")
	private Instant lastSent;

	@Column(name = "CLAIMED_BY", length = 100)
	private String claimedBy;

	@Column(name = "CLAIMED_UNTIL")
	private Instant claimedUntil;

	protected SubscriptionStateRow() {
		// for JPA
	}

	SubscriptionStateRow(String subscriptionId, String ownerSite, Instant created) {
		this.subscriptionId = subscriptionId;
		this.ownerSite = ownerSite;
		this.created = created;
		this.lastSent = created;
	}

	String subscriptionId() {
		return subscriptionId;
	}

	String ownerSite() {
		return ownerSite;
	}

	Instant created() {
		return created;
	}

	long eventCount() {
		return eventCount;
	}

	long nextEventNumber() {
		return ++eventCount;
	}

	int failures() {
		return failures;
	}

	Instant nextAttempt() {
		return nextAttempt;
	}

	String lastError() {
		return lastError;
	}

	Instant lastDelivered() {
		return lastDelivered;
	}

	Instant lastSent() {
		return lastSent;
	}

	boolean claimable(Instant now) {
		return claimedUntil == null || claimedUntil.isBefore(now);
	}

	boolean claimedBy(String node) {
		return node.equals(claimedBy);
	}

	void claim(String node, Instant until) {
		this.claimedBy = node;
		this.claimedUntil = until;
	}

	void release() {
		this.claimedBy = null;
		this.claimedUntil = null;
	}

	void succeeded(Instant at, boolean event) {
		this.failures = 0;
		this.nextAttempt = null;
		this.lastError = null;
		this.lastSent = at;
		if (event) {
			this.lastDelivered = at;
		}
	}

	void failed(String error, Instant retryAt) {
		this.failures++;
		this.lastError = error;
		this.nextAttempt = retryAt;
	}
}
