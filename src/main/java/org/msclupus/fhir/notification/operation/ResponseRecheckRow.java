package org.msclupus.fhir.notification.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The durable mark that a patient's evidence changed and its subjects' responses must be evaluated again: appended in
 * the writing transaction (an insert, no lock on anything shared), consumed by the dispatcher.
 */
@Entity
@Table(name = "MSC_RESPONSE_RECHECK")
public class ResponseRecheckRow {

	@Id
	@SequenceGenerator(name = "SEQ_MSC_RESPONSE_RECHECK", sequenceName = "SEQ_MSC_RESPONSE_RECHECK", allocationSize = 50)
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SEQ_MSC_RESPONSE_RECHECK")
	@Column(name = "ID")
	private Long id;

	@Column(name = "PATIENT_ID", length = 100, nullable = false)
	private String patientId;

	@Column(name = "MARKED", nullable = false)
	private Instant marked;

	protected ResponseRecheckRow() {
		// for JPA
	}

	ResponseRecheckRow(String patientId, Instant marked) {
		this.patientId = patientId;
		this.marked = marked;
	}

	Long id() {
		return id;
	}

	String patientId() {
		return patientId;
	}
}
