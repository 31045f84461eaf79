package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worst grades and shift tables of a small arm tallied by hand: three subjects, neutrophils and ALT, day 0 on
 * 10 January 2025, a baseline window of 30 days.
 */
class LabToxicitySummaryTest {

	static final LocalDate DAY0 = LocalDate.of(2025, 1, 10);
	static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

	static SafetyData.GradedLab value(String ref, LabToxicity term, int day, String value, String limit) {
		return new SafetyData.GradedLab(ref, term, term.loincCodes().get(0), DAY0.plusDays(day), new BigDecimal(value),
				limit == null ? null : new BigDecimal(limit));
	}

	static SafetyData.Subject subject(String id, List<SafetyData.GradedLab> values) {
		return new SafetyData.Subject(id, "uc-msc", DAY0, List.of(), List.of(), List.of(), List.of(), values);
	}

	static final LabToxicity ANC = LabToxicity.NEUTROPHIL_COUNT_DECREASED;
	static final LabToxicity ALT = LabToxicity.ALANINE_AMINOTRANSFERASE_INCREASED;

	static final List<SafetyData.Subject> ARM = List.of(
			// baseline grade 0; 1.2 is grade 2, 1.8 grade 1: worst 2. ALT from an abnormal baseline 80: 130 is 1.6 x
			// baseline, grade 1
			subject("S1", List.of(value("anc-1a", ANC, -2, "2.5", "2.0"), value("anc-1b", ANC, 14, "1.2", "2.0"),
					value("anc-1c", ANC, 28, "1.8", "2.0"), value("alt-1a", ALT, -2, "80", "40"),
					value("alt-1b", ALT, 28, "130", "40"))),
			// baseline grade 1 (1.7); 0.4 is grade 4. ALT normal at baseline: 130 is 3.25 x ULN, grade 2. A value
			// before the baseline window is no baseline.
			subject("S2", List.of(value("anc-2z", ANC, -60, "0.3", "2.0"), value("anc-2a", ANC, 0, "1.7", "2.0"),
					value("anc-2b", ANC, 90, "0.4", "2.0"), value("alt-2a", ALT, -1, "30", "40"),
					value("alt-2b", ALT, 90, "130", "40"))),
			// no baseline; grade 0 after day 0; a value after the cut-off does not count
			subject("S3", List.of(value("anc-3a", ANC, 30, "2.1", "2.0"), value("anc-3b", ANC, 400, "0.1", "2.0"))));

	@Test
	void worstGradesAfterDayZero() {
		List<LabToxicitySummary.ToxicityCount> counts = LabToxicitySummary.toxicity("uc-msc", ARM, 30, AS_OF);
		assertThat(counts.stream().filter(c -> c.term() == ANC))
				.extracting(LabToxicitySummary.ToxicityCount::grade, LabToxicitySummary.ToxicityCount::subjects)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0),
						org.assertj.core.groups.Tuple.tuple(2, 1), org.assertj.core.groups.Tuple.tuple(3, 0),
						org.assertj.core.groups.Tuple.tuple(4, 1));
		assertThat(counts.stream().filter(c -> c.term() == ANC && c.grade() == 4).findFirst().orElseThrow().evidence())
				.containsExactly("anc-2b");
		assertThat(counts.stream().filter(c -> c.term() == ALT).filter(c -> c.subjects() > 0))
				.extracting(LabToxicitySummary.ToxicityCount::grade).containsExactly(1, 2);
		assertThat(counts).noneMatch(c -> c.term() == LabToxicity.ANEMIA);
	}

	@Test
	void shiftsFromTheBaselineGradeToTheWorst() {
		List<LabToxicitySummary.ShiftCount> shifts = LabToxicitySummary.shifts("uc-msc", ARM, 30, AS_OF);
		assertThat(shifts).containsExactly(
				new LabToxicitySummary.ShiftCount("uc-msc", ANC, 0, 2, 1),
				new LabToxicitySummary.ShiftCount("uc-msc", ANC, 1, 4, 1),
				new LabToxicitySummary.ShiftCount("uc-msc", ALT, 0, 2, 1),
				new LabToxicitySummary.ShiftCount("uc-msc", ALT, 1, 1, 1));
	}
}
