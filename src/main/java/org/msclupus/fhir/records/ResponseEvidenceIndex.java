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
import org.msclupus.fhir.store.PatientReferences;

/**
 * Keeps {@link ResponseEvidence} in step with the records: a storage interceptor that maps each trial record as it is
 * created, updated or deleted, inside the writing transaction, so a row exists exactly when its record does. Also
 * reads the rows of a set of patients for a study evaluation. Must run inside a transaction.
 */
public class ResponseEvidenceIndex implements RecordIndex {

	static final Set<String> INDEXED_TYPES = Set.of("Observation", "MedicationAdministration", "MedicationStatement");

	/** Told, inside the writing transaction, that a patient's evidence changed (notifications recheck responses). */
	public interface EvidenceListener {
		void evidenceChanged(String patientId, String recordKey);
	}

	private final EntityManager entityManager;
	private final TimelineMapper mapper;
	private final Marker<ResponseEvidence> marker;
	private final List<EvidenceListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	public ResponseEvidenceIndex(EntityManager entityManager, TimelineMapper mapper) {
		this.entityManager = entityManager;
		this.mapper = mapper;
		this.marker = new Marker<>(entityManager, ResponseEvidence.class,
				() -> new ResponseEvidence(MARKER_KEY, "$", null, "-", TimelineMapper.MAPPING_VERSION));
	}

	public void addListener(EvidenceListener listener) {
		listeners.add(listener);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		index(resource, true);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		index(resource, true);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (INDEXED_TYPES.contains(resource.fhirType())) {
			ResponseEvidence row = entityManager.find(ResponseEvidence.class, keyOf(resource));
			if (row != null) {
				entityManager.remove(row);
				changed(row.patientId(), row.resourceKey(), true);
			}
		}
	}

	@Override
	public String name() {
		return "response evidence index";
	}

	@Override
	public Set<String> types() {
		return INDEXED_TYPES;
	}

	@Override
	public int mappingVersion() {
		return TimelineMapper.MAPPING_VERSION;
	}

	@Override
	public Marker<?> marker() {
		return marker;
	}

	/**
	 * Writes (or removes) the row of one record's current version. Looks for an existing row even on create: a
	 * deleted id can be created again, and a rebuild on another node may have written the row already.
	 */
	@Override
	public void index(IBaseResource resource) {
		index(resource, false); // a rebuild of the mapping changes no record: nobody is told
	}

	private void index(IBaseResource resource, boolean tell) {
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
				changed(row.patientId(), key, tell);
			}
		} else if (row == null) {
			entityManager.persist(new ResponseEvidence(key, patient, versionOf(resource), entries.encode(),
					TimelineMapper.MAPPING_VERSION));
			changed(patient, key, tell);
		} else {
			String before = row.patientId();
			row.update(patient, versionOf(resource), entries.encode(), TimelineMapper.MAPPING_VERSION);
			if (before != null && !before.equals(patient)) {
				changed(before, key, tell);
			}
			changed(patient, key, tell);
		}
	}

	private void changed(String patient, String key, boolean tell) {
		if (tell && patient != null) {
			listeners.forEach(l -> l.evidenceChanged(patient, key));
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
		for (RowValues row : RecordIndex.rowsOf(entityManager, ResponseEvidence.class, patientIds)) {
			byPatient.computeIfAbsent(row.patientId(), k -> new ArrayList<>())
					.add(new Row(row.key(), row.version(), row.body()));
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
