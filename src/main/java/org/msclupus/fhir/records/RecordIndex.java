package org.msclupus.fhir.records;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.msclupus.fhir.store.Chunks;
import org.msclupus.fhir.store.StoredResources;

/**
 * A table of what each stored record of some types gives one kind of answer, kept beside HAPI's tables, written with
 * every record and rebuilt from the records by {@link RecordIndexRebuild} when the code that maps them changes.
 * Every method but {@link #name()} must run inside a transaction.
 */
interface RecordIndex {

	/** The key of the row that remembers the mapping version the rows were built with; '$' is in no FHIR id. */
	String MARKER_KEY = "$mapping-version";

	String name();

	Set<String> types();

	/** The version of the mapping this code writes. */
	int mappingVersion();

	/** The index's marker row. */
	Marker<?> marker();

	/** The mapping version the stored rows were built with; null when they never were. */
	default Integer builtVersion() {
		return marker().builtVersion();
	}

	/** Removes every row (but the marker). */
	default void clear() {
		marker().clearAllBut();
	}

	/** Writes (or removes) the row of one record's current version, telling nobody: no record changed. */
	void index(IBaseResource resource);

	/** Remembers that the rows are now built with {@link #mappingVersion()}. */
	default void markBuilt() {
		marker().markBuilt(mappingVersion());
	}

	/**
	 * Every row of these patients in the entity {@code rows}: patient id, key, record version (1 when not kept) and
	 * body, a query per {@link Chunks#QUERY_SIZE} patients, the ids written into the SQL as escaped literals
	 * ({@link StoredResources#inLiterals}).
	 */
	static <R extends RecordIndexRow> List<RowValues> rowsOf(EntityManager entityManager, Class<R> rows,
			Collection<String> patientIds) {
		List<RowValues> found = new ArrayList<>();
		CriteriaBuilder criteria = entityManager.getCriteriaBuilder();
		for (List<String> ids : Chunks.ofQuery(new ArrayList<>(patientIds))) {
			CriteriaQuery<Object[]> query = criteria.createQuery(Object[].class);
			Root<R> row = query.from(rows);
			query.multiselect(row.get("patientId"), row.get("resourceKey"), row.get("resourceVersion"), row.get("body"))
					.where(StoredResources.inLiterals(criteria, row.get("patientId"), ids));
			for (Object[] values : entityManager.createQuery(query).getResultList()) {
				found.add(new RowValues((String) values[0], (String) values[1],
						values[2] == null ? 1L : (Long) values[2], (String) values[3]));
			}
		}
		return found;
	}

	/** A row as read: the patient, the record's key and version, the body. */
	record RowValues(String patientId, String key, long version, String body) {
	}

	/** The marker row of an index kept in the entity {@code rows}, read, cleared around and written alike. */
	final class Marker<R extends RecordIndexRow> {

		private final EntityManager entityManager;
		private final Class<R> rows;
		private final java.util.function.Supplier<R> newMarker;

		Marker(EntityManager entityManager, Class<R> rows, java.util.function.Supplier<R> newMarker) {
			this.entityManager = entityManager;
			this.rows = rows;
			this.newMarker = newMarker;
		}

		Integer builtVersion() {
			R marker = entityManager.find(rows, MARKER_KEY);
			return marker == null ? null : marker.mappingVersion();
		}

		void clearAllBut() {
			entityManager.createQuery("DELETE FROM " + rows.getSimpleName() + " r WHERE r.resourceKey <> :marker")
					.setParameter("marker", MARKER_KEY).executeUpdate();
		}

		void markBuilt(int mappingVersion) {
			R marker = entityManager.find(rows, MARKER_KEY);
			if (marker == null) {
				entityManager.persist(newMarker.get());
			} else {
				marker.update("$", null, "-", mappingVersion);
			}
		}
	}
}
