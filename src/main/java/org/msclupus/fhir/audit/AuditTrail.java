package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.msclupus.fhir.security.Caller;
import org.springframework.transaction.annotation.Propagation;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends AuditEvents to the server's own audit table ({@link AuditStore}, ADR 0014); clients can never write them.
 * An event reported inside a database transaction (every write, and some reads) is appended in that same transaction,
 * just before it commits, so a committed write always has its record and a rolled-back one has none. The others
 * (searches, operations, refusals) are appended at once in a transaction of their own, and a failure to store one
 * fails the request.
 */
public class AuditTrail implements IBalpAuditEventSink {

	static final String LOCAL_USERS = "urn:msc-lupus:local-user";
	static final String CLIENTS = "urn:msc-lupus:oauth-client";
	/**
	 * Base of the logical references by which audit records name resources of this server
	 * ({@code <base>Patient/123}): stored and searchable ({@code AuditEvent?entity=<base>Patient/123}), never
	 * resolved, so a record neither blocks the deletion of what it names nor fails when that is already gone.
	 */
	public static final String REFERENCE_BASE = "http://msc-lupus.org/fhir/audited/";

	/** The logical reference of a resource ({@code Patient/123}) in the audit trail. */
	public static String auditReference(String relativeId) {
		return relativeId == null ? null : REFERENCE_BASE + relativeId;
	}

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditTrail.class);

	private final EntityManager entityManager;
	private final IHapiTransactionService transactions;
	private final FhirContext fhirContext;
	private final ThreadLocal<List<AuditEvent>> later = ThreadLocal.withInitial(ArrayList::new);
	private final TimeOrderedIds ids = new TimeOrderedIds();

	public AuditTrail(EntityManager entityManager, IHapiTransactionService transactions, FhirContext fhirContext) {
		this.entityManager = entityManager;
		this.transactions = transactions;
		this.fhirContext = fhirContext;
	}

	/**
	 * From HAPI's BALP interceptor. An event reported from inside a database transaction is appended on that
	 * transaction's connection just before it commits; if the transaction rolls back, a write's event goes with it
	 * and a read's is stored when the request completes ({@link #storeCommitted()}).
	 */
	@Override
	public void recordAuditEvent(AuditEvent event) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			pendingInThisTransaction().add(event);
		} else {
			record(event);
		}
	}

	private List<AuditEvent> pendingInThisTransaction() {
		@SuppressWarnings("unchecked")
		List<AuditEvent> pending = (List<AuditEvent>) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			List<AuditEvent> events = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, events);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
					if (readOnly) {
						// A read-only transaction takes no insert (PostgreSQL refuses it); its events, reads, are
						// stored after it, below.
						return;
					}
					append(events);
					events.clear();
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
					// Left here: the events of a read-only transaction, a read of a transaction that rolled back (it
					// did happen), or an event reported after the commit had begun; stored when the request ends.
					events.stream().filter(e -> status == STATUS_COMMITTED || !isWrite(e)).forEach(later.get()::add);
				}
			});
			pending = events;
		}
		return pending;
	}

	private static boolean isWrite(AuditEvent event) {
		AuditEventAction action = event.getAction();
		return action == AuditEventAction.C || action == AuditEventAction.U || action == AuditEventAction.D;
	}

	/** Stores the events a transaction on this thread left behind (see above); called when a request ends. */
	public void storeCommitted() {
		List<AuditEvent> events = new ArrayList<>(later.get());
		later.remove();
		if (events.isEmpty()) {
			return;
		}
		try {
			inNewTransaction(events);
		} catch (RuntimeException e) {
			// The request is done and answered; its records must not vanish silently.
			ca.uhn.fhir.parser.IParser json = fhirContext.newJsonParser();
			events.forEach(event -> log.error("Audit record not stored: {}", json.encodeResourceToString(event)));
			log.error("Could not store {} audit records after their request", events.size(), e);
		}
	}

	/** Forgets events left by a request that ended abnormally before {@link #storeCommitted()}. */
	public void forgetCommitted() {
		later.remove();
	}

	/** Stored in a transaction of its own. */
	public void record(AuditEvent event) {
		inNewTransaction(List.of(event));
	}

	private void inNewTransaction(List<AuditEvent> events) {
		transactions.withSystemRequest().withPropagation(Propagation.REQUIRES_NEW).execute(() -> append(events));
	}

	/** Appends on the connection of the current transaction. */
	private void append(List<AuditEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		ca.uhn.fhir.parser.IParser json = fhirContext.newJsonParser();
		List<AuditStore.Row> rows = events.stream().map(event -> rowOf(event, ids.next(), json)).toList();
		entityManager.unwrap(Session.class).doWork(connection -> AuditStore.append(connection, rows));
	}

	/** The stored form of an event, which gets its id, version and last-updated time here. */
	static AuditStore.Row rowOf(AuditEvent event, String id, ca.uhn.fhir.parser.IParser json) {
		Date recorded = event.hasRecorded() ? event.getRecorded() : new Date();
		event.setRecorded(recorded);
		event.setId(id);
		event.getMeta().setVersionId("1").setLastUpdated(recorded);
		Set<String> references = new LinkedHashSet<>(references(event));
		return new AuditStore.Row(id, recorded.toInstant(), event.hasAction() ? event.getAction().toCode() : null,
				event.hasSubtype() ? event.getSubtypeFirstRep().getCode() : null,
				event.hasOutcome() ? event.getOutcome().toCode() : null, references,
				AuditEventJson.write(event).orElseGet(() -> json.encodeResourceToString(event)));
	}

	/** The user agent: the token subject, named within its issuer. */
	public static Reference userOf(Caller caller) {
		Reference who = new Reference();
		who.getIdentifier().setSystem(caller.issuer() != null ? caller.issuer() : LOCAL_USERS).setValue(caller.subject());
		return who.setDisplay(caller.subject());
	}

	/** The client agent: the OAuth client the token was issued to. */
	public static Reference clientOf(Caller caller) {
		Reference who = new Reference();
		String client = caller.clientId() != null ? caller.clientId() : "unknown";
		who.getIdentifier().setSystem(CLIENTS).setValue(client);
		return who.setDisplay(client);
	}

	/**
	 * An event in the shape of the IHE Basic Audit Log Patterns for what HAPI's BALP interceptor does not cover:
	 * operations, history and refused requests.
	 *
	 * @param interaction a code of http://hl7.org/fhir/restful-interaction
	 * @param status the HTTP status answered
	 * @param target the resource acted on ({@code ResearchStudy/x}), may be null
	 * @param patient the patient concerned ({@code Patient/x}), may be null
	 */
	public static AuditEvent event(Caller caller, String interaction, AuditEventAction action, int status,
			String detail, String method, String url, String clientAddress, String serverBase, String target,
			String patient) {
		AuditEvent event = new AuditEvent();
		event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
		event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(interaction);
		event.setAction(action);
		event.setRecorded(new Date());
		event.setOutcome(status < 400 ? AuditEventOutcome._0 : status < 500 ? AuditEventOutcome._4 : AuditEventOutcome._8);
		if (status >= 400) {
			event.setOutcomeDesc("HTTP " + status + (detail == null ? "" : ": " + detail));
		}
		event.getSource().getObserver().setDisplay(serverBase);

		AuditEvent.AuditEventAgentComponent client = event.addAgent();
		client.getType().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110153")
				.setDisplay("Source Role ID");
		client.setWho(clientOf(caller)).setRequestor(false);
		client.getNetwork().setAddress(clientAddress).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);

		AuditEvent.AuditEventAgentComponent server = event.addAgent();
		server.getType().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110152")
				.setDisplay("Destination Role ID");
		server.getWho().setDisplay(serverBase);
		server.getNetwork().setAddress(serverBase).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_URI);
		server.setRequestor(false);

		AuditEvent.AuditEventAgentComponent user = event.addAgent();
		user.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType")
				.setCode("IRCP").setDisplay("information recipient");
		user.setWho(userOf(caller)).setRequestor(true);

		if (target != null) {
			entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE)
					.getWhat().setReference(auditReference(target));
		}
		if (patient != null) {
			entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_OBJECT_ROLE_1_PATIENT)
					.getWhat().setReference(auditReference(patient));
		}
		AuditEvent.AuditEventEntityComponent query =
				entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_OBJECT_ROLE_24_QUERY);
		query.setDescription(method + " " + url);
		query.setQuery(url.getBytes(StandardCharsets.UTF_8));
		return event;
	}

	private static AuditEvent.AuditEventEntityComponent entity(AuditEvent event, String type, String role) {
		AuditEvent.AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role);
		return entity;
	}

	/** Entities of the event that name a resource, for tests and reports. */
	public static List<String> references(AuditEvent event) {
		return event.getEntity().stream().filter(e -> e.getWhat().hasReference())
				.map(e -> e.getWhat().getReference()).toList();
	}
}
