package org.msclupus.fhir.design;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a study's EHR values wait for a person to verify them before a monitoring view may count them: the study's
 * {@code source-verification} extension. A study that says nothing needs none, and answers as it always did.
 */
public enum SourceVerification {
	/** Nothing is queued; every value counts as sent. */
	NONE("none"),
	/** The values the study's criteria sets, safety summary or visit schedule use. */
	ENDPOINT_VALUES("endpoint-values"),
	/** Every record of the study's subjects. */
	ALL("all");

	private final String code;

	SourceVerification(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public boolean needed() {
		return this != NONE;
	}

	public static Optional<SourceVerification> ofCode(String code) {
		return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
	}
}
