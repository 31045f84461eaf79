package org.msclupus.fhir.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The states of source-data verification, each transition and each refusal (issue 27). */
class VerificationRecordTest {

	private static final VerificationRecord NEW = VerificationRecord.undecided();

	@Test
	void aRecordNobodyDecidedAboutIsUnverifiedInEveryVersion() {
		assertThat(NEW.state(1)).isEqualTo(VerificationState.UNVERIFIED);
		assertThat(NEW.state(7)).isEqualTo(VerificationState.UNVERIFIED);
		assertThat(NEW.countedVersion(3, false)).hasValue(3);
		assertThat(NEW.countedVersion(3, true)).isEmpty();
	}

	@Test
	void verifiedHoldsForItsVersionOnly() {
		VerificationRecord verified = NEW.after(Decision.VERIFIED, 2, null);
		assertThat(verified.state(2)).isEqualTo(VerificationState.VERIFIED);
		assertThat(verified.state(3)).isEqualTo(VerificationState.CHANGED_SINCE_VERIFIED);
		assertThat(verified.countedVersion(2, true)).hasValue(2);
		// the EHR corrected it: the verified answer keeps counting version 2, the default answer counts 3
		assertThat(verified.countedVersion(3, true)).hasValue(2);
		assertThat(verified.countedVersion(3, false)).hasValue(3);
	}

	@Test
	void aQueryWaitsForTheSitesAnswerOrANewVersion() {
		VerificationRecord queried = NEW.after(Decision.QUERY, 1, "mg/g or g/g?");
		assertThat(queried.state(1)).isEqualTo(VerificationState.QUERIED);
		assertThat(queried.queryText()).isEqualTo("mg/g or g/g?");
		assertThat(queried.countedVersion(1, true)).isEmpty();
		VerificationRecord answered = queried.after(Decision.ANSWER, 1, "g/g confirmed by the lab");
		assertThat(answered.state(1)).isEqualTo(VerificationState.ANSWERED);
		assertThat(answered.queryText()).as("the question stays with the answer").isEqualTo("mg/g or g/g?");
		// the site answered by sending a corrected version instead
		assertThat(queried.state(2)).isEqualTo(VerificationState.ANSWERED);
	}

	@Test
	void anAnsweredValueIsVerifiedOrQueriedAgain() {
		VerificationRecord answered = NEW.after(Decision.QUERY, 1, "q").after(Decision.ANSWER, 1, "a");
		assertThat(answered.refusal(Decision.VERIFIED, 1)).isEmpty();
		assertThat(answered.refusal(Decision.QUERY, 1)).isEmpty();
		assertThat(answered.refusal(Decision.ANSWER, 1)).hasValueSatisfying(r -> assertThat(r).contains("answered"));
		assertThat(answered.after(Decision.VERIFIED, 1, null).state(1)).isEqualTo(VerificationState.VERIFIED);
		assertThat(answered.after(Decision.QUERY, 1, "again").state(1)).isEqualTo(VerificationState.QUERIED);
	}

	@Test
	void eachStateAllowsExactlyItsDecisions() {
		VerificationRecord queried = NEW.after(Decision.QUERY, 1, "q");
		VerificationRecord verified = NEW.after(Decision.VERIFIED, 1, null);
		assertThat(allowed(NEW, 1)).containsExactly(Decision.VERIFIED, Decision.QUERY);
		assertThat(allowed(queried, 1)).containsExactly(Decision.ANSWER);
		assertThat(allowed(verified, 1)).isEmpty();
		assertThat(allowed(verified, 2)).as("changed since verified").containsExactly(Decision.VERIFIED,
				Decision.QUERY);
		assertThat(verified.refusal(Decision.VERIFIED, 1)).hasValueSatisfying(r -> assertThat(r)
				.contains("already verified"));
	}

	@Test
	void aQueryOnAChangedValueKeepsTheEarlierVerification() {
		VerificationRecord record = NEW.after(Decision.VERIFIED, 1, null).after(Decision.QUERY, 2, "why changed?");
		assertThat(record.state(2)).isEqualTo(VerificationState.QUERIED);
		assertThat(record.countedVersion(2, true)).hasValue(1);
		VerificationRecord reverified = record.after(Decision.ANSWER, 2, "lab corrected it")
				.after(Decision.VERIFIED, 2, null);
		assertThat(reverified.countedVersion(2, true)).isEqualTo(OptionalLong.of(2));
	}

	@Test
	void onlyTheLastDecisionOnTheSameVersionIsARepeat() {
		assertThat(NEW.repeatsLastDecision(Decision.VERIFIED, 1)).isFalse();
		VerificationRecord verified = NEW.after(Decision.VERIFIED, 2, null);
		assertThat(verified.repeatsLastDecision(Decision.VERIFIED, 2)).isTrue();
		assertThat(verified.repeatsLastDecision(Decision.VERIFIED, 3)).as("a new version").isFalse();
		assertThat(verified.repeatsLastDecision(Decision.QUERY, 2)).isFalse();
		VerificationRecord queried = verified.after(Decision.QUERY, 3, "why?");
		assertThat(queried.repeatsLastDecision(Decision.QUERY, 3)).isTrue();
		assertThat(queried.repeatsLastDecision(Decision.VERIFIED, 3)).isFalse();
	}

	@Test
	void queryAndAnswerNeedAReasonVerifyingDoesNot() {
		assertThat(Decision.VERIFIED.needsReason()).isFalse();
		assertThat(Decision.QUERY.needsReason()).isTrue();
		assertThat(Decision.ANSWER.needsReason()).isTrue();
		assertThat(Decision.ANSWER.byMonitor()).isFalse();
		assertThat(Decision.ANSWER.agentRole()).isEqualTo("performer");
		assertThat(Decision.QUERY.agentRole()).isEqualTo("verifier");
		assertThat(Decision.ofCode("verify")).as("the published code is 'verified'").isEmpty();
	}

	@Test
	void theQueueOrderPutsResultChangersFirstThenThePrimaryEndpointThenTheOldest() {
		LocalDate early = LocalDate.of(2025, 1, 1);
		LocalDate late = LocalDate.of(2025, 6, 1);
		List<ReviewPriority> ranks = new ArrayList<>(List.of(
				new ReviewPriority(false, false, early, "Observation/1"),
				new ReviewPriority(false, true, late, "Observation/2"),
				new ReviewPriority(true, false, late, "Observation/3"),
				new ReviewPriority(false, true, early, "Observation/4"),
				new ReviewPriority(false, false, null, "Observation/5"),
				new ReviewPriority(true, true, late, "Observation/6")));
		ranks.sort(null);
		assertThat(ranks).extracting(ReviewPriority::key).containsExactly("Observation/6", "Observation/3",
				"Observation/4", "Observation/2", "Observation/1", "Observation/5");
	}

	@Test
	void anImpactIsADifferenceOnly() {
		assertThat(Impact.between("ln-renal-response", "PR", "PR")).isNull();
		assertThat(Impact.between("sri-4", null, null)).isNull();
		assertThat(Impact.between("ln-renal-response", "PR", "NR"))
				.isEqualTo(new Impact("ln-renal-response", "PR", "NR"));
		assertThat(Impact.between("change-from-baseline", "R", null).withoutValue()).isEqualTo("none");
	}

	private static List<Decision> allowed(VerificationRecord record, long version) {
		return List.of(Decision.values()).stream().filter(d -> record.refusal(d, version).isEmpty()).toList();
	}
}
