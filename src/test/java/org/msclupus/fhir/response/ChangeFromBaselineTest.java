package org.msclupus.fhir.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.msclupus.fhir.response.Timelines.DAY0;
import static org.msclupus.fhir.response.Timelines.infused;
import static org.msclupus.fhir.response.Timelines.m;
import static org.msclupus.fhir.response.Timelines.prednisone;

import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.VisitSchedule;

import org.junit.jupiter.api.Test;

class ChangeFromBaselineTest {

	private final ChangeFromBaseline rule = new ChangeFromBaseline(ChangeFromBaseline.Thresholds.DEFAULTS);

	@Test
	void reportsValueChangeAndPercentChangeAtEachVisit() {
		CriteriaResult result = rule.evaluate(infused()
				.measurement(m(Measure.SLEDAI_2K, -2, "12")).measurement(m(Measure.SLEDAI_2K, 365, "3"))
				.measurement(m(Measure.URINE_PROTEIN_24H, -2, "2.505")).measurement(m(Measure.URINE_PROTEIN_24H, 180, "0.858"))
				.measurement(Timelines.bilag(-2, "ABCDEEEEE")).build());
		assertThat(result.response()).isNull();
		assertThat(result.visits()).extracting(VisitResult::label).containsExactly("baseline", "month-6", "month-12");
		VisitResult baseline = result.visits().get(0);
		assertThat(baseline.date()).isEqualTo(DAY0);
		assertThat(baseline.changes()).extracting(c -> c.measure().code())
				.containsExactly("sledai-2k", "bilag-2004", "urine-protein-24h");
		assertThat(baseline.changes().get(1).value()).isEqualByComparingTo("21"); // A 12 + B 8 + C 1
		MeasureChange sledai = result.visits().get(2).changes().get(0);
		assertThat(sledai.value()).isEqualByComparingTo("3");
		assertThat(sledai.change()).isEqualByComparingTo("-9");
		assertThat(sledai.percentChange()).isEqualByComparingTo("-75");
		MeasureChange protein = result.visits().get(1).changes().get(0);
		assertThat(protein.change()).isEqualByComparingTo("-1.647");
		assertThat(result.explanation()).contains("at month-12: SLEDAI-2K 12 -> 3 {score} (-75 %)");
	}

	@Test
	void withoutBaselineThereIsAValueButNoChange() {
		CriteriaResult result = rule.evaluate(infused().measurement(m(Measure.COMPLEMENT_C3, 30, "0.9")).build());
		MeasureChange c3 = result.visits().get(1).changes().get(0);
		assertThat(c3.value()).isEqualByComparingTo("0.9");
		assertThat(c3.change()).isNull();
		assertThat(c3.percentChange()).isNull();
	}

	@Test
	void percentChangeFromAZeroBaselineIsUndefined() {
		CriteriaResult result = rule.evaluate(infused().measurement(m(Measure.ANTI_DSDNA, 0, "0"))
				.measurement(m(Measure.ANTI_DSDNA, 30, "20")).build());
		MeasureChange change = result.visits().get(1).changes().get(0);
		assertThat(change.change()).isEqualByComparingTo("20");
		assertThat(change.percentChange()).isNull();
	}

	@Test
	void usesTheStudySchedule() {
		CriteriaResult result = rule.evaluate(infused().studySchedule(VisitSchedule.WEEKS_24)
				.measurement(m(Measure.SLEDAI_2K, -2, "10")).measurement(m(Measure.SLEDAI_2K, 40, "6")).build());
		// Day 40 is 12 days from week 4 and 16 from week 8: only week 4 (window 14) takes it.
		assertThat(result.visits()).extracting(VisitResult::label).containsExactly("baseline", "week-4");
	}

	@Test
	void glucocorticoidDoseComesFromStatementsWhenNoDoseIsObserved() {
		CriteriaResult result = rule.evaluate(infused().asOf(DAY0.plusDays(100))
				.course(prednisone("30", -60, 45)).course(prednisone("10", 46, null)).build());
		assertThat(result.visits()).extracting(VisitResult::label).containsExactly("baseline", "month-1", "month-3");
		assertThat(result.visits().get(0).changes().get(0).value()).isEqualByComparingTo("30");
		MeasureChange month3 = result.visits().get(2).changes().get(0);
		assertThat(month3.measure()).isEqualTo(Measure.GLUCOCORTICOID_DOSE);
		assertThat(month3.value()).isEqualByComparingTo("10");
		assertThat(month3.percentChange()).isEqualByComparingTo("-66.66666666666667");
	}

	@Test
	void notEvaluableWithoutDay0() {
		CriteriaResult result = rule.evaluate(SubjectTimeline.builder("s").asOf(DAY0).build());
		assertThat(result.response()).isNull();
		assertThat(result.missing()).hasSize(1);
		assertThat(result.visits()).isEmpty();
	}
}
