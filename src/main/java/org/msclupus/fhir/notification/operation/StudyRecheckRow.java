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
 * The durable mark that a study changed (its criteria sets, say), so every subject enrolled in it must be
 * evaluated again: one insert in the writing transaction, turned into a {@link ResponseRecheckRow} per
 * enrolled patient by the dispatcher, off the writer's path.
 */
@Entity
@Table(name = "MSC_STUDY_RECHECK")
public class StudyRecheckRow {

	@Id
	@SequenceGenerator(name = "SEQ_MSC_STUDY_RECHECK", sequenceName = "SEQ_MSC_STUDY_RECHECK", allocationSize = 1)
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SEQ_MSC_STUDY_RECHECK")
	@Column(name = "ID")
	private Long id;

	@Column(name = "STUDY_ID", length = 100, nullable = false)
	private String studyId;

	@Column(name = "MARKED", nullable = false)
	private Instant marked;

	protected StudyRecheckRow() {
		// for JPA
	}

	StudyRecheckRow(String studyId, Instant marked) {
		this.studyId = studyId;
		this.marked = marked;
	}

	Long id() {
		return id;
	}

	String studyId() {
		return studyId;
	}
}
