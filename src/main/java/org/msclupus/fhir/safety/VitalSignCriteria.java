package org.msclupus.fhir.safety;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * When a vital sign is potentially clinically significant: a value at or beyond a limit together with a change from
 * baseline at least as large (both must hold when both are given), or a change of at least a percentage of the
 * baseline. The defaults are the potentially-clinically-significant criteria widely used in trial safety reporting
 * (systolic >= 180 mmHg with a rise >= 20 or <= 90 with a fall >= 20; diastolic >= 105 with a rise >= 15 or <= 50
 * with a fall >= 15; heart rate >= 120 with a rise >= 15 or <= 50 with a fall >= 15; temperature >= 38.3 Cel;
 * respiratory rate >= 24 or <= 10; weight changed by >= 7 %), as NCT05631717 counts patients with significant
 * changes in vital signs. Every value is configurable ({@code msc.safety.vital-signs.<sign>.<name>}).
 *
 * @param high           a value at or above this is significant (with {@code riseAtLeast}, when given); null: none
 * @param riseAtLeast    ... when it is also this much or more above baseline; null: no rise needed
 * @param low            a value at or below this is significant (with {@code fallAtLeast}, when given); null: none
 * @param fallAtLeast    ... when it is also this much or more below baseline; null: no fall needed
 * @param percentChange  a change from baseline of this percentage or more, up or down, is significant; null: none
 */
public record VitalSignCriteria(BigDecimal high, BigDecimal riseAtLeast, BigDecimal low, BigDecimal fallAtLeast,
		BigDecimal percentChange) {

	public static final Map<VitalSign, VitalSignCriteria> DEFAULTS = defaults();

	private static Map<VitalSign, VitalSignCriteria> defaults() {
		Map<VitalSign, VitalSignCriteria> map = new EnumMap<>(VitalSign.class);
		map.put(VitalSign.SYSTOLIC_BP, new VitalSignCriteria(d("180"), d("20"), d("90"), d("20"), null));
		map.put(VitalSign.DIASTOLIC_BP, new VitalSignCriteria(d("105"), d("15"), d("50"), d("15"), null));
		map.put(VitalSign.HEART_RATE, new VitalSignCriteria(d("120"), d("15"), d("50"), d("15"), null));
		map.put(VitalSign.BODY_TEMPERATURE, new VitalSignCriteria(d("38.3"), null, null, null, null));
		map.put(VitalSign.RESPIRATORY_RATE, new VitalSignCriteria(d("24"), null, d("10"), null, null));
		map.put(VitalSign.BODY_WEIGHT, new VitalSignCriteria(null, null, null, null, d("7")));
		return java.util.Collections.unmodifiableMap(map);
	}

	private static BigDecimal d(String value) {
		return new BigDecimal(value);
	}

	/**
	 * Whether {@code value} is significant against {@code baseline} (null when the subject has none: then only the
	 * criteria that need no change can hold). Limits are inclusive.
	 */
	public boolean significant(BigDecimal value, BigDecimal baseline) {
		BigDecimal change = baseline == null ? null : value.subtract(baseline);
		if (high != null && value.compareTo(high) >= 0
				&& (riseAtLeast == null || (change != null && change.compareTo(riseAtLeast) >= 0))) {
			return true;
		}
		if (low != null && value.compareTo(low) <= 0
				&& (fallAtLeast == null || (change != null && change.negate().compareTo(fallAtLeast) >= 0))) {
			return true;
		}
		if (percentChange != null && change != null && baseline.signum() != 0) {
			BigDecimal percent = change.abs().multiply(BigDecimal.valueOf(100))
					.divide(baseline.abs(), java.math.MathContext.DECIMAL64);
			return percent.compareTo(percentChange) >= 0;
		}
		return false;
	}
}
