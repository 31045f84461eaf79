package org.msclupus.fhir.verification;

import java.util.Arrays;
import java.util.Optional;

/** Where one version of a record stands in source-data verification (ADR 0016). */
public enum VerificationState {
	/** Nobody has looked at it yet. */
	UNVERIFIED("unverified"),
	/** A monitor compared it with the source and accepted it. */
	VERIFIED("verified"),
	/** A monitor asked the site a question about it. */
	QUERIED("queried"),
	/** The site answered the query (confirmed the value, or sent a new version); the monitor decides again. */
	ANSWERED("answered"),
	/** A version after a verified one: the verification was of the earlier value. */
	CHANGED_SINCE_VERIFIED("changed-since-verified");

	private final String code;

	VerificationState(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** Whether a value in this state is waiting for someone's decision (it belongs in the queue). */
	public boolean awaitsDecision() {
		return this != VERIFIED;
	}

	public static Optional<VerificationState> ofCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
	}
}
