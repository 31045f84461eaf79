package org.msclupus.fhir.audit;

import java.time.Instant;
import java.util.List;

/**
 * A search of the audit trail: every criterion given must hold (AND); within {@code references}, {@code actions},
 * {@code subtypes} and {@code outcomes} any one value may match (OR). Bounds of {@code recorded} are inclusive
 * ({@code from}) and exclusive ({@code to}); null means unbounded.
 */
public record AuditQuery(Instant from, Instant to, List<List<String>> references, List<String> actions,
		List<String> subtypes, List<String> outcomes, boolean newestFirst, int offset, int count) {

	public AuditQuery {
		references = List.copyOf(references);
		actions = List.copyOf(actions);
		subtypes = List.copyOf(subtypes);
		outcomes = List.copyOf(outcomes);
		if (offset < 0 || count < 0) {
			throw new IllegalArgumentException("offset and count must not be negative");
		}
	}
}
