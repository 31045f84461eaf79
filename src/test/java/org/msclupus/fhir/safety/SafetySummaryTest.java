package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msclupus.fhir.safety.SafetyData.AdverseEvent;
import org.msclupus.fhir.safety.SafetyData.Infusion;
import org.msclupus.fhir.safety.SafetyData.LabResult;
import org.msclupus.fhir.safety.SafetyData.Relatedness;
import org.msclupus.fhir.safety.SafetyReport.EventCount;
import org.msclupus.fhir.safety.SafetyReport.LabCount;

class SafetySummaryTest {

	static final LocalDate DAY0 = LocalDate.parse("2026-01-05");
	static final Instant INFUSION_1 = DAY0.atTime(9, 0).toInstant(ZoneOffset.UTC);
	static final Instant INFUSION_2 = INFUSION_1.plus(java.time.Duration.ofDays(7));
	static final LocalDate AS_OF = LocalDate.parse("2032-12-31");

	private static SafetyData.Subject subject(String id, String arm, List<AdverseEvent> events, List<LabResult> labs) {
		List<Infusion> infusions = arm.equals("msc")
				? List.of(new Infusion("MedicationAdministration/" + id + "-1", 1, INFUSION_1),
						new Infusion("MedicationAdministration/" + id + "-2", 2, INFUSION_2))
				: List.of();
		return new SafetyData.Subject("ResearchSubject/" + id, arm, DAY0, infusions, events, labs);
	}

	private static AdverseEvent event(String id, Instant start, Boolean serious, Integer grade, Relatedness related) {
		return new AdverseEvent("AdverseEvent/" + id, start, LocalDate.ofInstant(start, ZoneOffset.UTC), serious, grade,
				related, false);
	}

	private static AdverseEvent minor(String id, Instant start) {
		return event(id, start, false, 1, Relatedness.UNKNOWN);
	}

	private static LabResult alt(String id, LocalDate date, String value) {
		return new LabResult("Observation/" + id, SafetyLab.ALT, date, new BigDecimal(value), new BigDecimal("7"),
				new BigDecimal("40"));
	}

	private static SafetyReport summarize(SafetyData.Subject... subjects) {
		return SafetySummary.summarize(List.of(subjects), SafetyThresholds.DEFAULTS, AS_OF, "msc");
	}

	private static EventCount count(List<EventCount> counts, String arm, String dimension, String category) {
		return counts.stream().filter(c -> c.arm().equals(arm) && c.dimension().equals(dimension)
				&& c.category().equals(category)).findFirst().orElseThrow();
	}

	private static LabCount lab(SafetyReport report, String arm, String visit) {
		return report.labAbnormalities().stream().filter(l -> l.arm().equals(arm) && l.visit().equals(visit))
				.findFirst().orElseThrow();
	}

	@ParameterizedTest(name = "{0} min after the second infusion: reaction {1}")
	@CsvSource({"0, true", "1439, true", "1440, true", "1441, false", "-1, false"})
	void anInfusionReactionStartsWithin24HoursOfAnInfusionBothEndsIncluded(int minutes, boolean reaction) {
		SafetyReport report = summarize(subject("s1", "msc",
				List.of(minor("e1", INFUSION_2.plusSeconds(60L * minutes))), List.of()));
		EventCount second = count(report.infusionReactions(), "msc", "infusion", "2");
		assertThat(second.events()).isEqualTo(reaction ? 1 : 0);
		assertThat(second.evidence()).isEqualTo(reaction ? List.of("AdverseEvent/e1") : List.of());
		// One minute before the second infusion is six days after the first: no reaction to either.
		assertThat(count(report.infusionReactions(), "msc", "infusion", "1").events()).isZero();
		assertThat(count(report.adverseEvents(), "msc", "any", "any").events()).isEqualTo(1);
	}

	@Test
	void theInfusionReactionWindowIsConfigurable() {
		SafetyData.Subject s = subject("s1", "msc", List.of(minor("e1", INFUSION_1.plusSeconds(30 * 3600))), List.of());
		SafetyReport narrow = SafetySummary.summarize(List.of(s), SafetyThresholds.DEFAULTS, AS_OF, null);
		SafetyReport wide = SafetySummary.summarize(List.of(s), new SafetyThresholds(48, 30, 30, 90), AS_OF, null);
		assertThat(count(narrow.infusionReactions(), "all", "infusion", "1").events()).isZero();
		assertThat(count(wide.infusionReactions(), "all", "infusion", "1").events()).isEqualTo(1);
	}

