package org.msclupus.fhir.store;

import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.model.entity.ResourceLink;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
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
		return new ArrayList<>(fhirIdsByPid(resourceType, fhirIds).keySet());
	}

	/** The FHIR ids of the live resources of one type with the given FHIR ids, by database id. */
	public Map<Long, String> fhirIdsByPid(String resourceType, Collection<String> fhirIds) {
		Map<Long, String> found = new HashMap<>();
		CriteriaBuilder criteria = entityManager.getCriteriaBuilder();
		for (List<String> chunk : Chunks.ofQuery(new ArrayList<>(fhirIds))) {
			CriteriaQuery<Object[]> query = criteria.createQuery(Object[].class);
			Root<ResourceTable> table = query.from(ResourceTable.class);
			query.multiselect(table.get("myPid").get("myId"), table.get("myFhirId")).where(
					criteria.equal(table.get("myResourceType"), resourceType),
					inLiterals(criteria, table.get("myFhirId"), chunk), criteria.isNull(table.get("myDeleted")));
			entityManager.createQuery(query).getResultList().forEach(row -> found.put((Long) row[0], (String) row[1]));
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
		CriteriaBuilder criteria = entityManager.getCriteriaBuilder();
		for (List<Long> targets : Chunks.ofQuery(new ArrayList<>(targetPids))) {
			CriteriaQuery<Object[]> query = criteria.createQuery(Object[].class);
			Root<ResourceLink> link = query.from(ResourceLink.class);
			Join<ResourceLink, ResourceTable> source = link.join("mySourceResource");
			query.multiselect(source.get("myPid").get("myId"), source.get("myResourceType"), source.get("myFhirId"),
							source.get("myVersion"), link.get("myTargetResourcePid")).distinct(true)
					.where(linksFrom(criteria, link, targets, paths), criteria.isNull(source.get("myDeleted")));
			entityManager.createQuery(query).getResultList().forEach(row -> versions.add(new Version((Long) row[0],
					(String) row[1], (String) row[2], (Long) row[3], (Long) row[4])));
		}
		return versions;
	}

	/** The live resources that refer to one of {@code targetPids} through one of {@code paths}. */
	public List<IBaseResource> referringTo(Collection<Long> targetPids, Collection<String> paths) {
		List<IBaseResource> resources = new ArrayList<>();
		CriteriaBuilder criteria = entityManager.getCriteriaBuilder();
		for (List<Long> targets : Chunks.ofQuery(new ArrayList<>(targetPids))) {
			CriteriaQuery<Long> query = criteria.createQuery(Long.class);
			Root<ResourceLink> link = query.from(ResourceLink.class);
			query.select(link.get("mySourceResourcePid")).distinct(true)
					.where(linksFrom(criteria, link, targets, paths));
			for (List<Long> chunk : Chunks.ofQuery(entityManager.createQuery(query).getResultList())) {
				resources.addAll(load(chunk));
			}
		}
		return resources;
	}

	private static Predicate linksFrom(CriteriaBuilder criteria, Root<ResourceLink> link, List<Long> targets,
			Collection<String> paths) {
		return criteria.and(inLiterals(criteria, link.get("myTargetResourcePid"), targets),
				link.get("mySourcePath").in(paths));
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
		// The ids as literals (inLiterals): with a bound list, that check took a quarter of the CPU of a 1,000-subject
		// $safety-summary.
		CriteriaBuilder criteria = entityManager.getCriteriaBuilder();
		CriteriaQuery<ResourceHistoryTable> query = criteria.createQuery(ResourceHistoryTable.class);
		Root<ResourceHistoryTable> history = query.from(ResourceHistoryTable.class);
		// A fetch join is a join too (Hibernate's fetches implement both); read through it, the bodies come with it.
		@SuppressWarnings("unchecked")
		Join<ResourceHistoryTable, ResourceTable> table = (Join<ResourceHistoryTable, ResourceTable>) (Object) history
				.<ResourceHistoryTable, ResourceTable>fetch("myResourceTable", JoinType.INNER);
		query.select(history).where(inLiterals(criteria, history.get("myResourceId"), pids),
				criteria.equal(history.get("myResourceVersion"), table.get("myVersion")),
				criteria.isNull(table.get("myDeleted")));
		List<ResourceHistoryTable> current = entityManager.createQuery(query).getResultList();
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

	/**
	 * {@code path IN (v1, v2, …)} with the values written into the SQL as literals, not bound: H2 checks each row an
	 * index finds against a bound IN list once more, value by value, but against literals with a hash lookup.
	 * Hibernate renders a string literal quoted and escaped (a quote in a value stays data). Every set-based read of
	 * the store and of the record indexes writes its ids this way.
	 */
	public static <T> CriteriaBuilder.In<T> inLiterals(CriteriaBuilder criteria, Path<T> path, List<T> values) {
		CriteriaBuilder.In<T> in = criteria.in(path);
		values.forEach(value -> in.value(criteria.literal(value)));
		return in;
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
