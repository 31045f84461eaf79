package org.msclupus.fhir.store;

import java.util.ArrayList;
import java.util.List;

/** Splits work on many ids or subjects into bounded pieces: one rule for every set-based read. */
public final class Chunks {

	/** Ids per query, well under the bind-parameter limits of H2 and PostgreSQL. */
	public static final int QUERY_SIZE = 1000;

	/** Subjects per read-only transaction of a study read, so memory stays bounded by the chunk, not the study. */
	public static final int SUBJECTS = 250;

	private Chunks() {
	}

	/** Consecutive views of {@code all}, each of at most {@code size} elements. */
	public static <T> List<List<T>> of(List<T> all, int size) {
		if (size < 1) {
			throw new IllegalArgumentException("chunk size " + size);
		}
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += size) {
			chunks.add(all.subList(from, Math.min(all.size(), from + size)));
		}
		return chunks;
	}

	/** {@link #of} with {@link #QUERY_SIZE}. */
	public static <T> List<List<T>> ofQuery(List<T> all) {
		return of(all, QUERY_SIZE);
	}
}
