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
import java.util.Arrays;
import java.util.List;

/**
 * One event of a topic, written in the transaction of the change that caused it, so no acknowledged write loses its
 * notification (ADR 0018). Fanned out to the matching subscriptions afterwards, off the writer's path. A
 * {@code FIRE_KEY} is unique: a serious adverse event fires once however often it is updated.
 */
@Entity
@Table(name = "MSC_TOPIC_EVENT",
		uniqueConstraints = @UniqueConstraint(name = "IDX_MSC_TOPIC_EVENT_FIRE", columnNames = "FIRE_KEY"),
		indexes = @Index(name = "IDX_MSC_TOPIC_EVENT_PENDING", columnList = "FANNED_OUT"))
public class TopicEventRow {

	@Id
	@SequenceGenerator(name = "SEQ_MSC_TOPIC_EVENT", sequenceName = "SEQ_MSC_TOPIC_EVENT", allocationSize = 1)
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SEQ_MSC_TOPIC_EVENT")
	@Column(name = "ID")
	private Long id;

	@Column(name = "TOPIC", length = 200, nullable = false)
	private String topic;

	/** The focus, versioned: {@code AdverseEvent/12/_history/2}. */
	@Column(name = "FOCUS", length = 200, nullable = false)
	private String focus;

	@Column(name = "PATIENT_ID", length = 100)
	private String patientId;

	/** The studies the focus belongs to, comma-separated {@code ResearchStudy/<id>}. */
	@Column(name = "STUDIES", length = 1000)
	private String studies;

	/** The sites that enrolled the subject when the event happened, comma-separated. */
	@Column(name = "SITES", length = 1000)
	private String sites;

	@Column(name = "CRITERIA", length = 64)
	private String criteria;

	@Column(name = "FROM_CATEGORY", length = 16)
	private String fromCategory;

	@Column(name = "TO_CATEGORY", length = 16)
	private String toCategory;

	@Column(name = "OCCURRED", nullable = false)
	private Instant occurred;

	@Column(name = "FIRE_KEY", length = 300)
	private String fireKey;

	@Column(name = "FANNED_OUT", nullable = false)
	private boolean fannedOut;

	protected TopicEventRow() {
		// for JPA
	}

	TopicEventRow(String topic, String focus, String patientId, List<String> studies, List<String> sites,
			Instant occurred, String fireKey) {
		this.topic = topic;
		this.focus = focus;
		this.patientId = patientId;
		this.studies = String.join(",", studies);
		this.sites = String.join(",", sites);
		this.occurred = occurred;
		this.fireKey = fireKey;
	}

	TopicEventRow change(String criteria, String from, String to) {
		this.criteria = criteria;
		this.fromCategory = from;
		this.toCategory = to;
		return this;
	}

	Long id() {
		return id;
	}

	String topic() {
		return topic;
	}

	String focus() {
		return focus;
	}

	String patientId() {
		return patientId;
	}

	List<String> studies() {
		return split(studies);
	}

	List<String> sites() {
		return split(sites);
	}

	String criteria() {
		return criteria;
	}

	String fromCategory() {
		return fromCategory;
	}

	String toCategory() {
		return toCategory;
	}

	Instant occurred() {
		return occurred;
	}

	boolean fannedOut() {
		return fannedOut;
	}

	void fannedOut(boolean value) {
		this.fannedOut = value;
	}

	private static List<String> split(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}
}
