package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.msclupus.fhir.safety.LabToxicity.ALANINE_AMINOTRANSFERASE_INCREASED;
import static org.msclupus.fhir.safety.LabToxicity.ANEMIA;
import static org.msclupus.fhir.safety.LabToxicity.ASPARTATE_AMINOTRANSFERASE_INCREASED;
import static org.msclupus.fhir.safety.LabToxicity.BLOOD_BILIRUBIN_INCREASED;
import static org.msclupus.fhir.safety.LabToxicity.CREATININE_INCREASED;
import static org.msclupus.fhir.safety.LabToxicity.LYMPHOCYTE_COUNT_DECREASED;
import static org.msclupus.fhir.safety.LabToxicity.NEUTROPHIL_COUNT_DECREASED;
import static org.msclupus.fhir.safety.LabToxicity.PLATELET_COUNT_DECREASED;
import static org.msclupus.fhir.safety.LabToxicity.WHITE_BLOOD_CELL_DECREASED;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every value-defined grade boundary of the CTCAE v5.0 terms (NCI, 27 November 2017), at the boundary and on both
 * sides of it. Limits of normal as a laboratory would give them; the test's own values, not CTCAE's text.
 */
class LabToxicityTest {

	static int grade(LabToxicity term, String value, String limit, String baseline) {
		return term.grade(new BigDecimal(value), limit == null ? null : new BigDecimal(limit),
				baseline == null ? null : new BigDecimal(baseline));
	}

	/** Decreases: LLN, then the absolute limits of grades 2, 3 and 4 (x 10^9/L, g/dL for haemoglobin). */
	@ParameterizedTest(name = "{0} {1} (LLN {2}) is grade {3}")
	@CsvSource({
		"NEUTROPHIL_COUNT_DECREASED, 2.0, 2.0, 0", "NEUTROPHIL_COUNT_DECREASED, 1.99, 2.0, 1",
		"NEUTROPHIL_COUNT_DECREASED, 1.5, 2.0, 1", "NEUTROPHIL_COUNT_DECREASED, 1.49, 2.0, 2",
		"NEUTROPHIL_COUNT_DECREASED, 1.0, 2.0, 2", "NEUTROPHIL_COUNT_DECREASED, 0.99, 2.0, 3",
		"NEUTROPHIL_COUNT_DECREASED, 0.5, 2.0, 3", "NEUTROPHIL_COUNT_DECREASED, 0.49, 2.0, 4",
		"WHITE_BLOOD_CELL_DECREASED, 4.0, 4.0, 0", "WHITE_BLOOD_CELL_DECREASED, 3.99, 4.0, 1",
		"WHITE_BLOOD_CELL_DECREASED, 3.0, 4.0, 1", "WHITE_BLOOD_CELL_DECREASED, 2.99, 4.0, 2",
		"WHITE_BLOOD_CELL_DECREASED, 2.0, 4.0, 2", "WHITE_BLOOD_CELL_DECREASED, 1.99, 4.0, 3",
		"WHITE_BLOOD_CELL_DECREASED, 1.0, 4.0, 3", "WHITE_BLOOD_CELL_DECREASED, 0.99, 4.0, 4",
		"LYMPHOCYTE_COUNT_DECREASED, 1.0, 1.0, 0", "LYMPHOCYTE_COUNT_DECREASED, 0.99, 1.0, 1",
		"LYMPHOCYTE_COUNT_DECREASED, 0.8, 1.0, 1", "LYMPHOCYTE_COUNT_DECREASED, 0.79, 1.0, 2",
		"LYMPHOCYTE_COUNT_DECREASED, 0.5, 1.0, 2", "LYMPHOCYTE_COUNT_DECREASED, 0.49, 1.0, 3",
		"LYMPHOCYTE_COUNT_DECREASED, 0.2, 1.0, 3", "LYMPHOCYTE_COUNT_DECREASED, 0.19, 1.0, 4",
		"PLATELET_COUNT_DECREASED, 150, 150, 0", "PLATELET_COUNT_DECREASED, 149, 150, 1",
		"PLATELET_COUNT_DECREASED, 75, 150, 1", "PLATELET_COUNT_DECREASED, 74.9, 150, 2",
		"PLATELET_COUNT_DECREASED, 50, 150, 2", "PLATELET_COUNT_DECREASED, 49.9, 150, 3",
		"PLATELET_COUNT_DECREASED, 25, 150, 3", "PLATELET_COUNT_DECREASED, 24.9, 150, 4",
		"ANEMIA, 12.0, 12.0, 0", "ANEMIA, 11.9, 12.0, 1", "ANEMIA, 10.0, 12.0, 1", "ANEMIA, 9.9, 12.0, 2",
		"ANEMIA, 8.0, 12.0, 2", "ANEMIA, 7.9, 12.0, 3", "ANEMIA, 4.0, 12.0, 3"
	})
	void decreases(LabToxicity term, String value, String lowerLimit, int expected) {
		assertThat(grade(term, value, lowerLimit, null)).isEqualTo(expected);
	}

