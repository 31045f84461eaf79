package org.msclupus.fhir.verification;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person decides about a value: a monitor verifies it or queries it, the site answers a query. The role is the
 * Provenance agent type the decision is recorded with (THO provenance-participant-type).
 */
public enum Decision {
	VERIFIED("verified", "verifier", false),
	QUERY("query", "verifier", true),
	ANSWER("answer", "performer", true);

	private final String code;
	private final String agentRole;
	private final boolean needsReason;

	Decision(String code, String agentRole, boolean needsReason) {
		this.code = code;
		this.agentRole = agentRole;
		this.needsReason = needsReason;
	}

	public String code() {
		return code;
	}

	public String agentRole() {
		return agentRole;
	}

	/** A query is a question and an answer is a reply: neither means anything without its text. */
	public boolean needsReason() {
		return needsReason;
	}

	/** Verifying and querying are the monitor's; answering is the site's. */
	public boolean byMonitor() {
		return this != ANSWER;
	}

	public static Optional<Decision> ofCode(String code) {
		return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
	}
}
