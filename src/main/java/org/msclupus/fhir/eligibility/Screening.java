package org.msclupus.fhir.eligibility;

import java.time.LocalDate;
import java.util.List;

/** The outcome of screening a candidate: the decision and each criterion's result with what it used. */
public record Screening(String criteriaUrl, String criteriaVersion, LocalDate screeningDate, Decision decision,
		List<CriterionResult> criteria) {

	public enum Decision {
		ELIGIBLE("eligible"), NOT_ELIGIBLE("not-eligible"), NEEDS_REVIEW("needs-review");

		private final String code;

		Decision(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	public enum Result {
		MET("met"), NOT_MET("not-met"), UNKNOWN("unknown");

		private final String code;

		Result(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/** {@code values}: readable statements of the values used; {@code reason}: why it is unknown, else null. */
	public record CriterionResult(String id, EligibilityCriteria.Kind kind, String text, Result result,
			List<String> values, List<String> evidence, String reason) {
	}
}
