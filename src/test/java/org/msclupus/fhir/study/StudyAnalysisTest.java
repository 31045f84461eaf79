package org.msclupus.fhir.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.VisitResult;
import org.msclupus.fhir.statistics.KaplanMeier;
import org.msclupus.fhir.statistics.TwoProportions;

/** Arm comparisons and times to event over subject results built by hand. */
class StudyAnalysisTest {

	static final List<ResponseCriteria> SETS = StudyAggregatorTest.SETS;
	static final LocalDate DAY0 = LocalDate.parse("2026-01-10");
	static final ArmComparison MSC_VS_IL2 = new ArmComparison("uc-msc", "il-2", ArmComparison.MissingAs.NON_RESPONDER);

	/** A renal result: the week-24 category and the response at weeks 4, 8, 16, 20, 24 (null: not due). */
	static SubjectOutcome renal(String arm, Response atWeek24, Response... visits) {
		List<VisitResult> results = new ArrayList<>();
		results.add(new VisitResult("baseline", DAY0, null, null));
		int[] weeks = {4, 8, 16, 20, 24};
		for (int i = 0; i < visits.length; i++) {
			results.add(new VisitResult("week-" + weeks[i], DAY0.plusDays(7L * weeks[i]), visits[i], null));
		}
		CriteriaResult result = new CriteriaResult("ln-renal-response", "1", java.util.Map.of(), atWeek24, null, null,
				null, null, null, null, results, new TreeSet<>(), List.of(), List.of(), "", DAY0);
		return new SubjectOutcome("ResearchSubject/" + Math.random(), arm, result);
	}