	@Test
	void gradeFiveAndAFatalOutcomeAreDeathsWithTheirDayAfterDayZero() {
		AdverseEvent grade5 = event("e5", DAY0.plusDays(200).atTime(3, 0).toInstant(ZoneOffset.UTC), true, 5,
				Relatedness.UNRELATED);
		AdverseEvent fatal = new AdverseEvent("AdverseEvent/f", DAY0.plusDays(10).atStartOfDay().toInstant(ZoneOffset.UTC),
				DAY0.plusDays(10), true, null, Relatedness.UNKNOWN, true);
		AdverseEvent grade4 = event("e4", DAY0.plusDays(5).atStartOfDay().toInstant(ZoneOffset.UTC), true, 4,
				Relatedness.POSSIBLY);
		SafetyReport report = summarize(subject("s1", "msc", List.of(grade5, grade4), List.of()),
				subject("c1", "control", List.of(fatal), List.of()));
		assertThat(report.deaths()).extracting(d -> d.arm() + " " + d.event() + " day " + d.day()).containsExactly(
				"all AdverseEvent/e5 day 200", "all AdverseEvent/f day 10", "msc AdverseEvent/e5 day 200",
				"control AdverseEvent/f day 10");
		assertThat(count(report.adverseEvents(), "all", "grade", "5").events()).isEqualTo(1);
		assertThat(count(report.adverseEvents(), "all", "grade", "unknown").evidence()).containsExactly("AdverseEvent/f");
		assertThat(count(report.adverseEvents(), "msc", "seriousness", "serious").subjects()).isEqualTo(1);
		assertThat(count(report.adverseEvents(), "msc", "seriousness", "serious").events()).isEqualTo(2);
		assertThat(count(report.adverseEvents(), "msc", "relatedness", "possibly").evidence())
				.containsExactly("AdverseEvent/e4");
		assertThat(count(report.adverseEvents(), "msc", "relatedness", "related").events()).isZero();
	}

