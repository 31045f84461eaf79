package org.msclupus.fhir.records;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.msclupus.fhir.store.Chunks;
import org.msclupus.fhir.store.PatientReferences;

/**
 * Keeps {@link ResponseEvidence} in step with the records: a storage interceptor that maps each trial record as it is
 * created, updated or deleted, inside the writing transaction, so a row exists exactly when its record does. Also
 * reads the rows of a set of patients for a study evaluation. Must run inside a transaction.
 */
public class ResponseEvidenceIndex {

	static final Set<String> INDEXED_TYPES = Set.of("Observation", "MedicationAdministration", "MedicationStatement");

	private final EntityManager entityManager;
	private final TimelineMapper mapper;

	public ResponseEvidenceIndex(EntityManager entityManager, TimelineMapper mapper) {
		this.entityManager = entityManager;
		this.mapper = mapper;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		index(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		index(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (INDEXED_TYPES.contains(resource.fhirType())) {
			ResponseEvidence row = entityManager.find(ResponseEvidence.class, keyOf(resource));
			if (row != null) {
				entityManager.remove(row);
			}
		}
	}

	/**
	 * Writes (or removes) the row of one record's current version. Looks for an existing row even on create: a
	 * deleted id can be created again, and a rebuild on another node may have written the row already.
	 */
	void index(IBaseResource resource) {
		if (!INDEXED_TYPES.contains(resource.fhirType())) {
			return;
		}
		String patient = PatientReferences.patientOf(resource);
		TimelineEntries entries = patient == null ? new TimelineEntries() : mapper.entriesOf(resource);
		String key = keyOf(resource);
		ResponseEvidence row = entityManager.find(ResponseEvidence.class, key);
		if (entries.isEmpty()) {
			if (row != null) {
				entityManager.remove(row); // no longer a trial record, or no longer a patient's
			}
		} else if (row == null) {
			entityManager.persist(new ResponseEvidence(key, patient, versionOf(resource), entries.encode(),
					TimelineMapper.MAPPING_VERSION));
		} else {
			row.update(patient, versionOf(resource), entries.encode(), TimelineMapper.MAPPING_VERSION);
		}
	}

	/**
	 * One record's row: its key ({@code Observation/1}), the version its entries are of, and the entries.
	 */
	public record Row(String key, long version, String entries) {
	}

	/** The rows of every indexed record of these patients, by patient id. */
	public Map<String, List<Row>> rowsOf(Collection<String> patientIds) {
		Map<String, List<Row>> byPatient = new HashMap<>();
		for (List<String> ids : Chunks.ofQuery(new ArrayList<>(patientIds))) {
			List<Object[]> rows = entityManager.createQuery(
							"SELECT e.patientId, e.resourceKey, e.resourceVersion, e.entries FROM ResponseEvidence e"
									+ " WHERE e.patientId IN (:ids)", Object[].class)
					.setParameter("ids", ids)
					.getResultList();
			for (Object[] row : rows) {
				byPatient.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new Row((String) row[1],
						row[2] == null ? 1L : (Long) row[2], (String) row[3]));
			}
		}
		return byPatient;
	}

	static Long versionOf(IBaseResource resource) {
		String version = resource.getIdElement().getVersionIdPart();
		return version == null ? null : Long.valueOf(version);
	}

	/** The key of a record's row: {@code Observation/123}, unversioned. */
	public static String keyOf(IBaseResource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}
}
