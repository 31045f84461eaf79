package org.msclupus.fhir.notification.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The last category recorded for one subject and criteria set, which the next evaluation is compared with. The
 * version column makes two nodes evaluating the same subject at once announce a change only once.
 */
@Entity
@Table(name = "MSC_RESPONSE_STATE")
public class ResponseStateRow {

	/** {@code ResearchSubject/<id>|<criteria>}. */
	@Id
	@Column(name = "STATE_KEY", length = 200, nullable = false)
	private String key;

	@Column(name = "CATEGORY", length = 16, nullable = false)
	private String category;

	@Column(name = "UPDATED", nullable = false)
	private Instant updated;

	@Version
	@Column(name = "OPT_LOCK")
	private long optimisticLock;

	protected ResponseStateRow() {
		// for JPA
	}

	ResponseStateRow(String subject, String criteria, String category, Instant updated) {
		this.key = keyOf(subject, criteria);
		this.category = category;
		this.updated = updated;
	}

	static String keyOf(String subject, String criteria) {
		return subject + "|" + criteria;
	}

	String category() {
		return category;
	}

	void category(String value, Instant at) {
		this.category = value;
		this.updated = at;
	}
}