	static List<SubjectOutcome> repeat(int times, SubjectOutcome outcome) {
		List<SubjectOutcome> list = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			list.add(new SubjectOutcome("ResearchSubject/" + outcome.arm() + i, outcome.arm(), outcome.result()));
		}
		return list;
	}

	private static StudyComparisons.OutcomeComparison comparison(List<StudyComparisons.OutcomeComparison> all,
			String outcome) {
		return all.stream().filter(c -> c.criteria().equals("ln-renal-response") && c.outcome().equals(outcome))
				.findFirst().orElseThrow();
	}

	@Test
	void crAndCrOrPrAreComparedWithNeAsNonResponders() {
		List<SubjectOutcome> outcomes = new ArrayList<>();
		outcomes.addAll(repeat(6, renal("uc-msc", Response.CR)));
		outcomes.addAll(repeat(4, renal("uc-msc", Response.PR)));
		outcomes.addAll(repeat(8, renal("uc-msc", Response.NR)));
		outcomes.addAll(repeat(2, renal("uc-msc", Response.NE)));
		outcomes.addAll(repeat(3, renal("il-2", Response.CR)));
		outcomes.addAll(repeat(15, renal("il-2", Response.NR)));
		outcomes.addAll(repeat(2, renal("il-2", Response.NE)));
		List<StudyComparisons.OutcomeComparison> all = StudyComparisons.outcomes(SETS, outcomes, MSC_VS_IL2);
		StudyComparisons.OutcomeComparison cr = comparison(all, "CR");
		assertThat(List.of(cr.count(), cr.denominator(), cr.referenceCount(), cr.referenceDenominator()))
				.containsExactly(6, 20, 3, 20);
		assertThat(cr.estimates()).isEqualTo(TwoProportions.compare(6, 20, 3, 20));
		StudyComparisons.OutcomeComparison crOrPr = comparison(all, "CR-or-PR");
		assertThat(List.of(crOrPr.count(), crOrPr.referenceCount())).containsExactly(10, 3);
		assertThat(all).filteredOn(c -> c.criteria().equals("ln-renal-response"))
				.extracting(StudyComparisons.OutcomeComparison::outcome).containsExactly("CR", "CR-or-PR");
	}

	@Test
	void excludedNeSubjectsLeaveTheDenominator() {
		List<SubjectOutcome> outcomes = new ArrayList<>(repeat(3, renal("uc-msc", Response.CR)));
		outcomes.addAll(repeat(2, renal("uc-msc", Response.NE)));
		outcomes.addAll(repeat(4, renal("il-2", Response.NR)));
		StudyComparisons.OutcomeComparison cr = comparison(StudyComparisons.outcomes(SETS, outcomes,
				new ArmComparison("uc-msc", "il-2", ArmComparison.MissingAs.EXCLUDED)), "CR");
		assertThat(List.of(cr.count(), cr.denominator(), cr.referenceCount(), cr.referenceDenominator()))
				.containsExactly(3, 3, 0, 4);
		assertThat(cr.estimates().correction()).as("a zero cell").isEqualTo(0.5);
	}

	@Test
	void anArmEmptiedByExclusionGetsCountsButNoEstimates() {
		List<SubjectOutcome> outcomes = new ArrayList<>(repeat(3, renal("uc-msc", Response.CR)));
		outcomes.addAll(repeat(4, renal("il-2", Response.NE)));
		StudyComparisons.OutcomeComparison cr = comparison(StudyComparisons.outcomes(SETS, outcomes,
				new ArmComparison("uc-msc", "il-2", ArmComparison.MissingAs.EXCLUDED)), "CR");
		assertThat(cr.referenceDenominator()).isZero();
		assertThat(cr.estimates()).isNull();
	}

	@Test
	void theArmsAreTheExperimentalOneAndTheOther() {
		assertThat(ArmComparison.choose(new org.msclupus.fhir.design.StudyArms(List.of("uc-msc", "il-2"), List.of("uc-msc")), null,
				ArmComparison.MissingAs.NON_RESPONDER)).contains(MSC_VS_IL2);
		assertThat(ArmComparison.choose(new org.msclupus.fhir.design.StudyArms(List.of("uc-msc"), List.of("uc-msc")), null,
				ArmComparison.MissingAs.NON_RESPONDER)).as("one arm: nothing to compare").isEmpty();
		assertThat(ArmComparison.choose(new org.msclupus.fhir.design.StudyArms(List.of("a", "b", "c"), List.of("a")), "c",
				ArmComparison.MissingAs.NON_RESPONDER).orElseThrow().referenceArm()).isEqualTo("c");
		assertThatThrownBy(() -> ArmComparison.choose(new org.msclupus.fhir.design.StudyArms(List.of("a", "b", "c"), List.of("a")), null,
				ArmComparison.MissingAs.NON_RESPONDER)).hasMessageContaining("referenceArm");
		assertThatThrownBy(() -> ArmComparison.choose(new org.msclupus.fhir.design.StudyArms(List.of("a", "b"), List.of("a")), "z",
				ArmComparison.MissingAs.NON_RESPONDER)).hasMessageContaining("'z' is not an arm");
		assertThatThrownBy(() -> ArmComparison.MissingAs.byCode("ignored")).hasMessageContaining("non-responder");
	}

	@Test
	void theTimeToResponseIsTheFirstVisitWithPrOrBetterWhateverFollows() {
		SubjectOutcome lost = renal("uc-msc", Response.NR, Response.NR, Response.PR, Response.NR, Response.NR,
				Response.NR);
		KaplanMeier.Observation observation = StudyTimeToEvent.observation(lost.result(), "response",
				java.util.Set.of(Response.CR, Response.PR)).orElseThrow();
		assertThat(observation.event()).isTrue();
		assertThat(observation.time()).isEqualTo(56);
	}

	@Test
	void aSubjectWithoutTheEventIsCensoredAtItsLastEvaluableVisit() {
		SubjectOutcome censored = renal("uc-msc", Response.NE, Response.NR, Response.NR, Response.NR, Response.NE,
				Response.NE);
		KaplanMeier.Observation observation = StudyTimeToEvent.observation(censored.result(), "response",
				java.util.Set.of(Response.CR, Response.PR)).orElseThrow();
		assertThat(observation.event()).isFalse();
		assertThat(observation.time()).as("week 16").isEqualTo(112);
		SubjectOutcome nothing = renal("uc-msc", Response.NE, Response.NE, Response.NE);
		assertThat(StudyTimeToEvent.observation(nothing.result(), "response", java.util.Set.of(Response.CR)))
				.as("no evaluable visit after day 0").isEmpty();
	}

	@Test
	void curvesCountTheNotEvaluableAndTheLogRankComparesTheArms() {
		List<SubjectOutcome> outcomes = new ArrayList<>();
		outcomes.add(renal("uc-msc", Response.CR, Response.PR, Response.CR));
		outcomes.add(renal("uc-msc", Response.PR, Response.NR, Response.PR));
		outcomes.add(renal("uc-msc", Response.NE, Response.NE));
		outcomes.add(renal("il-2", Response.NR, Response.NR, Response.NR));
		outcomes.add(renal("il-2", Response.PR, Response.NR, Response.NR, Response.PR));
		List<StudyTimeToEvent.TimeToEvent> curves = StudyTimeToEvent.curves(SETS, outcomes);
		StudyTimeToEvent.TimeToEvent msc = curves.stream().filter(c -> c.event().equals("response")
				&& c.arm().equals("uc-msc")).findFirst().orElseThrow();
		assertThat(msc.notEvaluable()).isEqualTo(1);
		assertThat(msc.curve().n()).isEqualTo(2);
		assertThat(msc.curve().events()).isEqualTo(2);
		// Responses at day 28 and day 56: S is exactly 0.5 from day 28, so the median is the midpoint, as in R.
		assertThat(msc.curve().median()).isEqualTo(42.0);
		assertThat(curves).extracting(StudyTimeToEvent.TimeToEvent::arm).contains("all", "uc-msc", "il-2");
		assertThat(curves).extracting(StudyTimeToEvent.TimeToEvent::event).contains("response", "complete-response")
				.doesNotContain("relapse");
		List<StudyTimeToEvent.LogRankTest> tests = StudyTimeToEvent.logRanks(SETS, outcomes, MSC_VS_IL2);
		assertThat(tests).extracting(StudyTimeToEvent.LogRankTest::event).containsExactly("response",
				"complete-response");
		assertThat(tests.get(0).test().observed()).isEqualTo(2);
	}

	@Test
	void relapseIsTimedFromTheFirstResponseAmongResponders() {
		List<VisitResult> visits = List.of(new VisitResult("month-1", DAY0.plusDays(30), Response.NR, null),
				new VisitResult("month-3", DAY0.plusDays(91), Response.PCR, null),
				new VisitResult("month-6", DAY0.plusDays(183), Response.MCR, null),
				new VisitResult("month-9", DAY0.plusDays(274), Response.PCR, null));
		CriteriaResult relapsed = new CriteriaResult("bilag-mcr-pcr", "1", java.util.Map.of(), Response.MCR,
				DAY0.plusDays(183), 183, null, true, "month-9", DAY0.plusDays(274), visits, new TreeSet<>(), List.of(),
				List.of(), "", DAY0);
		KaplanMeier.Observation observation = StudyTimeToEvent.observation(relapsed, "relapse", java.util.Set.of())
				.orElseThrow();
		assertThat(observation.event()).isTrue();
		assertThat(observation.time()).as("month 3 to month 9").isEqualTo(183);
		CriteriaResult neverResponded = new CriteriaResult("bilag-mcr-pcr", "1", java.util.Map.of(), Response.NR,
				null, null, null, false, null, null, visits.subList(0, 1), new TreeSet<>(), List.of(), List.of(), "",
				DAY0);
		assertThat(StudyTimeToEvent.observation(neverResponded, "relapse", java.util.Set.of())).isEmpty();
	}

	@Test
	void changesAreComparedWithWelchsTest() {
		List<SubjectOutcome> outcomes = new ArrayList<>();
		double[] msc = {-6, -4, -5, -3};
		double[] il2 = {-1, 0, -2};
		for (double change : msc) {
			outcomes.add(change("uc-msc", change));
		}
		for (double change : il2) {
			outcomes.add(change("il-2", change));
		}
		outcomes.add(change("il-2", Double.NaN)); // no value at the visit
		List<StudyComparisons.ChangeComparison> comparisons = StudyComparisons.changes(SETS, outcomes, MSC_VS_IL2);
		assertThat(comparisons).hasSize(1);
		StudyComparisons.ChangeComparison c = comparisons.get(0);
		assertThat(c.measure()).isEqualTo("sledai-2k");
		assertThat(List.of(c.n(), c.referenceN())).containsExactly(4, 3);
		assertThat(c.meanChange()).isCloseTo(-4.5, within(1e-12));
		assertThat(c.referenceMeanChange()).isCloseTo(-1.0, within(1e-12));
		assertThat(c.estimates().difference().value()).isCloseTo(-3.5, within(1e-12));
		assertThat(c.estimates()).isEqualTo(org.msclupus.fhir.statistics.TwoMeans.compare(msc, il2));
	}

	private static SubjectOutcome change(String arm, double change) {
		List<MeasureChange> changes = Double.isNaN(change) ? List.of()
				: List.of(new MeasureChange(Measure.SLEDAI_2K, BigDecimal.valueOf(10 + change),
						BigDecimal.valueOf(change), null));
		List<VisitResult> visits = List.of(new VisitResult("baseline", DAY0, null,
						List.of(new MeasureChange(Measure.SLEDAI_2K, BigDecimal.TEN, null, null))),
				new VisitResult("month-6", DAY0.plusDays(183), null, changes));
		CriteriaResult result = new CriteriaResult("change-from-baseline", "1", java.util.Map.of(), null, null, null,
				null, null, null, null, visits, new TreeSet<>(), List.of(), List.of(), "", DAY0);
		return new SubjectOutcome("ResearchSubject/" + arm + Arrays.hashCode(new double[] {change}), arm, result);
	}
}
