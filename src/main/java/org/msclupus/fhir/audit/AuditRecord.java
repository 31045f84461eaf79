package org.msclupus.fhir.audit;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;

/**
 * The audit trail's table: one row per AuditEvent, appended in the transaction of what it records and never
 * changed, plus one row per resource the event names. Declared here so that Hibernate creates the tables with
 * HAPI's; {@link AuditStore} reads and writes them over JDBC (ADR 0014).
 */
@Entity
@Table(name = AuditRecord.TABLE, indexes = @Index(name = "IDX_MSC_AUDIT_RECORDED", columnList = "RECORDED"))
public class AuditRecord {

	static final String TABLE = "MSC_AUDIT_EVENT";
	static final String ENTITY_TABLE = "MSC_AUDIT_ENTITY";

	/** The AuditEvent's id. */
	@Id
	@Column(name = "ID", length = 64, nullable = false)
	private String id;

	@Column(name = "RECORDED", nullable = false)
	private Instant recorded;

	/** AuditEvent.action (C, R, U, D, E). */
	@Column(name = "ACTION", length = 1)
	private String action;

	/** The first AuditEvent.subtype code (the RESTful interaction: read, create, search-type, operation...). */
	@Column(name = "SUBTYPE", length = 40)
	private String subtype;

	/** AuditEvent.outcome (0, 4, 8, 12). */
	@Column(name = "OUTCOME", length = 2)
	private String outcome;

	/** The AuditEvent as FHIR JSON. */
	@Column(name = "BODY", length = 1_048_576, nullable = false)
	private String body;

	/** Every AuditEvent.entity.what reference: what the {@code entity} and {@code patient} searches match. */
	@ElementCollection
	@CollectionTable(name = ENTITY_TABLE, joinColumns = @JoinColumn(name = "EVENT_ID"),
			indexes = @Index(name = "IDX_MSC_AUDIT_ENTITY_REF", columnList = "REF"))
	@Column(name = "REF", length = 400, nullable = false)
	private Set<String> references;

	protected AuditRecord() {
		// for JPA's schema only
	}
}