	@Test
	void onlyTreatmentEmergentEventsUpToTheCutOffCount() {
		AdverseEvent before = minor("before", DAY0.minusDays(1).atTime(23, 59).toInstant(ZoneOffset.UTC));
		AdverseEvent onDay0 = minor("day0", DAY0.atStartOfDay().toInstant(ZoneOffset.UTC));
		AdverseEvent lastDay = minor("last", AS_OF.atTime(23, 59).toInstant(ZoneOffset.UTC));
		AdverseEvent after = minor("after", AS_OF.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		SafetyReport report = summarize(subject("s1", "msc", List.of(before, onDay0, lastDay, after), List.of()));
		assertThat(count(report.adverseEvents(), "all", "any", "any").evidence())
				.containsExactly("AdverseEvent/day0", "AdverseEvent/last");
	}

	@Test
	void aValueExactlyAtAReferenceLimitIsNotAbnormal() {
		LabResult atHigh = alt("high", DAY0.plusDays(30), "40");
		LabResult atLow = new LabResult("Observation/low", SafetyLab.ALT, DAY0.plusDays(30), new BigDecimal("7.0"),
				new BigDecimal("7"), new BigDecimal("40"));
		LabResult justAbove = alt("above", DAY0.plusDays(30), "40.1");
		SafetyReport report = summarize(subject("s1", "msc", List.of(), List.of(atHigh)),
				subject("s2", "msc", List.of(), List.of(atLow)), subject("s3", "msc", List.of(), List.of(justAbove)));
		LabCount month1 = lab(report, "msc", "month-1");
		assertThat(month1.evaluated()).isEqualTo(3);
		assertThat(month1.above()).isEqualTo(1);
		assertThat(month1.below()).isZero();
		assertThat(month1.aboveEvidence()).containsExactly("Observation/above");
	}

	@Test
	void aSubjectNormalAtBaselineWhoTurnsAbnormalIsANewAbnormality() {
		SafetyData.Subject turns = subject("s1", "msc", List.of(), List.of(alt("b1", DAY0.minusDays(3), "25"),
				alt("m3", DAY0.plusDays(95), "88")));
		SafetyData.Subject alreadyHigh = subject("s2", "msc", List.of(), List.of(alt("b2", DAY0.minusDays(1), "55"),
				alt("m3b", DAY0.plusDays(91), "60")));
		SafetyData.Subject noBaseline = subject("s3", "msc", List.of(), List.of(alt("m3c", DAY0.plusDays(90), "70")));
		SafetyReport report = summarize(turns, alreadyHigh, noBaseline);
		LabCount month3 = lab(report, "msc", "month-3");
		assertThat(month3.evaluated()).isEqualTo(3);
		assertThat(month3.above()).isEqualTo(3);
		assertThat(month3.normalAtBaseline()).isEqualTo(1);
		assertThat(month3.newAbnormal()).isEqualTo(1);
		assertThat(month3.newAbnormalEvidence()).containsExactly("Observation/m3");
		LabCount baseline = lab(report, "msc", "baseline");
		assertThat(baseline.evaluated()).isEqualTo(2);
		assertThat(baseline.above()).isEqualTo(1);
		assertThat(baseline.newAbnormal()).isZero();
	}

	@ParameterizedTest(name = "month-1 value on day {0}: counted {1}")
	@CsvSource({"0, false", "1, true", "60, true", "61, false"})
	void aVisitValueLiesAfterDayZeroWithinTheVisitWindow(int day, boolean counted) {
		SafetyReport report = summarize(subject("s1", "msc", List.of(), List.of(alt("v", DAY0.plusDays(day), "20"))));
		assertThat(report.labAbnormalities().stream().anyMatch(l -> l.visit().equals("month-1"))).isEqualTo(counted);
	}

	@Test
	void yearVisitsFollowTheSixYearStudyWithTheirOwnWindow() {
		assertThat(SafetySummary.followUp(SafetyThresholds.DEFAULTS).visits()).extracting(v -> v.label() + "@"
				+ v.targetDay() + "±" + v.windowBefore() + "/" + v.windowAfter()).containsExactly("month-1@30±30/30", "month-3@91±30/30",
				"month-6@183±30/30", "month-12@365±30/30", "year-2@731±90/90", "year-4@1461±90/90",
				"year-6@2192±90/90");
		SafetyReport report = summarize(subject("s1", "msc", List.of(), List.of(alt("y4", DAY0.plusDays(1461 + 90), "20"),
				alt("y6", DAY0.plusDays(2192 - 91), "20"))));
		assertThat(report.labAbnormalities()).filteredOn(l -> l.arm().equals("msc")).extracting(LabCount::visit)
				.containsExactly("year-4");
	}

	@Test
	void onATieTheLaterValueCounts() {
		SafetyReport report = summarize(subject("s1", "msc", List.of(), List.of(alt("early", DAY0.plusDays(25), "20"),
				alt("late", DAY0.plusDays(35), "50"))));
		assertThat(lab(report, "msc", "month-1").aboveEvidence()).containsExactly("Observation/late");
	}

	private static <T> List<T> reversed(List<T> list) {
		List<T> copy = new ArrayList<>(list);
		java.util.Collections.reverse(copy);
		return copy;
	}

	@Test
	void theValueClosestToTheTargetCountsWhateverOrderTheValuesComeIn() {
		List<LabResult> values = List.of(alt("late", DAY0.plusDays(35), "50"), alt("early", DAY0.plusDays(25), "20"),
				alt("closest", DAY0.plusDays(31), "45"), alt("far", DAY0.plusDays(59), "60"));
		for (List<LabResult> order : List.of(values, reversed(values))) {
			SafetyReport report = summarize(subject("s1", "msc", List.of(), order));
			assertThat(lab(report, "msc", "month-1").aboveEvidence()).as("%s", order).containsExactly("Observation/closest");
		}
	}

	@Test
	void twoValuesOnOneDayCountTheFirstReference() {
		List<LabResult> values = List.of(alt("b", DAY0.plusDays(30), "50"), alt("a", DAY0.plusDays(30), "45"));
		for (List<LabResult> order : List.of(values, reversed(values))) {
			SafetyReport report = summarize(subject("s1", "msc", List.of(), order));
			assertThat(lab(report, "msc", "month-1").aboveEvidence()).containsExactly("Observation/a");
		}
	}

	@Test
	void proportionsOfSubjectsWithAnEventCarryWilsonIntervals() {
		List<SafetyData.Subject> subjects = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			subjects.add(subject("m" + i, "msc", i < 3 ? List.of(minor("e" + i, INFUSION_1.plusSeconds(86_400 * 40)))
					: List.of(), List.of()));
		}
		SafetyReport report = SafetySummary.summarize(subjects, SafetyThresholds.DEFAULTS, AS_OF, "msc");
		SafetyReport.Rate msc = report.rates().stream().filter(r -> r.arm().equals("msc")).findFirst().orElseThrow();
		assertThat(msc.subjectsWithEvent()).isEqualTo(3);
		assertThat(msc.subjects()).isEqualTo(10);
		assertThat(msc.proportion()).isEqualTo(0.3);
		// Wilson score interval of 3/10 at 95 %, worked by hand: 0.1078 to 0.6032.
		assertThat(msc.low()).isCloseTo(0.1078, within(1e-4));
		assertThat(msc.high()).isCloseTo(0.6032, within(1e-4));
		assertThat(report.oddsRatio()).as("one arm only").isNull();
	}

