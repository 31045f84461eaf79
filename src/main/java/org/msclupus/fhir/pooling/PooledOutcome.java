package org.msclupus.fhir.pooling;

import java.util.Objects;
import org.msclupus.fhir.response.ResponseCriteria;

/**
 * What a pooled analysis counts in each arm of each study: subjects with at least one treatment-emergent adverse
 * event ({@code adverse-event}), with a serious one ({@code serious-adverse-event}), or with a response outcome of a
 * criteria set ({@code <criteria>:<outcome>}, such as {@code ln-renal-response:CR-or-PR}).
 *
 * @param criteria the criteria set of a response outcome; null for the adverse-event outcomes
 * @param outcome  the outcome of that criteria set; null for the adverse-event outcomes
 */
public record PooledOutcome(String code, Kind kind, String criteria, String outcome) {

	public static final String ADVERSE_EVENT = "adverse-event";
	public static final String SERIOUS_ADVERSE_EVENT = "serious-adverse-event";

	public enum Kind {
		ADVERSE_EVENT, SERIOUS_ADVERSE_EVENT, RESPONSE
	}

	public PooledOutcome {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(kind, "kind");
	}

	/** @throws IllegalArgumentException naming the forms an outcome code may take */
	public static PooledOutcome parse(String code) {
		if (code == null || code.isBlank()) {
			throw new IllegalArgumentException("Parameter outcome is required: " + ADVERSE_EVENT + ", "
					+ SERIOUS_ADVERSE_EVENT + " or <criteria>:<outcome> (such as ln-renal-response:CR-or-PR)");
		}
		if (code.equals(ADVERSE_EVENT)) {
			return new PooledOutcome(code, Kind.ADVERSE_EVENT, null, null);
		}
		if (code.equals(SERIOUS_ADVERSE_EVENT)) {
			return new PooledOutcome(code, Kind.SERIOUS_ADVERSE_EVENT, null, null);
		}
		int colon = code.indexOf(':');
		if (colon <= 0 || colon == code.length() - 1 || code.indexOf(':', colon + 1) >= 0) {
			throw new IllegalArgumentException("Unknown outcome '" + code + "'; allowed: " + ADVERSE_EVENT + ", "
					+ SERIOUS_ADVERSE_EVENT + " or <criteria>:<outcome> (such as ln-renal-response:CR-or-PR)");
		}
		return new PooledOutcome(code, Kind.RESPONSE, code.substring(0, colon), code.substring(colon + 1));
	}

	/**
	 * Checks that the criteria set compares this outcome between arms.
	 *
	 * @throws IllegalArgumentException naming the outcomes the set compares
	 */
	public void requireComparedBy(ResponseCriteria rule) {
		if (!rule.comparedOutcomes().containsKey(outcome)) {
			throw new IllegalArgumentException("Criteria set " + rule.code() + " has no outcome '" + outcome
					+ "'; it compares: " + String.join(", ", rule.comparedOutcomes().keySet()));
		}
	}
}
