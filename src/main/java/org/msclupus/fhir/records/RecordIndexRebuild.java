package org.msclupus.fhir.records;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.msclupus.fhir.store.StoredResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the rows of each {@link RecordIndex} from the stored records when they were written by another mapping
 * version, or never written (a database from before the index existed). Runs once at start-up, before the server
 * takes requests, a chunk of records per transaction; each index's marker row remembers the version it built.
 */
public class RecordIndexRebuild {

	private static final Logger log = LoggerFactory.getLogger(RecordIndexRebuild.class);
	private static final int CHUNK = 500;

	private final TransactionTemplate transactions;
	private final StoredResources stored;
	private final List<RecordIndex> indexes;

	RecordIndexRebuild(TransactionTemplate transactions, StoredResources stored, List<RecordIndex> indexes) {
		this.transactions = transactions;
		this.stored = stored;
		this.indexes = List.copyOf(indexes);
	}

	/** @return the number of records indexed, or -1 when every index was already current */
	public long rebuildIfStale() {
		long records = -1;
		for (RecordIndex index : indexes) {
			long indexed = rebuildIfStale(index);
			if (indexed >= 0) {
				records = Math.max(records, 0) + indexed;
			}
		}
		return records;
	}

	private long rebuildIfStale(RecordIndex index) {
		Integer built = transactions.execute(tx -> index.builtVersion());
		if (built != null && built == index.mappingVersion()) {
			return -1;
		}
		long start = System.nanoTime();
		log.info("Building the {} (mapping version {} -> {})", index.name(), built, index.mappingVersion());
		transactions.executeWithoutResult(tx -> index.clear());
		long records = 0;
		for (String type : index.types()) {
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
		transactions.executeWithoutResult(tx -> index.markBuilt());
		log.info("{} built from {} records in {} ms", index.name(), records, (System.nanoTime() - start) / 1_000_000);
		return records;
	}
}
