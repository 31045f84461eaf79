package org.msclupus.fhir.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * What one stored record (a trial Observation, an MSC infusion, a glucocorticoid statement) contributes to its
 * patient's response time line, kept beside HAPI's own tables and written in the same transaction as the record.
 * A study evaluation reads these short rows instead of parsing every record (ADR 0005).
 */
@Entity
@Table(name = "MSC_RESPONSE_EVIDENCE", indexes = @Index(name = "IDX_MSC_EVIDENCE_PATIENT", columnList = "PATIENT_ID"))
public class ResponseEvidence {

	/** The record, as {@code Observation/123} (unversioned: the row follows the current version). */
	@Id
	@Column(name = "RES_KEY", length = 200, nullable = false)
	private String resourceKey;

	/** The id part of the record's subject reference. */
	@Column(name = "PATIENT_ID", length = 100, nullable = false)
	private String patientId;

	/** {@link TimelineEntries#encode()} of the record's current version. */
	@Column(name = "ENTRIES", length = 4000, nullable = false)
	private String entries;

	/** The record's version the entries are of; null only in rows written before versions were kept. */
	@Column(name = "RES_VERSION")
	private Long resourceVersion;

	/** {@link TimelineMapper#MAPPING_VERSION} of the code that wrote the row. */
	@Column(name = "MAPPING_VERSION", nullable = false)
	private int mappingVersion;

	protected ResponseEvidence() {
		// for JPA
	}

	ResponseEvidence(String resourceKey, String patientId, Long resourceVersion, String entries, int mappingVersion) {
		this.resourceKey = resourceKey;
		update(patientId, resourceVersion, entries, mappingVersion);
	}

	void update(String patientId, Long resourceVersion, String entries, int mappingVersion) {
		this.patientId = patientId;
		this.resourceVersion = resourceVersion;
		this.entries = entries;
		this.mappingVersion = mappingVersion;
	}

	public String resourceKey() {
		return resourceKey;
	}

	public String patientId() {
		return patientId;
	}

	public String entries() {
		return entries;
	}

	public int mappingVersion() {
		return mappingVersion;
	}
}