	/** Increases against the upper limit of normal, with a normal (or no) baseline: ULN 40 U/L, 1.0 mg/dL. */
	@ParameterizedTest(name = "{0} {1} (ULN {2}) is grade {3}")
	@CsvSource({
		"ALANINE_AMINOTRANSFERASE_INCREASED, 40, 40, 0", "ALANINE_AMINOTRANSFERASE_INCREASED, 40.1, 40, 1",
		"ALANINE_AMINOTRANSFERASE_INCREASED, 120, 40, 1", "ALANINE_AMINOTRANSFERASE_INCREASED, 120.1, 40, 2",
		"ALANINE_AMINOTRANSFERASE_INCREASED, 200, 40, 2", "ALANINE_AMINOTRANSFERASE_INCREASED, 200.1, 40, 3",
		"ALANINE_AMINOTRANSFERASE_INCREASED, 800, 40, 3", "ALANINE_AMINOTRANSFERASE_INCREASED, 800.1, 40, 4",
		"ASPARTATE_AMINOTRANSFERASE_INCREASED, 40, 40, 0", "ASPARTATE_AMINOTRANSFERASE_INCREASED, 40.1, 40, 1",
		"ASPARTATE_AMINOTRANSFERASE_INCREASED, 120, 40, 1", "ASPARTATE_AMINOTRANSFERASE_INCREASED, 120.1, 40, 2",
		"ASPARTATE_AMINOTRANSFERASE_INCREASED, 200, 40, 2", "ASPARTATE_AMINOTRANSFERASE_INCREASED, 200.1, 40, 3",
		"ASPARTATE_AMINOTRANSFERASE_INCREASED, 800, 40, 3", "ASPARTATE_AMINOTRANSFERASE_INCREASED, 800.1, 40, 4",
		"BLOOD_BILIRUBIN_INCREASED, 1.0, 1.0, 0", "BLOOD_BILIRUBIN_INCREASED, 1.01, 1.0, 1",
		"BLOOD_BILIRUBIN_INCREASED, 1.5, 1.0, 1", "BLOOD_BILIRUBIN_INCREASED, 1.51, 1.0, 2",
		"BLOOD_BILIRUBIN_INCREASED, 3.0, 1.0, 2", "BLOOD_BILIRUBIN_INCREASED, 3.01, 1.0, 3",
		"BLOOD_BILIRUBIN_INCREASED, 10.0, 1.0, 3", "BLOOD_BILIRUBIN_INCREASED, 10.01, 1.0, 4",
		"CREATININE_INCREASED, 1.0, 1.0, 0", "CREATININE_INCREASED, 1.01, 1.0, 1",
		"CREATININE_INCREASED, 1.5, 1.0, 1", "CREATININE_INCREASED, 1.51, 1.0, 2",
		"CREATININE_INCREASED, 3.0, 1.0, 2", "CREATININE_INCREASED, 3.01, 1.0, 3",
		"CREATININE_INCREASED, 6.0, 1.0, 3", "CREATININE_INCREASED, 6.01, 1.0, 4"
	})
	void increasesAgainstTheUpperLimit(LabToxicity term, String value, String upperLimit, int expected) {
		assertThat(grade(term, value, upperLimit, null)).isEqualTo(expected);
		assertThat(grade(term, value, upperLimit, upperLimit)).as("a baseline at the limit is normal")
				.isEqualTo(term == CREATININE_INCREASED ? Math.max(expected, againstBaseline(value, upperLimit))
						: expected);
	}

