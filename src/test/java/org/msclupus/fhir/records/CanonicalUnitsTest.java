package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msclupus.fhir.design.Measure;

class CanonicalUnitsTest {

	private static final CanonicalUnits UNITS = new CanonicalUnits();

	@ParameterizedTest(name = "{0} {1} {2} = {3}")
	@CsvSource({
		"SERUM_CREATININE, 106.08, umol/L, 1.2", // exactly the CR limit
		"SERUM_CREATININE, 106.09, umol/L, 1.200113122171946",
		"SERUM_CREATININE, 0.9, mg/dL, 0.9",
		// The molar units in another spelling or scale: UCUM to the specification's unit, then its factor.
		"SERUM_CREATININE, 106.08, umol/l, 1.2",
		"SERUM_CREATININE, 0.10608, mmol/L, 1.2",
		"SERUM_CREATININE, 106080, nmol/L, 1.2",
		"URINE_PROTEIN_CREATININE_RATIO, 56.56, g/mol, 0.5",
		"UREA_NITROGEN, 5000, umol/L, 14",
		"URINE_PROTEIN_CREATININE_RATIO, 56.56, mg/mmol, 0.5",
		"URINE_PROTEIN_CREATININE_RATIO, 310, mg/g, 0.31",
		"URINE_PROTEIN_CREATININE_RATIO, 0.31, mg/mg, 0.31",
		"URINE_PROTEIN_24H, 500, mg/(24.h), 0.5",
		"URINE_PROTEIN_24H, 2.505, g/(24.h), 2.505",
		"UREA_NITROGEN, 5, mmol/L, 14",
		"ALBUMIN, 3.5, g/dL, 35",
		"COMPLEMENT_C3, 90, mg/dL, 0.9",
		"COMPLEMENT_C4, 0.12, g/L, 0.12",
		"ANTI_DSDNA, 120, [IU]/mL, 120",
		"GLUCOCORTICOID_DOSE, 7.5, mg/d, 7.5",
		"PGA, 1.5, {score}, 1.5"})
	void convertsToTheCanonicalUnit(Measure measure, String value, String unit, String expected) {
		assertThat(UNITS.toCanonical(measure, new BigDecimal(value), unit)).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo(expected));
	}

	@ParameterizedTest(name = "{0} in {1} is not convertible")
	@CsvSource({"SERUM_CREATININE, mg", "URINE_PROTEIN_24H, kg", "ANTI_DSDNA, {titer}", "COMPLEMENT_C3, mmol/L",
			"SERUM_CREATININE, furlong", "SLEDAI_2K, mg"})
	void refusesUnitsOfAnotherDimension(Measure measure, String unit) {
		assertThat(UNITS.toCanonical(measure, BigDecimal.ONE, unit)).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} = {2} d")
	@CsvSource({"1, d, 1", "1, wk, 7", "12, h, 0.5"})
	void convertsTimingPeriodsToDays(String value, String unit, String days) {
		assertThat(UNITS.toCanonicalDays(new BigDecimal(value), unit)).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo(days));
	}
}
