package org.msclupus.fhir.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.msclupus.fhir.response.Timelines.bilag;
import static org.msclupus.fhir.response.Timelines.infused;
import static org.msclupus.fhir.response.Timelines.m;

import org.msclupus.fhir.design.Measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sri4Test {

	private static final int W24 = 168;
	private static final String BASELINE_BILAG = "CBEBDEEAC"; // renal A; mucocutaneous and musculoskeletal B

	private final Sri4 rule = new Sri4(Sri4.Thresholds.DEFAULTS);

	private CriteriaResult evaluate(String sledai0, String sledai, String bilag0, String bilag, String pga0, String pga) {
		return rule.evaluate(infused()
				.measurement(m(Measure.SLEDAI_2K, -3, sledai0)).measurement(Timelines.bilag(-3, bilag0))
				.measurement(m(Measure.PGA, -3, pga0))
				.measurement(m(Measure.SLEDAI_2K, W24, sledai)).measurement(Timelines.bilag(W24, bilag))
				.measurement(m(Measure.PGA, W24, pga)).build());
	}

	@ParameterizedTest(name = "SLEDAI-2K 12 -> {0}: {1}")
	@CsvSource({"8, R", "9, NR", "0, R"})
	void sledaiMustFallBy4OrMore(String sledai, Response expected) {
		assertThat(evaluate("12", sledai, BASELINE_BILAG, BASELINE_BILAG, "2.0", "2.0").response()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "BILAG {0} -> {1}: {2}")
	@CsvSource({
		"CBEBDEEAC, CBEBDEEAC, R", // unchanged
		"CBEBDEEAC, ABEBDEEAC, NR", // constitutional newly A
		"CBEBDEEAC, CBEBDEEAB, R", // one new B (hematological C -> B)
		"CBEBDEEAC, BBEBDEEAB, NR", // two new B
		"CBEBDEEAC, CBEBDEEBC, R", // renal A -> B is an improvement, not a new B
		"CBEBDEEAC, CAEBDEEAC, NR"}) // mucocutaneous B -> A is a new A
	void noNewAAndAtMostOneNewB(String before, String after, Response expected) {
		assertThat(evaluate("12", "6", before, after, "2.0", "2.0").response()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PGA 1.5 -> {0}: {1}")
	@CsvSource({"1.79, R", "1.8, NR", "1.0, R"})
	void pgaMustRiseByLessThan0Point3(String pga, Response expected) {
		assertThat(evaluate("12", "6", BASELINE_BILAG, BASELINE_BILAG, "1.5", pga).response()).isEqualTo(expected);
	}

	@Test
	void explainsAndDatesTheResponse() {
		CriteriaResult result = evaluate("12", "4", BASELINE_BILAG, "CCEDDEECD", "2.0", "1.0");
		assertThat(result.response()).isEqualTo(Response.R);
		assertThat(result.explanation()).isEqualTo("R at week-24: SLEDAI-2K 12 -> 4 (fell 8, at least 4); "
				+ "BILAG-2004 0 new A, 0 new B; PGA 2 -> 1 (rise < 0.3).");
		assertThat(result.daysToResponse()).isEqualTo(W24);
		assertThat(result.evidence()).hasSize(7);
	}

	@Test
	void notEvaluableWithoutTheBaselineOrTheVisit() {
		CriteriaResult result = rule.evaluate(infused().measurement(m(Measure.SLEDAI_2K, -3, "12"))
				.measurement(bilag(-3, BASELINE_BILAG)).measurement(m(Measure.SLEDAI_2K, W24, "4"))
				.measurement(bilag(W24, BASELINE_BILAG)).measurement(m(Measure.PGA, W24, "1")).build());
		assertThat(result.response()).isEqualTo(Response.NE);
		assertThat(result.missing()).containsExactly("baseline physician global assessment (day -30 to day 0)");
	}

	@Test
	void notEvaluableWithAnIncompleteBilag() {
		CriteriaResult result = evaluate("12", "4", BASELINE_BILAG, "CCEDDEEC", "2.0", "1.0");
		assertThat(result.response()).isEqualTo(Response.NE);
		assertThat(result.missing()).containsExactly("week-24 BILAG-2004: not all nine domains graded");
	}
}