	private static int againstBaseline(String value, String baseline) {
		double ratio = Double.parseDouble(value) / Double.parseDouble(baseline);
		return ratio > 3.0 ? 3 : ratio > 1.5 ? 2 : 0;
	}

	/** From an abnormal baseline (ULN 40 U/L, baseline 80 U/L): 1.5-3.0, >3.0-5.0, >5.0-20.0, >20.0 x baseline. */
	@ParameterizedTest(name = "ALT and AST {0} from a baseline of 80 U/L is grade {1}")
	@CsvSource({"119.9, 0", "120, 1", "240, 1", "240.1, 2", "400, 2", "400.1, 3", "1600, 3", "1600.1, 4"})
	void aminotransferasesFromAnAbnormalBaseline(String value, int expected) {
		assertThat(grade(ALANINE_AMINOTRANSFERASE_INCREASED, value, "40", "80")).isEqualTo(expected);
		assertThat(grade(ASPARTATE_AMINOTRANSFERASE_INCREASED, value, "40", "80")).isEqualTo(expected);
	}

	/** From an abnormal baseline (ULN 1.0 mg/dL, baseline 2.0 mg/dL): >1.0-1.5, >1.5-3.0, >3.0-10.0, >10.0 x baseline. */
	@ParameterizedTest(name = "bilirubin {0} from a baseline of 2.0 mg/dL is grade {1}")
	@CsvSource({"2.0, 0", "2.01, 1", "3.0, 1", "3.01, 2", "6.0, 2", "6.01, 3", "20.0, 3", "20.01, 4"})
	void bilirubinFromAnAbnormalBaseline(String value, int expected) {
		assertThat(grade(BLOOD_BILIRUBIN_INCREASED, value, "1.0", "2.0")).isEqualTo(expected);
	}

	/**
	 * Creatinine against the subject's baseline (0.5 mg/dL, ULN 1.0): >1.5-3.0 x baseline grade 2 even within
	 * normal, >3.0 x baseline grade 3; the ULN reading counts when it is higher.
	 */
	@ParameterizedTest(name = "creatinine {0} from a baseline of 0.5 mg/dL is grade {1}")
	@CsvSource({"0.75, 0", "0.76, 2", "1.5, 2", "1.51, 3", "3.0, 3", "6.0, 3", "6.01, 4"})
	void creatinineAgainstItsBaseline(String value, int expected) {
		assertThat(grade(CREATININE_INCREASED, value, "1.0", "0.5")).isEqualTo(expected);
	}

	@Test
	void withoutAReferenceRangeTheDocumentedDefaultsApply() {
		assertThat(grade(NEUTROPHIL_COUNT_DECREASED, "1.9", null, null)).isEqualTo(1);
		assertThat(grade(WHITE_BLOOD_CELL_DECREASED, "4.0", null, null)).isZero();
		assertThat(grade(LYMPHOCYTE_COUNT_DECREASED, "0.9", null, null)).isEqualTo(1);
		assertThat(grade(PLATELET_COUNT_DECREASED, "149", null, null)).isEqualTo(1);
		assertThat(grade(ANEMIA, "11.9", null, null)).isEqualTo(1);
		assertThat(grade(ALANINE_AMINOTRANSFERASE_INCREASED, "41", null, null)).isEqualTo(1);
		assertThat(grade(BLOOD_BILIRUBIN_INCREASED, "1.2", null, null)).isZero();
		assertThat(grade(CREATININE_INCREASED, "1.2", null, null)).isEqualTo(1);
	}

	@Test
	void eachTermIsFoundByItsLoincCodeAndNamedAsCtcaeNamesIt() {
		assertThat(LabToxicity.byLoinc("751-8")).contains(NEUTROPHIL_COUNT_DECREASED);
		assertThat(LabToxicity.byLoinc("718-7")).contains(ANEMIA);
		assertThat(LabToxicity.byLoinc("2160-0")).contains(CREATININE_INCREASED);
		assertThat(LabToxicity.byLoinc("1234-5")).isEmpty();
		assertThat(NEUTROPHIL_COUNT_DECREASED.term()).isEqualTo("Neutrophil count decreased");
		assertThat(ANEMIA.decreasing()).isTrue();
		assertThat(CREATININE_INCREASED.decreasing()).isFalse();
	}
}
