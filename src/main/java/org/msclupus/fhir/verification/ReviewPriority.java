package org.msclupus.fhir.verification;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * The order a monitor reviews values in: first those whose verification would change a subject's result, then those
 * the study's primary endpoint (its first criteria set) uses, then the rest; oldest first within each, undated last.
 *
 * @param changesResult      whether counting the value or not changes a subject's result for some criteria set
 * @param usedByPrimary      whether the study's first criteria set uses it
 * @param date               when the value was taken; null when the record says not
 * @param key                the record ({@code Observation/1}), so equal ranks keep one order
 */
public record ReviewPriority(boolean changesResult, boolean usedByPrimary, LocalDate date, String key)
		implements Comparable<ReviewPriority> {

	private static final Comparator<ReviewPriority> ORDER = Comparator
			.comparing((ReviewPriority p) -> !p.changesResult())
			.thenComparing(p -> !p.usedByPrimary())
			.thenComparing(ReviewPriority::date, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(ReviewPriority::key);

	@Override
	public int compareTo(ReviewPriority other) {
		return ORDER.compare(this, other);
	}
}
