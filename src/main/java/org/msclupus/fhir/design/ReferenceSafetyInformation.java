package org.msclupus.fhir.design;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The adverse events a study expects (its reference safety information): an event matching one of them, by a code or
 * by its term, is expected, so not a candidate for expedited reporting as an unexpected reaction.
 *
 * @param terms the expected events, each with its codes ({@code system|code}) and its text
 */
public record ReferenceSafetyInformation(List<ExpectedEvent> terms) {

	public static final ReferenceSafetyInformation NONE = new ReferenceSafetyInformation(List.of());

	/** One expected event: its codes ({@code system|code}) and its text (either may be empty). */
	public record ExpectedEvent(Set<String> codes, String text) {
	}

	public ReferenceSafetyInformation {
		terms = List.copyOf(terms);
	}

	/** Whether an event with these codes ({@code system|code}) and this term is expected: a shared code or the same text. */
	public boolean expects(Collection<String> codes, String term) {
		String wanted = term == null ? null : term.trim().toLowerCase(Locale.ROOT);
		return terms.stream().anyMatch(t -> codes.stream().anyMatch(t.codes()::contains)
				|| (wanted != null && t.text() != null && t.text().trim().toLowerCase(Locale.ROOT).equals(wanted)));
	}
}
