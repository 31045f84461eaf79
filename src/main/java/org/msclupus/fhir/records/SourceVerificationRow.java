package org.msclupus.fhir.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.msclupus.fhir.verification.Decision;
import org.msclupus.fhir.verification.VerificationRecord;

/**
 * Where source-data verification of one record stands: its last decision and its last verified version, with what
 * that version contributed to the time line. A projection of the decisions' Provenance resources, written in the same
 * transaction as each of them, so the queue and the verified-only answers need not search Provenance (ADR 0016).
 */
@Entity
@Table(name = "MSC_SOURCE_VERIFICATION",
		indexes = @Index(name = "IDX_MSC_VERIFICATION_PATIENT", columnList = "PATIENT_ID"))
public class SourceVerificationRow {

	/** The record, as {@code Observation/123}. */
	@Id
	@Column(name = "RES_KEY", length = 200, nullable = false)
	private String resourceKey;

	@Column(name = "PATIENT_ID", length = 100, nullable = false)
	private String patientId;

	@Column(name = "DECISION", length = 20, nullable = false)
	private String decision;

	@Column(name = "DECIDED_VERSION", nullable = false)
	private long decidedVersion;

	@Column(name = "VERIFIED_VERSION")
	private Long verifiedVersion;

	@Column(name = "QUERY_TEXT", length = 2000)
	private String queryText;

	/** {@link TimelineEntries#encode()} of the verified version, counted while a later version waits. */
	@Column(name = "VERIFIED_ENTRIES", length = 4000)
	private String verifiedEntries;

	@Version
	@Column(name = "OPT_LOCK")
	private long optimisticLock;

	protected SourceVerificationRow() {
		// for JPA
	}

	SourceVerificationRow(String resourceKey, String patientId) {
		this.resourceKey = resourceKey;
		this.patientId = patientId;
	}

	VerificationRecord record() {
		return decision == null ? VerificationRecord.undecided() : new VerificationRecord(
				Decision.ofCode(decision).orElseThrow(), decidedVersion, verifiedVersion, queryText);
	}

	void set(VerificationRecord record, String entriesOfVerifiedVersion) {
		this.decision = record.decision().code();
		this.decidedVersion = record.decidedVersion();
		this.verifiedVersion = record.verifiedVersion();
		this.queryText = record.queryText();
		if (record.decision() == Decision.VERIFIED) {
			this.verifiedEntries = entriesOfVerifiedVersion;
		}
	}

	String resourceKey() {
		return resourceKey;
	}

	String patientId() {
		return patientId;
	}

	String verifiedEntries() {
		return verifiedEntries;
	}
}
