package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copies the AuditEvents that earlier versions stored as HAPI resources into the audit table, keeping their ids,
 * so that an upgraded server still shows its whole trail. Runs in the background after start-up, a chunk per
 * transaction; a record already copied (by an earlier start or another node) is skipped. The HAPI copies stay
 * where they are (nothing is ever deleted from the trail).
 */
public class LegacyAuditEvents {

	private static final Logger log = LoggerFactory.getLogger(LegacyAuditEvents.class);
	private static final int CHUNK = 500;

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final EntityManager entityManager;
	private final FhirContext fhirContext;

	public LegacyAuditEvents(DaoRegistry daos, IHapiTransactionService transactions, EntityManager entityManager,
			FhirContext fhirContext) {
		this.daos = daos;
		this.transactions = transactions;
		this.entityManager = entityManager;
		this.fhirContext = fhirContext;
	}

	/** Copies what is not copied yet; returns how many records it copied. One copy at a time per node. */
	public synchronized int copyAll() {
		IFhirResourceDao<AuditEvent> dao = daos.getResourceDao(AuditEvent.class);
		List<IIdType> stored = transactions.withSystemRequest().execute(() ->
				dao.searchForResourceIds(SearchParameterMap.newSynchronous(), new SystemRequestDetails()));
		int copied = 0;
		for (int start = 0; start < stored.size(); start += CHUNK) {
			copied += copyChunk(dao, stored.subList(start, Math.min(stored.size(), start + CHUNK)));
		}
		if (copied > 0) {
			log.info("Audit trail: copied {} AuditEvents stored by an earlier version into the audit table", copied);
		}
		return copied;
	}

	/** Another node copying the same records at the same time makes one insert fail; then the chunk is tried again. */
	private int copyChunk(IFhirResourceDao<AuditEvent> dao, List<IIdType> chunk) {
		try {
			return transactions.withSystemRequest().execute(() -> copy(dao, chunk));
		} catch (RuntimeException firstTry) {
			log.info("Audit trail: copying a chunk of earlier AuditEvents failed ({}); trying it again",
					firstTry.getMessage());
			return transactions.withSystemRequest().execute(() -> copy(dao, chunk));
		}
	}

	/** Only records not copied yet are read, each by its id (an indexed lookup): a later start reads none. */
	private int copy(IFhirResourceDao<AuditEvent> dao, List<IIdType> chunk) {
		Session session = entityManager.unwrap(Session.class);
		List<String> ids = chunk.stream().map(IIdType::getIdPart).toList();
		Set<String> present = session.doReturningWork(connection -> AuditStore.existing(connection, ids));
		IParser json = fhirContext.newJsonParser();
		List<AuditStore.Row> rows = new ArrayList<>();
		for (IIdType id : chunk) {
			if (!present.contains(id.getIdPart())) {
				AuditEvent event = dao.read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
				rows.add(AuditTrail.rowOf(event, id.getIdPart(), json));
			}
		}
		session.doWork(connection -> AuditStore.append(connection, rows));
		return rows.size();
	}
}