	@Test
	void theOddsRatioUsesWoolfsInterval() {
		SafetyReport.OddsRatio or = SafetySummary.oddsRatio("msc", "control", 2, 8, 6, 4);
		assertThat(or.correction()).isZero();
		assertThat(or.ratio()).isCloseTo(8.0 / 48, within(1e-9));
		// exp(ln(1/6) -/+ 1.959964 * sqrt(1/2 + 1/8 + 1/6 + 1/4))
		assertThat(or.low()).isCloseTo(0.0225473, within(1e-6));
		assertThat(or.high()).isCloseTo(1.2319772, within(1e-6));
	}

	@Test
	void aZeroCellAddsOneHalfToEveryCell() {
		SafetyReport.OddsRatio or = SafetySummary.oddsRatio("msc", "control", 0, 10, 4, 6);
		assertThat(or.correction()).isEqualTo(0.5);
		assertThat(or.a()).isZero();
		// (0.5 x 6.5) / (10.5 x 4.5), interval exp(ln OR -/+ 1.959964 * sqrt(1/0.5 + 1/10.5 + 1/4.5 + 1/6.5))
		assertThat(or.ratio()).isCloseTo(3.25 / 47.25, within(1e-9));
		assertThat(or.low()).isCloseTo(0.0031576, within(1e-6));
		assertThat(or.high()).isCloseTo(1.4983164, within(1e-6));
	}

