package org.msclupus.fhir.records;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msclupus.fhir.store.Chunks;
import org.msclupus.fhir.verification.VerificationRecord;

/**
 * Reads and writes where the verification of each record stands ({@link SourceVerificationRow}). Must run inside a
 * transaction.
 */
public class SourceVerifications {

	/**
	 * One record's verification: the record of decisions, and what its verified version contributed to the time line
	 * (null when none was verified or it contributed nothing).
	 */
	public record Verification(VerificationRecord record, String verifiedEntries) {

		static final Verification NONE = new Verification(VerificationRecord.undecided(), null);
	}

	private final EntityManager entityManager;

	public SourceVerifications(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** The verification of every record of these patients that anyone has decided about, by record key. */
	public Map<String, Verification> ofPatients(Collection<String> patientIds) {
		Map<String, Verification> byKey = new HashMap<>();
		for (List<String> ids : Chunks.ofQuery(new ArrayList<>(patientIds))) {
			entityManager.createQuery("SELECT v FROM SourceVerificationRow v WHERE v.patientId IN (:ids)",
							SourceVerificationRow.class)
					.setParameter("ids", ids).getResultList()
					.forEach(row -> byKey.put(row.resourceKey(), new Verification(row.record(), row.verifiedEntries())));
		}
		return byKey;
	}

	/** The verification of one record, looked up with a lock held to the end of the transaction. */
	public VerificationRecord lockedRecordOf(String key) {
		SourceVerificationRow row = entityManager.find(SourceVerificationRow.class, key,
				LockModeType.PESSIMISTIC_WRITE);
		return row == null ? VerificationRecord.undecided() : row.record();
	}

	/**
	 * Records a decision.
	 *
	 * @param entriesOfVerifiedVersion on a verification, the time-line entries of the version verified (null when it
	 *                                 contributes none); ignored for other decisions, which keep those stored
	 */
	public void save(String key, String patientId, VerificationRecord record, String entriesOfVerifiedVersion) {
		SourceVerificationRow row = entityManager.find(SourceVerificationRow.class, key);
		if (row == null) {
			row = new SourceVerificationRow(key, patientId);
			row.set(record, entriesOfVerifiedVersion);
			entityManager.persist(row);
		} else {
			row.set(record, entriesOfVerifiedVersion);
		}
	}
}
