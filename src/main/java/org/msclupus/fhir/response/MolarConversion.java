package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Measure;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * Conversions from molar to mass units that UCUM cannot make without a molar mass: the trial specification's factors
 * (creatinine umol/L / 88.4, UPCR mg/mmol / 113.12, urea nitrogen mmol/L x 2.8). Dividing by the published factor,
 * rather than multiplying by its inverse, keeps boundary values exact: 106.08 umol/L is 1.2 mg/dL.
 */
public enum MolarConversion {
	CREATININE(Measure.SERUM_CREATININE, "umol/L", new BigDecimal("88.4"), null),
	UPCR(Measure.URINE_PROTEIN_CREATININE_RATIO, "mg/mmol", new BigDecimal("113.12"), null),
	UREA_NITROGEN(Measure.UREA_NITROGEN, "mmol/L", null, new BigDecimal("2.8"));

	private final Measure measure;
	private final String unit;
	private final BigDecimal divisor;
	private final BigDecimal multiplier;

	MolarConversion(Measure measure, String unit, BigDecimal divisor, BigDecimal multiplier) {
		this.measure = measure;
		this.unit = unit;
		this.divisor = divisor;
		this.multiplier = multiplier;
	}

	/** The molar unit the specification gives the measure's factor for (umol/L for creatinine); empty for none. */
	public static Optional<String> molarUnit(Measure measure) {
		return Arrays.stream(values()).filter(c -> c.measure == measure).findFirst().map(c -> c.unit);
	}

	/** The value in the measure's canonical unit, when the specification gives a molar factor for this unit. */
	public static Optional<BigDecimal> toCanonical(Measure measure, BigDecimal value, String unit) {
		return Arrays.stream(values()).filter(c -> c.measure == measure && c.unit.equals(unit)).findFirst()
				.map(c -> c.divisor != null ? value.divide(c.divisor, MathContext.DECIMAL64) : value.multiply(c.multiplier));
	}
}
