package org.msclupus.fhir.study;

import org.msclupus.fhir.design.StudyArms;
import java.util.List;
import java.util.Objects;

/**
 * The two arms a trial report compares, and how subjects without an evaluable result count.
 *
 * @param arm          the arm compared (the experimental one)
 * @param referenceArm its comparator
 * @param missingAs    how NE subjects count
 */
public record ArmComparison(String arm, String referenceArm, MissingAs missingAs) {

	/** How a subject whose result is NE counts in a comparison of rates. */
	public enum MissingAs {
		/** The usual rule in lupus trials: an NE subject stays in the denominator as a non-responder. */
		NON_RESPONDER("non-responder"),
		/** NE subjects leave the denominator. */
		EXCLUDED("excluded");

		private final String code;

		MissingAs(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		/** @throws IllegalArgumentException naming the allowed codes */
		public static MissingAs byCode(String code) {
			for (MissingAs value : values()) {
				if (value.code.equals(code)) {
					return value;
				}
			}
			throw new IllegalArgumentException("Unknown missingAs '" + code + "'; allowed: non-responder, excluded");
		}
	}

	public ArmComparison {
		Objects.requireNonNull(arm, "arm");
		Objects.requireNonNull(referenceArm, "referenceArm");
		Objects.requireNonNull(missingAs, "missingAs");
	}

	/**
	 * The arms to compare in a study: its experimental arm ({@link StudyArms#experimentalArm}) against the one other
	 * arm, or against {@code referenceArm} when given. Empty when the study has fewer than two arms or no single
	 * experimental arm (not an error: there is nothing to compare).
	 *
	 * @throws IllegalArgumentException when {@code referenceArm} is not an arm of the study, or several arms remain
	 *                                  to choose from and none is named
	 */
	public static java.util.Optional<ArmComparison> choose(StudyArms study, String referenceArm, MissingAs missingAs) {
		List<String> arms = study.names();
		if (referenceArm != null && !arms.contains(referenceArm)) {
			throw new IllegalArgumentException("referenceArm '" + referenceArm + "' is not an arm of the study; arms: "
					+ String.join(", ", arms));
		}
		if (arms.size() < 2 || study.experimentalArm().isEmpty()) {
			return java.util.Optional.empty();
		}
		String arm = study.experimentalArm().get();
		List<String> others = arms.stream().filter(a -> !a.equals(arm)).toList();
		if (referenceArm != null) {
			if (referenceArm.equals(arm)) {
				throw new IllegalArgumentException("referenceArm '" + referenceArm + "' is the experimental arm itself");
			}
			return java.util.Optional.of(new ArmComparison(arm, referenceArm, missingAs));
		}
		if (others.size() != 1) {
			throw new IllegalArgumentException("The study has several comparator arms (" + String.join(", ", others)
					+ "): name one with referenceArm");
		}
		return java.util.Optional.of(new ArmComparison(arm, others.get(0), missingAs));
	}
}
