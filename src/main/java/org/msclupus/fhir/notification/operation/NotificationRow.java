package org.msclupus.fhir.notification.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One event of one subscription, with its event number (1, 2, … per subscription, so a subscriber sees a gap) and
 * where its delivery stands. Unique per subscription and topic event, so two nodes fanning out the same event
 * cannot give it two numbers.
 */
@Entity
@Table(name = "MSC_NOTIFICATION",
		uniqueConstraints = {
				@UniqueConstraint(name = "IDX_MSC_NOTIFICATION_NUMBER", columnNames = {"SUBSCRIPTION_ID", "EVENT_NUMBER"}),
				@UniqueConstraint(name = "IDX_MSC_NOTIFICATION_EVENT", columnNames = {"SUBSCRIPTION_ID", "TOPIC_EVENT_ID"})},
		indexes = @Index(name = "IDX_MSC_NOTIFICATION_STATE", columnList = "STATE"))
public class NotificationRow {

	/** Where a delivery stands. */
	enum State {
		/** Not yet delivered; tried again per the retry schedule. */
		PENDING,
		/** The endpoint answered 2xx. */
		DELIVERED,
		/** Not delivered within the retry period; still readable through $events. */
		GIVEN_UP,
		/** Not sent: at delivery the subscription's site no longer covered the subject. */
		WITHHELD
	}

	@Id
	@SequenceGenerator(name = "SEQ_MSC_NOTIFICATION", sequenceName = "SEQ_MSC_NOTIFICATION", allocationSize = 1)
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SEQ_MSC_NOTIFICATION")
	@Column(name = "ID")
	private Long id;

	@Column(name = "SUBSCRIPTION_ID", length = 100, nullable = false)
	private String subscriptionId;

	@Column(name = "EVENT_NUMBER", nullable = false)
	private long eventNumber;

	@Column(name = "TOPIC_EVENT_ID", nullable = false)
	private long topicEventId;

	@Column(name = "STATE", length = 16, nullable = false)
	private String state;

	@Column(name = "ATTEMPTS", nullable = false)
	private int attempts;

	@Column(name = "LAST_ERROR", length = 1000)
	private String lastError;

	@Column(name = "DELIVERED_AT")
	private Instant deliveredAt;

	protected NotificationRow() {
		// for JPA
	}

	NotificationRow(String subscriptionId, long eventNumber, long topicEventId) {
		this.subscriptionId = subscriptionId;
		this.eventNumber = eventNumber;
		this.topicEventId = topicEventId;
		this.state = State.PENDING.name();
	}

	Long id() {
		return id;
	}

	String subscriptionId() {
		return subscriptionId;
	}

	long eventNumber() {
		return eventNumber;
	}

	long topicEventId() {
		return topicEventId;
	}

	State state() {
		return State.valueOf(state);
	}

	int attempts() {
		return attempts;
	}

	String lastError() {
		return lastError;
	}

	Instant deliveredAt() {
		return deliveredAt;
	}

	void delivered(Instant at) {
		this.attempts++;
		this.state = State.DELIVERED.name();
		this.deliveredAt = at;
		this.lastError = null;
	}

	void failed(String error) {
		this.attempts++;
		this.lastError = error;
	}

	void end(State end, String why) {
		this.state = end.name();
		this.lastError = why;
	}
}
