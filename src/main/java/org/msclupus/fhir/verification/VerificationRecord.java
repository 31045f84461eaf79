package org.msclupus.fhir.verification;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The last decision about a record and the last version anyone verified: all that is needed to tell the state of
 * whatever version is current, so a new version from the EHR needs no bookkeeping when it is written (ADR 0016).
 *
 * @param decision        the last decision; null when nobody has decided anything
 * @param decidedVersion  the version it was about
 * @param verifiedVersion the last version a monitor verified; null when none was
 * @param queryText       the monitor's question, while it is open or being answered
 */
public record VerificationRecord(Decision decision, long decidedVersion, Long verifiedVersion, String queryText) {

	private static final VerificationRecord UNDECIDED = new VerificationRecord(null, 0, null, null);

	/** A record nobody has decided anything about. */
	public static VerificationRecord undecided() {
		return UNDECIDED;
	}

	public VerificationState state(long currentVersion) {
		if (decision == null) {
			return VerificationState.UNVERIFIED;
		}
		if (decidedVersion == currentVersion) {
			return switch (decision) {
				case VERIFIED -> VerificationState.VERIFIED;
				case QUERY -> VerificationState.QUERIED;
				case ANSWER -> VerificationState.ANSWERED;
			};
		}
		// A later version: the EHR corrected a verified value, or the site answered a query by sending a new one.
		return decision == Decision.VERIFIED ? VerificationState.CHANGED_SINCE_VERIFIED : VerificationState.ANSWERED;
	}

	/**
	 * Whether {@code next} on {@code currentVersion} is the decision last taken on that same version: a client
	 * retrying its call, or a second click, which is answered with the decision already recorded.
	 */
	public boolean repeatsLastDecision(Decision next, long currentVersion) {
		return decision == next && decidedVersion == currentVersion;
	}

	/** Why {@code next} may not be decided on the current version; empty when it may. */
	public Optional<String> refusal(Decision next, long currentVersion) {
		VerificationState state = state(currentVersion);
		if (state == VerificationState.VERIFIED) {
			return Optional.of("version " + currentVersion + " is already verified; a new version of the record puts"
					+ " it back in the queue");
		}
		if (next == Decision.ANSWER && state != VerificationState.QUERIED) {
			return Optional.of("only a queried value can be answered; this one is " + state.code());
		}
		if (next != Decision.ANSWER && state == VerificationState.QUERIED) {
			return Optional.of("the value is queried: the site answers first (decision answer)");
		}
		return Optional.empty();
	}

	/** The record after {@code next} was decided on {@code version}. */
	public VerificationRecord after(Decision next, long version, String reason) {
		return switch (next) {
			case VERIFIED -> new VerificationRecord(next, version, version, null);
			case QUERY -> new VerificationRecord(next, version, verifiedVersion, reason);
			case ANSWER -> new VerificationRecord(next, version, verifiedVersion, queryText);
		};
	}

	/**
	 * The version of the record an answer counts: the current one, or with {@code verifiedOnly} the last verified one
	 * (empty when none was verified, so the record does not count).
	 */
	public OptionalLong countedVersion(long currentVersion, boolean verifiedOnly) {
		if (!verifiedOnly || state(currentVersion) == VerificationState.VERIFIED) {
			return OptionalLong.of(currentVersion);
		}
		return verifiedVersion == null ? OptionalLong.empty() : OptionalLong.of(verifiedVersion);
	}
}
