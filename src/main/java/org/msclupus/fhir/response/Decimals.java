package org.msclupus.fhir.response;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Decimal arithmetic for the rules. Values stay decimal from the FHIR resource to the comparison, so that a
 * boundary value such as 106.08 umol/L (exactly 1.2 mg/dL) or a fall of exactly 30 % is judged exactly.
 */
public final class Decimals {

	static final MathContext PRECISION = MathContext.DECIMAL64;
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private Decimals() {
	}

	/** (value - baseline) / baseline x 100, or null when the baseline is 0. */
	public static BigDecimal percentChange(BigDecimal baseline, BigDecimal value) {
		if (baseline.signum() == 0) {
			return null;
		}
		return value.subtract(baseline).multiply(HUNDRED).divide(baseline, PRECISION);
	}

	/** The fall from baseline as a positive percentage (negative when the value rose), or null at baseline 0. */
	public static BigDecimal percentFall(BigDecimal baseline, BigDecimal value) {
		BigDecimal change = percentChange(baseline, value);
		return change == null ? null : change.negate();
	}

	/** value <= percent % of reference. */
	public static boolean atMostPercentOf(BigDecimal value, BigDecimal percent, BigDecimal reference) {
		return value.multiply(HUNDRED).compareTo(reference.multiply(percent)) <= 0;
	}

	/** For output: at most {@code scale} decimals, no trailing zeros. */
	public static BigDecimal rounded(BigDecimal value, int scale) {
		if (value == null) {
			return null;
		}
		BigDecimal r = value.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
		return r.scale() < 0 ? r.setScale(0) : r;
	}

	/** A short readable number for explanations. */
	public static String show(BigDecimal value) {
		return rounded(value, 3).toPlainString();
	}
}
