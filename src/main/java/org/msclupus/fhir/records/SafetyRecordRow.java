package org.msclupus.fhir.records;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * What one stored record (an adverse event, a laboratory value or vital sign, an MSC infusion) gives the safety
 * summary, kept beside HAPI's own tables and written in the same transaction as the record, as {@link
 * ResponseEvidence} is for the response rules (ADR 0019).
 */
@Entity
@Table(name = "MSC_SAFETY_RECORD", indexes = @Index(name = "IDX_MSC_SAFETY_PATIENT", columnList = "PATIENT_ID"))
@AttributeOverride(name = "body", column = @Column(name = "FACTS", length = 1_000_000, nullable = false))
public class SafetyRecordRow extends RecordIndexRow {

	protected SafetyRecordRow() {
		// for JPA
	}

	/** @param facts {@link SafetyRecordIndex#encode} of the record's current version */
	SafetyRecordRow(String resourceKey, String patientId, Long resourceVersion, String facts, int mappingVersion) {
		super(resourceKey, patientId, resourceVersion, facts, mappingVersion);
	}
}
