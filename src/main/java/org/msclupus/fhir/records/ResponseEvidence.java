package org.msclupus.fhir.records;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * What one stored record (a trial Observation, an MSC infusion, a glucocorticoid statement) contributes to its
 * patient's response time line, kept beside HAPI's own tables and written in the same transaction as the record.
 * A study evaluation reads these short rows instead of parsing every record (ADR 0005).
 */
@Entity
@Table(name = "MSC_RESPONSE_EVIDENCE", indexes = @Index(name = "IDX_MSC_EVIDENCE_PATIENT", columnList = "PATIENT_ID"))
@AttributeOverride(name = "body", column = @Column(name = "ENTRIES", length = 4000, nullable = false))
public class ResponseEvidence extends RecordIndexRow {

	protected ResponseEvidence() {
		// for JPA
	}

	/** @param entries {@link TimelineEntries#encode()} of the record's current version */
	ResponseEvidence(String resourceKey, String patientId, Long resourceVersion, String entries, int mappingVersion) {
		super(resourceKey, patientId, resourceVersion, entries, mappingVersion);
	}

	public String entries() {
		return body();
	}
}
