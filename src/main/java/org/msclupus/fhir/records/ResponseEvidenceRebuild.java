package org.msclupus.fhir.records;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.msclupus.fhir.store.StoredResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every {@link ResponseEvidence} row from the stored records when the rows were written by another mapping
 * version, or never written (a database from before the index existed). Runs once at start-up, before the server
 * takes requests, a chunk of records per transaction; a marker row remembers the version it built.
 */
public class ResponseEvidenceRebuild {

	private static final Logger log = LoggerFactory.getLogger(ResponseEvidenceRebuild.class);

	/** The marker's key; '$' cannot occur in a FHIR resource type or id, so no record can collide with it. */
	static final String MARKER_KEY = "$mapping-version";
	private static final int CHUNK = 500;

	private final EntityManager entityManager;
	private final TransactionTemplate transactions;
	private final StoredResources stored;
	private final ResponseEvidenceIndex index;

	public ResponseEvidenceRebuild(EntityManager entityManager, TransactionTemplate transactions,
			StoredResources stored, ResponseEvidenceIndex index) {
		this.entityManager = entityManager;
		this.transactions = transactions;
		this.stored = stored;
		this.index = index;
	}

	/** @return the number of records indexed, or -1 when the rows were already current */
	public long rebuildIfStale() {
		Integer built = transactions.execute(tx -> {
			ResponseEvidence marker = entityManager.find(ResponseEvidence.class, MARKER_KEY);
			return marker == null ? null : marker.mappingVersion();
		});
		if (built != null && built == TimelineMapper.MAPPING_VERSION) {
			return -1;
		}
		long start = System.nanoTime();
		log.info("Building the response evidence index (mapping version {} -> {})", built,
				TimelineMapper.MAPPING_VERSION);
		transactions.executeWithoutResult(tx -> entityManager
				.createQuery("DELETE FROM ResponseEvidence e WHERE e.resourceKey <> :marker")
				.setParameter("marker", MARKER_KEY).executeUpdate());
		long records = 0;
		for (String type : ResponseEvidenceIndex.INDEXED_TYPES) {
			long after = 0;
			while (true) {
				long from = after;
				List<Long> pids = transactions.execute(tx -> stored.pidsAfter(type, from, CHUNK));
				if (pids == null || pids.isEmpty()) {
					break;
				}
				transactions.executeWithoutResult(tx -> {
					List<IBaseResource> resources = stored.load(pids);
					resources.forEach(index::index);
				});
				records += pids.size();
				after = pids.get(pids.size() - 1);
			}
		}
		transactions.executeWithoutResult(tx -> {
			ResponseEvidence marker = entityManager.find(ResponseEvidence.class, MARKER_KEY);
			if (marker == null) {
				entityManager.persist(new ResponseEvidence(MARKER_KEY, "$", null, "-", TimelineMapper.MAPPING_VERSION));
			} else {
				marker.update("$", null, "-", TimelineMapper.MAPPING_VERSION);
			}
		});
		log.info("Response evidence index built from {} records in {} ms", records,
				(System.nanoTime() - start) / 1_000_000);
		return records;
	}
}
