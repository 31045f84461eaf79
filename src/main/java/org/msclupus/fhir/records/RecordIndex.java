package org.msclupus.fhir.records;

import jakarta.persistence.EntityManager;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

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

	/** The mapping version the stored rows were built with; null when they never were. */
	Integer builtVersion();

	/** Removes every row (but the marker). */
	void clear();

	/** Writes (or removes) the row of one record's current version, telling nobody: no record changed. */
	void index(IBaseResource resource);

	/** Remembers that the rows are now built with {@link #mappingVersion()}. */
	void markBuilt();

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
