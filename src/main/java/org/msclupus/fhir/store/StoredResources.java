package org.msclupus.fhir.store;

import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Set-based reads of stored resources: the current versions of every resource that refers to a set of resources
 * through given reference paths, with a fixed number of indexed queries (resource ids, reference index, resource
 * bodies) however many resources there are.
 *
 * <p>HAPI's search engine would do the same through its generic SQL builder, but on H2 the combined
 * subject + code + date query of a trial patient scans the token index, which made a subject evaluation several
 * times slower than the target. The reference index (HFJ_RES_LINK) is what HAPI itself writes for reference
 * searches, so {@code referringTo(patients, "Observation.subject")} returns what {@code subject=Patient/x} would.
 * Callers filter by code. Must run inside a transaction.
 *
 * <p>This class is the only code of the server that reads HAPI's entity classes: a port, so that a change of HAPI's
 * schema is mended in one place. Everything it loads belongs to resources the caller was already allowed to see (the
 * patients of subjects read through HAPI with the caller's request).
 */
public class StoredResources {

	private final EntityManager entityManager;
	private final FhirContext fhirContext;
	private final Supplier<IJpaStorageResourceParser> parser;

	/** @param parser HAPI's parser of stored resource bodies (JSON, compressed or not), looked up on first use */
	public StoredResources(EntityManager entityManager, FhirContext fhirContext,
			Supplier<IJpaStorageResourceParser> parser) {
		this.entityManager = entityManager;
		this.fhirContext = fhirContext;
		this.parser = parser;
	}

	/** Database ids of the live resources of one type with the given FHIR ids. */
	public List<Long> pidsOf(String resourceType, Collection<String> fhirIds) {
		List<Long> pids = new ArrayList<>();
		for (List<String> chunk : Chunks.ofQuery(new ArrayList<>(fhirIds))) {
			pids.addAll(entityManager.createQuery("SELECT t.myPid.myId FROM ResourceTable t WHERE "
							+ "t.myResourceType = :type AND t.myFhirId IN (:ids) AND t.myDeleted IS NULL", Long.class)
					.setParameter("type", resourceType).setParameter("ids", chunk).getResultList());
		}
		return pids;
	}

	/** The FHIR ids of the live resources of one type with the given FHIR ids, by database id. */
	public Map<Long, String> fhirIdsByPid(String resourceType, Collection<String> fhirIds) {
		Map<Long, String> found = new HashMap<>();
		for (List<String> chunk : Chunks.ofQuery(new ArrayList<>(fhirIds))) {
			entityManager.createQuery("SELECT t.myPid.myId, t.myFhirId FROM ResourceTable t WHERE "
							+ "t.myResourceType = :type AND t.myFhirId IN (:ids) AND t.myDeleted IS NULL", Object[].class)
					.setParameter("type", resourceType).setParameter("ids", chunk).getResultList()
					.forEach(row -> found.put((Long) row[0], (String) row[1]));
		}
		return found;
	}

	/**
	 * One live resource that refers to a target, known by its ids and current version without being read.
	 *
	 * @param pid       its database id, for {@link #load}
	 * @param targetPid the database id of the target it refers to
	 */
	public record Version(long pid, String type, String fhirId, long version, long targetPid) {

		/** {@code Observation/12} */
		public String key() {
			return type + "/" + fhirId;
		}
	}

	/**
	 * The ids and current versions of the live resources that refer to one of {@code targetPids} through one of
	 * {@code paths}, without reading their bodies: one query per 1,000 targets.
	 */
	public List<Version> versionsReferringTo(Collection<Long> targetPids, Collection<String> paths) {
		List<Version> versions = new ArrayList<>();
		for (List<Long> targets : Chunks.ofQuery(new ArrayList<>(targetPids))) {
			entityManager.createQuery("SELECT DISTINCT t.myPid.myId, t.myResourceType, t.myFhirId, t.myVersion, "
							+ "l.myTargetResourcePid FROM ResourceLink l JOIN l.mySourceResource t "
							+ "WHERE l.myTargetResourcePid IN (:targets) AND l.mySourcePath IN (:paths) "
							+ "AND t.myDeleted IS NULL", Object[].class)
					.setParameter("targets", targets).setParameter("paths", paths).getResultList()
					.forEach(row -> versions.add(new Version((Long) row[0], (String) row[1], (String) row[2],
							(Long) row[3], (Long) row[4])));
		}
		return versions;
	}

	/** The live resources that refer to one of {@code targetPids} through one of {@code paths}. */
	public List<IBaseResource> referringTo(Collection<Long> targetPids, Collection<String> paths) {
		List<IBaseResource> resources = new ArrayList<>();
		for (List<Long> targets : Chunks.ofQuery(new ArrayList<>(targetPids))) {
			List<Long> sources = entityManager.createQuery("SELECT DISTINCT l.mySourceResourcePid FROM ResourceLink l "
							+ "WHERE l.myTargetResourcePid IN (:targets) AND l.mySourcePath IN (:paths)", Long.class)
					.setParameter("targets", targets).setParameter("paths", paths).getResultList();
			for (List<Long> chunk : Chunks.ofQuery(sources)) {
				resources.addAll(load(chunk));
			}
		}
		return resources;
	}

	/** Database ids of live resources of one type above {@code after}, in order, at most {@code limit} of them. */
	public List<Long> pidsAfter(String resourceType, long after, int limit) {
		return entityManager.createQuery("SELECT t.myPid.myId FROM ResourceTable t WHERE t.myResourceType = :type "
						+ "AND t.myDeleted IS NULL AND t.myPid.myId > :after ORDER BY t.myPid.myId", Long.class)
				.setParameter("type", resourceType).setParameter("after", after).setMaxResults(limit).getResultList();
	}

	/** The current versions of these resources (deleted ones left out), parsed. */
	public List<IBaseResource> load(List<Long> pids) {
		// By the history table's own indexed column: H2 evaluates "t.myPid IN (...)" on the joined table row by row.
		List<ResourceHistoryTable> current = entityManager.createQuery(
						"SELECT v FROM ResourceHistoryTable v JOIN FETCH v.myResourceTable t "
								+ "WHERE v.myResourceId IN (:ids) AND v.myResourceVersion = t.myVersion "
								+ "AND t.myDeleted IS NULL", ResourceHistoryTable.class)
				.setParameter("ids", pids).getResultList();
		List<IBaseResource> resources = new ArrayList<>(current.size());
		for (ResourceHistoryTable version : current) {
			// The rules need no tags or profiles: an empty tag list spares HAPI a query per batch.
			IBaseResource resource = parser.get().toResource(null, fhirContext.getResourceDefinition(
					version.getResourceType()).getImplementingClass(), version, List.of(), false);
			if (resource != null) {
				resources.add(resource);
			}
		}
		// The persistence context would otherwise keep every entity of a large study until the transaction ends.
		entityManager.clear();
		return resources;
	}

	/** Groups resources by the id part of a reference they carry (for example the patient of a subject). */
	public static <R> Map<String, List<R>> groupBy(Collection<R> resources, java.util.function.Function<R, String> key) {
		Map<String, List<R>> groups = new HashMap<>();
		for (R resource : resources) {
			String k = key.apply(resource);
			if (k != null) {
				groups.computeIfAbsent(k, x -> new ArrayList<>()).add(resource);
			}
		}
		return groups;
	}
}
