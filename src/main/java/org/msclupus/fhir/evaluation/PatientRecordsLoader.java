package org.msclupus.fhir.evaluation;

import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.search.BatchResourceLoader;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Loads the current versions of every resource that refers to one patient through the given reference paths, with
 * three indexed queries (patient id, reference index, resource bodies), whatever the number of resources.
 *
 * <p>HAPI's search engine would do the same through its generic SQL builder, but on H2 the combined
 * subject + code + date query of a trial patient scans the token index, which made a subject evaluation several
 * times slower than the target. The reference index (HFJ_RES_LINK) is what HAPI itself writes for
 * {@code subject} searches, so the set returned is the same as a {@code subject=Patient/x} search; the caller
 * filters by code. Must run inside a transaction.
 */
class PatientRecordsLoader {

	private final EntityManager entityManager;
	private final Supplier<BatchResourceLoader> resourceLoader;

	PatientRecordsLoader(EntityManager entityManager, Supplier<BatchResourceLoader> resourceLoader) {
		this.entityManager = entityManager;
		this.resourceLoader = resourceLoader;
	}

	/** Resources referring to {@code Patient/<patientId>} through one of {@code paths} (e.g. Observation.subject). */
	List<IBaseResource> referringTo(String patientId, Collection<String> paths) {
		List<Long> patientPids = entityManager.createQuery(
						"SELECT t.myPid.myId FROM ResourceTable t WHERE t.myResourceType = 'Patient' "
								+ "AND t.myFhirId = :id AND t.myDeleted IS NULL", Long.class)
				.setParameter("id", patientId).getResultList();
		if (patientPids.isEmpty()) {
			return List.of();
		}
		List<Long> sources = entityManager.createQuery(
						"SELECT DISTINCT l.mySourceResourcePid FROM ResourceLink l "
								+ "WHERE l.myTargetResourcePid IN (:patients) AND l.mySourcePath IN (:paths)", Long.class)
				.setParameter("patients", patientPids).setParameter("paths", paths).getResultList();
		if (sources.isEmpty()) {
			return List.of();
		}
		List<ResourceHistoryTable> current = entityManager.createQuery(
						"SELECT v FROM ResourceHistoryTable v JOIN FETCH v.myResourceTable t "
								+ "WHERE t.myPid.myId IN (:ids) AND t.myVersion = v.myResourceVersion "
								+ "AND t.myDeleted IS NULL", ResourceHistoryTable.class)
				.setParameter("ids", sources).getResultList();
		List<IBaseResource> resources = new ArrayList<>(current.size());
		for (BatchResourceLoader.ResourceLoadResult loaded : resourceLoader.get().loadResources(current, false)) {
			if (!loaded.isDeleted() && loaded.resource() != null) {
				resources.add(loaded.resource());
			}
		}
		return resources;
	}
}
