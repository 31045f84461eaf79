package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.verification.Decision;
import org.msclupus.fhir.verification.VerificationRecord;

/** Which version of each time-line record an answer counts, and how many it counts unverified (issue 27). */
class CountedValuesTest {

	static final ResponseEvidenceIndex.Row NEVER = new ResponseEvidenceIndex.Row("Observation/1", 1, "[\"now-1\"]");
	static final ResponseEvidenceIndex.Row VERIFIED = new ResponseEvidenceIndex.Row("Observation/2", 3, "[\"now-2\"]");
	static final ResponseEvidenceIndex.Row CHANGED = new ResponseEvidenceIndex.Row("Observation/3", 2, "[\"now-3\"]");
	static final ResponseEvidenceIndex.Row QUERIED = new ResponseEvidenceIndex.Row("Observation/4", 1, "[\"now-4\"]");
	static final ResponseEvidenceIndex.Row CHANGED_TO_NOTHING =
			new ResponseEvidenceIndex.Row("Observation/5", 2, "[\"now-5\"]");

	static final Map<String, SourceVerifications.Verification> DECIDED = Map.of(
			"Observation/2", verification(VerificationRecord.undecided().after(Decision.VERIFIED, 3, null), "[\"v3\"]"),
			"Observation/3", verification(VerificationRecord.undecided().after(Decision.VERIFIED, 1, null), "[\"v1\"]"),
			"Observation/4", verification(VerificationRecord.undecided().after(Decision.QUERY, 1, "why?"), null),
			"Observation/5", verification(VerificationRecord.undecided().after(Decision.VERIFIED, 1, null), null));

	static SourceVerifications.Verification verification(VerificationRecord record, String entries) {
		return new SourceVerifications.Verification(record, entries);
	}

	@Test
	void theDefaultAnswerCountsEveryCurrentVersionAndSaysHowManyWereNotVerified() {
		CountedValues.Counted counted = new CountedValues(DECIDED, false)
				.of(List.of(NEVER, VERIFIED, CHANGED, QUERIED, CHANGED_TO_NOTHING));
		assertThat(counted.rows()).containsExactly(NEVER, VERIFIED, CHANGED, QUERIED, CHANGED_TO_NOTHING);
		assertThat(counted.unverified()).as("all but the one verified in its current version").isEqualTo(4);
	}

	@Test
	void theVerifiedAnswerCountsTheLastVerifiedVersionOrNothing() {
		CountedValues.Counted counted = new CountedValues(DECIDED, true)
				.of(List.of(NEVER, VERIFIED, CHANGED, QUERIED, CHANGED_TO_NOTHING));
		assertThat(counted.rows()).containsExactly(VERIFIED,
				new ResponseEvidenceIndex.Row("Observation/3", 1, "[\"v1\"]"));
		assertThat(counted.unverified()).isZero();
	}

	@Test
	void aStudyWithNoDecisionsCountsNothingInTheVerifiedAnswer() {
		assertThat(new CountedValues(Map.of(), true).of(List.of(NEVER, VERIFIED)).rows()).isEmpty();
		assertThat(new CountedValues(Map.of(), false).of(List.of(NEVER, VERIFIED)).unverified()).isEqualTo(2);
	}
}
