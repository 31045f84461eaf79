package org.msclupus.fhir.records;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * One row of a {@link RecordIndex}: what one stored record gives an answer, written in the record's transaction and
 * following its current version. Each index's table names its own {@code body} column.
 */
@MappedSuperclass
public abstract class RecordIndexRow {

	/** The record, as {@code Observation/123} (unversioned: the row follows the current version). */
	@Id
	@Column(name = "RES_KEY", length = 200, nullable = false)
	private String resourceKey;

	/** The id part of the record's subject reference. */
	@Column(name = "PATIENT_ID", length = 100, nullable = false)
	private String patientId;

	/** What the record gives, encoded by the index. */
	private String body;

	/** The record's version the body is of; null only in rows written before versions were kept. */
	@Column(name = "RES_VERSION")
	private Long resourceVersion;

	/** The mapping version of the code that wrote the row. */
	@Column(name = "MAPPING_VERSION", nullable = false)
	private int mappingVersion;

	protected RecordIndexRow() {
		// for JPA
	}

	protected RecordIndexRow(String resourceKey, String patientId, Long resourceVersion, String body,
			int mappingVersion) {
		this.resourceKey = resourceKey;
		update(patientId, resourceVersion, body, mappingVersion);
	}

	void update(String patientId, Long resourceVersion, String body, int mappingVersion) {
		this.patientId = patientId;
		this.resourceVersion = resourceVersion;
		this.body = body;
		this.mappingVersion = mappingVersion;
	}

	public String resourceKey() {
		return resourceKey;
	}

	public String patientId() {
		return patientId;
	}

	protected String body() {
		return body;
	}

	public int mappingVersion() {
		return mappingVersion;
	}
}
