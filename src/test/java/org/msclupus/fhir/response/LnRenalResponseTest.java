package org.msclupus.fhir.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.msclupus.fhir.response.Timelines.day;
import static org.msclupus.fhir.response.Timelines.infused;
import static org.msclupus.fhir.response.Timelines.m;
import static org.msclupus.fhir.response.Timelines.prednisone;

import org.msclupus.fhir.design.Measure;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LnRenalResponseTest {

	private static final Measure CR = Measure.SERUM_CREATININE;
	private static final Measure UPCR = Measure.URINE_PROTEIN_CREATININE_RATIO;
	private static final Measure U24 = Measure.URINE_PROTEIN_24H;
	private static final int W24 = 168;

	private final LnRenalResponse rule = new LnRenalResponse(LnRenalResponse.Thresholds.DEFAULTS);

	/** Abnormal baseline: creatinine 1.5 (limit 1.2), UPCR 2.0. */
	private static SubjectTimeline.Builder abnormalBaseline() {
		return infused().measurement(m(CR, -2, "1.5")).measurement(m(UPCR, -2, "2.0"));
	}

	private CriteriaResult atWeek24(SubjectTimeline.Builder t, String creatinine, String upcr) {
		return rule.evaluate(t.measurement(m(CR, W24, creatinine)).measurement(m(UPCR, W24, upcr)).build());
	}

	@Nested
	class CompleteResponse {
		@ParameterizedTest(name = "creatinine {0} mg/dL (baseline 1.0): {1}")
		@CsvSource({"1.2, CR", "1.25, CR", "1.26, NR"})
		void creatinineAtMost1Point2OrAtMost125PercentOfBaseline(String creatinine, Response expected) {
			// Baseline 1.0: 125 % is 1.25, so 1.21-1.25 pass on the relative limit only.
			SubjectTimeline.Builder t = infused().measurement(m(CR, -2, "1.0")).measurement(m(UPCR, -2, "0.4"));
			assertThat(atWeek24(t, creatinine, "0.3").response()).isEqualTo(expected);
		}

		@Test
		void creatinineJustAboveTheAbsoluteLimitWithoutTheRelativeOne() {
			SubjectTimeline.Builder t = infused().measurement(m(CR, -2, "0.9")).measurement(m(UPCR, -2, "0.4"));
			assertThat(atWeek24(t, "1.2", "0.3").response()).isEqualTo(Response.CR);
			t = infused().measurement(m(CR, -2, "0.9")).measurement(m(UPCR, -2, "0.4"));
			assertThat(atWeek24(t, "1.21", "0.3").response()).isEqualTo(Response.NR); // 1.21 > 1.125 = 125 % of 0.9
		}

		@ParameterizedTest(name = "UPCR {0} g/g: {1}")
		@CsvSource({"0.49, CR", "0.5, PR"})
		void upcrBelow0Point5(String upcr, Response expected) {
			// At 0.5 it is not CR; the falls (creatinine 40 %, UPCR 75 %) still make it PR.
			assertThat(atWeek24(abnormalBaseline(), "0.9", upcr).response()).isEqualTo(expected);
		}

		@ParameterizedTest(name = "24-hour protein {0} g/24 h: {1}")
		@CsvSource({"0.49, CR", "0.5, PR"})
		void or24HourProteinBelow0Point5(String protein, Response expected) {
			SubjectTimeline t = infused().measurement(m(CR, -2, "1.5")).measurement(m(U24, -2, "2.5"))
					.measurement(m(CR, W24, "0.9")).measurement(m(U24, W24, protein)).build();
			assertThat(rule.evaluate(t).response()).isEqualTo(expected);
		}

		@Test
		void eitherProteinuriaMeasureSuffices() {
			SubjectTimeline t = abnormalBaseline().measurement(m(CR, W24, "0.9")).measurement(m(UPCR, W24, "0.8"))
					.measurement(m(U24, W24, "0.4")).build();
			assertThat(rule.evaluate(t).response()).isEqualTo(Response.CR);
		}

		@ParameterizedTest(name = "prednisone {0} mg/d: {1}")
		@CsvSource({"10, CR", "10.01, PR"})
		void glucocorticoidAtMost10MgPerDayOnTheVisitDay(String dose, Response expected) {
			SubjectTimeline.Builder t = abnormalBaseline().course(prednisone(dose, -100, null));
			assertThat(atWeek24(t, "0.9", "0.3").response()).isEqualTo(expected);
		}

		@Test
		void theDoseIsTheSumOfOverlappingStatements() {
			SubjectTimeline.Builder t = abnormalBaseline().course(prednisone("7.5", -100, null))
					.course(prednisone("5", W24, W24));
			CriteriaResult result = atWeek24(t, "0.9", "0.3");
			assertThat(result.response()).isEqualTo(Response.PR);
			assertThat(result.explanation()).contains("prednisone-equivalent 12.5 mg/d");
		}

		@Test
		void aStatementThatEndedTheDayBeforeDoesNotCount() {
			SubjectTimeline.Builder t = abnormalBaseline().course(prednisone("30", -100, W24 - 1));
			assertThat(atWeek24(t, "0.9", "0.3").response()).isEqualTo(Response.CR);
		}

		@Test
		void explainsItself() {
			CriteriaResult result = atWeek24(abnormalBaseline().course(prednisone("7.5", -10, null)), "0.9", "0.31");
			assertThat(result.explanation()).isEqualTo("CR at week-24: creatinine 0.9 mg/dL <= 1.2; UPCR 0.31 g/g < 0.5; "
					+ "prednisone-equivalent 7.5 mg/d on " + day(W24) + " <= 10.");
			assertThat(result.daysToResponse()).isEqualTo(W24);
			assertThat(result.daysToCompleteResponse()).isEqualTo(W24);
			assertThat(result.responseDate()).isEqualTo(day(W24));
			assertThat(result.evidence()).hasSize(6); // infusion, 2 baselines, 2 visit values, 1 statement
		}
	}

	@Nested
	class PartialResponse {
		@ParameterizedTest(name = "both abnormal, creatinine {0}, UPCR {1}: {2}")
		@CsvSource({
			"1.05, 1.4, NR", // creatinine fell exactly 30 %: not more than 30 %
			"1.04, 1.4, NR", // UPCR fell exactly 30 %
			"1.04, 1.39, PR", // both fell by more than 30 %
			"1.6, 0.9, NR"}) // creatinine rose
		void bothAbnormalNeedBothToFallByMoreThan30Percent(String creatinine, String upcr, Response expected) {
			assertThat(atWeek24(abnormalBaseline(), creatinine, upcr).response()).isEqualTo(expected);
		}

		@Test
		void notIfSledaiGotWorse() {
			SubjectTimeline.Builder t = abnormalBaseline().measurement(m(Measure.SLEDAI_2K, -2, "10"))
					.measurement(m(Measure.SLEDAI_2K, W24, "11"));
			CriteriaResult result = atWeek24(t, "1.0", "1.0");
			assertThat(result.response()).isEqualTo(Response.NR);
			assertThat(result.explanation()).contains("SLEDAI-2K rose from 10 to 11");
			t = abnormalBaseline().measurement(m(Measure.SLEDAI_2K, -2, "10")).measurement(m(Measure.SLEDAI_2K, W24, "10"));
			assertThat(atWeek24(t, "1.0", "1.0").response()).isEqualTo(Response.PR);
		}

		@ParameterizedTest(name = "only UPCR abnormal (2.0 -> {0}): {1}")
		@CsvSource({"1.0, NR", "0.99, PR"})
		void onlyProteinuriaAbnormalNeedsAFallOfMoreThan50Percent(String upcr, Response expected) {
			SubjectTimeline.Builder t = infused().measurement(m(CR, -2, "1.0")).measurement(m(UPCR, -2, "2.0"));
			assertThat(atWeek24(t, "1.3", upcr).response()).isEqualTo(expected); // creatinine 1.3 > 1.25: no CR
		}

		@Test
		void creatinineAbnormalityUsesTheBaselineReferenceRange() {
			// Baseline creatinine 1.3 with upper limit 1.4 is normal, so the proteinuria-only rule (> 50 %) applies.
			SubjectTimeline.Builder t = infused()
					.measurement(m(CR, -2, "1.3").withUpperLimit(new BigDecimal("1.4")))
					.measurement(m(UPCR, -2, "2.0"));
			assertThat(atWeek24(t, "1.7", "1.1").response()).isEqualTo(Response.NR); // UPCR fell 45 %
			t = infused().measurement(m(CR, -2, "1.3")).measurement(m(UPCR, -2, "2.0")); // default limit 1.2: abnormal
			assertThat(atWeek24(t, "0.9", "1.1").response()).isEqualTo(Response.PR); // 30.8 % and 45 %
		}

		@ParameterizedTest(name = "baseline UPCR {0}: PR applies {1}")
		@CsvSource({"0.5, true", "0.49, false"})
		void proteinuriaIsAbnormalFrom0Point5(String baseline, boolean applies) {
			SubjectTimeline.Builder t = infused().measurement(m(CR, -2, "1.0")).measurement(m(UPCR, -2, baseline));
			CriteriaResult result = atWeek24(t, "1.3", "0.2");
			assertThat(result.response()).isEqualTo(applies ? Response.PR : Response.NR);
		}

		@Test
		void proteinuriaIsComparedLikeForLike() {
			// Baseline UPCR only, week 24 only 24-hour protein (not < 0.5): PR cannot be judged.
			SubjectTimeline t = abnormalBaseline().measurement(m(CR, W24, "0.9")).measurement(m(U24, W24, "0.6"))
					.build();
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.NE);
			assertThat(result.missing()).singleElement().asString().contains("same kind as at baseline");
		}

		@Test
		void timeToResponseIsTheFirstVisitWithPrOrBetter() {
			SubjectTimeline t = abnormalBaseline()
					.measurement(m(CR, 28, "1.4")).measurement(m(UPCR, 28, "1.5")) // week 4: NR
					.measurement(m(CR, 58, "1.0")).measurement(m(UPCR, 58, "0.9")) // week 8 (day 58): PR
					.measurement(m(CR, 112, "0.9")).measurement(m(UPCR, 112, "0.3")) // week 16: CR
					.measurement(m(CR, W24, "1.0")).measurement(m(UPCR, W24, "0.8")).build(); // week 24: PR
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.PR);
			assertThat(result.daysToResponse()).isEqualTo(58);
			assertThat(result.responseDate()).isEqualTo(day(58));
			assertThat(result.daysToCompleteResponse()).isEqualTo(112);
			assertThat(result.visits()).extracting(VisitResult::label)
					.containsExactly("baseline", "week-4", "week-8", "week-16", "week-20", "week-24");
			assertThat(result.visits()).extracting(VisitResult::response)
					.containsExactly(null, Response.NR, Response.PR, Response.CR, Response.NE, Response.PR);
		}

		@Test
		void aResponseLostByWeek24StillCountsForTheTimeToResponse() {
			// Specification §2: time to response is the first visit with PR or better, whatever happens later.
			SubjectTimeline t = abnormalBaseline().measurement(m(CR, 56, "1.0")).measurement(m(UPCR, 56, "0.9"))
					.measurement(m(CR, W24, "1.5")).measurement(m(UPCR, W24, "2.0")).build();
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.NR);
			assertThat(result.visits()).extracting(VisitResult::response).contains(Response.PR);
			assertThat(result.daysToResponse()).isEqualTo(56);
			assertThat(result.responseDate()).isEqualTo(day(56));
			assertThat(result.daysToCompleteResponse()).isNull();
		}

		@Test
		void noResponseAtAnyVisitGivesNoTimeToResponse() {
			SubjectTimeline t = abnormalBaseline().measurement(m(CR, 56, "1.5")).measurement(m(UPCR, 56, "2.0"))
					.measurement(m(CR, W24, "1.5")).measurement(m(UPCR, W24, "2.0")).build();
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.NR);
			assertThat(result.daysToResponse()).isNull();
			assertThat(result.responseDate()).isNull();
		}

		@Test
		void aResponseBeforeAMissingWeek24IsStillReported() {
			SubjectTimeline t = abnormalBaseline().measurement(m(CR, 56, "1.0")).measurement(m(UPCR, 56, "0.9"))
					.build();
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.NE);
			assertThat(result.daysToResponse()).isEqualTo(56);
		}
	}

	@Nested
	class NotEvaluable {
		@Test
		void withoutDay0() {
			CriteriaResult result = rule.evaluate(SubjectTimeline.builder("s").asOf(day(400)).build());
			assertThat(result.response()).isEqualTo(Response.NE);
			assertThat(result.missing()).singleElement().asString().startsWith("day 0");
		}

		@Test
		void withoutBaselines() {
			SubjectTimeline t = infused().measurement(m(CR, -31, "1.5")).measurement(m(CR, W24, "0.9"))
					.measurement(m(UPCR, W24, "0.3")).build();
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.NE);
			assertThat(result.missing()).containsExactly("baseline serum creatinine (day -30 to day 0)",
					"baseline proteinuria (UPCR or 24-hour urine protein) (day -30 to day 0)");
		}

		@Test
		void withoutWeek24Values() {
			SubjectTimeline t = abnormalBaseline().measurement(m(CR, W24 + 15, "0.9"))
					.measurement(m(UPCR, W24, "0.3")).build();
			CriteriaResult result = rule.evaluate(t);
			assertThat(result.response()).isEqualTo(Response.NE);
			assertThat(result.missing()).containsExactly("week-24 serum creatinine (day 168 +/- 14)");
			assertThat(result.explanation()).startsWith("NE at week-24: missing week-24 serum creatinine");
		}

		@Test
		void beforeWeek24IsDue() {
			CriteriaResult result = rule.evaluate(abnormalBaseline().asOf(day(100)).build());
			assertThat(result.response()).isEqualTo(Response.NE);
			assertThat(result.missing()).contains("week-24 visit: not due until " + day(W24) + " (evaluated as of "
					+ day(100) + ")");
			assertThat(result.visits()).extracting(VisitResult::label).containsExactly("baseline", "week-4", "week-8");
		}

		@Test
		void valuesAfterAsOfAreNotUsed() {
			SubjectTimeline.Builder t = abnormalBaseline().asOf(day(W24 - 1));
			assertThat(atWeek24(t, "0.9", "0.3").response()).isEqualTo(Response.NE);
		}

		@Test
		void preliminaryAndEnteredInErrorValuesAreNotUsed() {
			SubjectTimeline t = abnormalBaseline()
					.measurement(m(CR, W24, "0.9").withStatus("preliminary"))
					.measurement(m(UPCR, W24, "0.3").withStatus("entered-in-error")).build();
			assertThat(rule.evaluate(t).response()).isEqualTo(Response.NE);
		}
	}

	@Test
	void reportsItsCodeVersionAndThresholds() {
		CriteriaResult result = rule.evaluate(abnormalBaseline().build());
		assertThat(result.criteria()).isEqualTo("ln-renal-response");
		assertThat(result.version()).isEqualTo("1");
		assertThat(result.thresholds()).containsEntry("creatinineMaxMgPerDl", new BigDecimal("1.2"))
				.containsEntry("assessmentDay", 168).hasSize(11);
	}

	@Test
	void thresholdsCanBeOverridden() {
		LnRenalResponse strict = new LnRenalResponse(new LnRenalResponse.Thresholds(168, 14, 30, new BigDecimal("1.0"),
				new BigDecimal("110"), new BigDecimal("0.3"), new BigDecimal("7.5"), new BigDecimal("1.2"),
				new BigDecimal("0.5"), new BigDecimal("30"), new BigDecimal("50")));
		SubjectTimeline t = abnormalBaseline().measurement(m(CR, W24, "0.9")).measurement(m(UPCR, W24, "0.31")).build();
		assertThat(rule.evaluate(t).response()).isEqualTo(Response.CR);
		assertThat(strict.evaluate(t).response()).isEqualTo(Response.PR); // UPCR 0.31 is not under 0.3
	}
}
