package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.design.ReferenceSafetyInformation;

/** Serious, related, unexpected: each criterion on its own, and expectedness from the event before the study's list. */
class SusarCandidatesTest {

	static final LocalDate DAY0 = LocalDate.of(2025, 3, 1);
	static final Set<SafetyData.Relatedness> RELATED = EnumSet.of(SafetyData.Relatedness.RELATED,
			SafetyData.Relatedness.POSSIBLY);
	static final ReferenceSafetyInformation RSI = new ReferenceSafetyInformation(List.of(
			new ReferenceSafetyInformation.ExpectedEvent(Set.of("http://snomed.info/sct|386661006"), "Fever"),
			new ReferenceSafetyInformation.ExpectedEvent(Set.of(), "Infusion-related reaction")));

	static SafetyData.AdverseEvent event(String id, Boolean serious, SafetyData.Relatedness relatedness,
			Boolean expected, List<String> codes, String term) {
		return new SafetyData.AdverseEvent(id, Instant.parse("2025-03-10T10:00:00Z"), LocalDate.parse("2025-03-10"),
				serious, 3, relatedness, false,
				expected, codes, term);
	}

	static List<String> candidates(SafetyData.AdverseEvent... events) {
		SafetyData.Subject subject = new SafetyData.Subject("ResearchSubject/s1", "uc-msc", DAY0, List.of(),
				List.of(events), List.of());
		return SusarCandidates.of(List.of(subject), RSI, RELATED, DAY0.plusDays(30)).stream()
				.map(SusarCandidates.Candidate::adverseEvent).toList();
	}

	@Test
	void seriousRelatedAndUnexpectedIsACandidate() {
		assertThat(candidates(event("ae-1", true, SafetyData.Relatedness.RELATED, null, List.of(), "Pneumonia"),
				event("ae-2", true, SafetyData.Relatedness.POSSIBLY, null, List.of(), "Sepsis")))
				.containsExactly("ae-1", "ae-2");
	}

	@Test
	void eachCriterionMissingLeavesItOut() {
		assertThat(candidates(
				event("not-serious", false, SafetyData.Relatedness.RELATED, null, List.of(), "Pneumonia"),
				event("seriousness-unknown", null, SafetyData.Relatedness.RELATED, null, List.of(), "Pneumonia"),
				event("unrelated", true, SafetyData.Relatedness.UNRELATED, null, List.of(), "Pneumonia"),
				event("relatedness-unknown", true, SafetyData.Relatedness.UNKNOWN, null, List.of(), "Pneumonia"),
				event("expected-by-code", true, SafetyData.Relatedness.RELATED, null,
						List.of("http://snomed.info/sct|386661006"), "Pyrexia"),
				event("expected-by-text", true, SafetyData.Relatedness.RELATED, null, List.of(),
						" infusion-related REACTION "))).isEmpty();
	}

	@Test
	void theEventsOwnExpectednessComesBeforeTheStudysList() {
		assertThat(candidates(event("listed-but-flagged-unexpected", true, SafetyData.Relatedness.RELATED, false,
				List.of(), "Fever"), event("flagged-expected", true, SafetyData.Relatedness.RELATED, true,
				List.of(), "Pneumonia"))).containsExactly("listed-but-flagged-unexpected");
	}
}