	@Test
	void twoArmsGetTheOddsRatioOfMscVersusControl() {
		List<SafetyData.Subject> subjects = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Instant later = INFUSION_1.plusSeconds(86_400 * 50);
			subjects.add(subject("m" + i, "msc", i < 2 ? List.of(minor("me" + i, later)) : List.of(), List.of()));
			subjects.add(subject("c" + i, "control", i < 6 ? List.of(minor("ce" + i, later)) : List.of(), List.of()));
		}
		SafetyReport report = SafetySummary.summarize(subjects, SafetyThresholds.DEFAULTS, AS_OF, "msc");
		SafetyReport.OddsRatio or = report.oddsRatio();
		assertThat(List.of(or.mscArm(), or.controlArm())).containsExactly("msc", "control");
		assertThat(List.of(or.a(), or.b(), or.c(), or.d())).containsExactly(2, 8, 6, 4);
		assertThat(or.ratio()).isCloseTo(1.0 / 6, within(1e-9));
		assertThat(report.rates()).extracting(SafetyReport.Rate::arm).containsExactly("all", "msc", "control");
	}

	@Test
	void vitalSignsCountTheSubjectsWithASignificantValueOrChangePerVisit() {
		SafetyData.Subject rising = new SafetyData.Subject("ResearchSubject/v1", "msc", DAY0, List.of(), List.of(),
				List.of(), List.of(
						new SafetyData.VitalValue("Observation/bp0", VitalSign.SYSTOLIC_BP, DAY0.minusDays(1),
								new java.math.BigDecimal("150")),
						new SafetyData.VitalValue("Observation/bp1", VitalSign.SYSTOLIC_BP, DAY0.plusDays(30),
								new java.math.BigDecimal("182"))));
		SafetyData.Subject steady = new SafetyData.Subject("ResearchSubject/v2", "msc", DAY0, List.of(), List.of(),
				List.of(), List.of(
						new SafetyData.VitalValue("Observation/hr0", VitalSign.HEART_RATE, DAY0.minusDays(1),
								new java.math.BigDecimal("80")),
						new SafetyData.VitalValue("Observation/hr1", VitalSign.HEART_RATE, DAY0.plusDays(31),
								new java.math.BigDecimal("119")),
						new SafetyData.VitalValue("Observation/late", VitalSign.HEART_RATE, DAY0.plusDays(300),
								new java.math.BigDecimal("160"))));
		SafetyReport report = summarize(rising, steady);
		SafetyReport.VitalCount month1 = report.vitalSigns().stream()
				.filter(v -> v.arm().equals("msc") && v.visit().equals("month-1")).findFirst().orElseThrow();
		assertThat(month1.evaluated()).isEqualTo(2);
		assertThat(month1.significant()).isEqualTo(1);
		assertThat(month1.evidence()).containsExactly("Observation/bp1");
		assertThat(report.vitalSigns()).as("day 300 lies in no visit's window").noneMatch(v -> v.evidence()
				.contains("Observation/late"));
	}

	/**
	 * A protocol schedule whose windows overlap (days 14 and 22, 14 days either side): a value on day 17 is nearer
	 * the first visit and counts for it alone; day 18 is as near to both and counts for the later visit only. One
	 * value, one visit, as in every other operation. Before, each value counted at both visits.
	 */
	@Test
	void aValueInsideTwoOverlappingWindowsCountsForOneVisitOnly() {
		org.msclupus.fhir.design.VisitSchedule overlapping = new org.msclupus.fhir.design.VisitSchedule("overlap",
				List.of(new org.msclupus.fhir.design.Visit("day-0", 0), org.msclupus.fhir.design.Visit.atDay(14),
						new org.msclupus.fhir.design.Visit("day-22", 22)));
		org.msclupus.fhir.design.VisitAttribution attribution = new org.msclupus.fhir.design.VisitAttribution(
				overlapping, 14);
		SafetyReport nearer = SafetySummary.summarize(List.of(subject("s1", "msc", List.of(),
				List.of(alt("d17", DAY0.plusDays(17), "50")))), SafetyThresholds.DEFAULTS, VitalSignCriteria.DEFAULTS,
				attribution, AS_OF, "msc");
		assertThat(nearer.labAbnormalities()).filteredOn(l -> l.arm().equals("msc")).extracting(LabCount::visit)
				.containsExactly("week-2");
		SafetyReport tie = SafetySummary.summarize(List.of(subject("s1", "msc", List.of(),
				List.of(alt("d18", DAY0.plusDays(18), "50")))), SafetyThresholds.DEFAULTS, VitalSignCriteria.DEFAULTS,
				attribution, AS_OF, "msc");
		assertThat(tie.labAbnormalities()).filteredOn(l -> l.arm().equals("msc")).extracting(LabCount::visit)
				.containsExactly("day-22");
		SafetyData.Subject withVital = new SafetyData.Subject("ResearchSubject/v", "msc", DAY0, List.of(), List.of(),
				List.of(), List.of(new SafetyData.VitalValue("Observation/hr", VitalSign.HEART_RATE,
						DAY0.plusDays(17), new BigDecimal("80"))));
		SafetyReport vitals = SafetySummary.summarize(List.of(withVital), SafetyThresholds.DEFAULTS,
				VitalSignCriteria.DEFAULTS, attribution, AS_OF, "msc");
		assertThat(vitals.vitalSigns()).filteredOn(v -> v.arm().equals("msc"))
				.extracting(SafetyReport.VitalCount::visit).containsExactly("week-2");
	}
}
