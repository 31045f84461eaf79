package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each default criterion at and on both sides of its limits. */
class VitalSignCriteriaTest {

	@ParameterizedTest(name = "{0} {1} against baseline {2}: {3}")
	@CsvSource(nullValues = "none", value = {
			"SYSTOLIC_BP, 180, 160, true",
			"SYSTOLIC_BP, 179, 150, false",
			"SYSTOLIC_BP, 180, 161, false",
			"SYSTOLIC_BP, 200, none, false",
			"SYSTOLIC_BP, 90, 110, true",
			"SYSTOLIC_BP, 91, 120, false",
			"SYSTOLIC_BP, 90, 109, false",
			"DIASTOLIC_BP, 105, 90, true",
			"DIASTOLIC_BP, 104, 80, false",
			"DIASTOLIC_BP, 50, 65, true",
			"DIASTOLIC_BP, 50, 64, false",
			"HEART_RATE, 120, 105, true",
			"HEART_RATE, 120, 106, false",
			"HEART_RATE, 119, 80, false",
			"HEART_RATE, 50, 65, true",
			"BODY_TEMPERATURE, 38.3, none, true",
			"BODY_TEMPERATURE, 38.29, 36.5, false",
			"RESPIRATORY_RATE, 24, none, true",
			"RESPIRATORY_RATE, 23, 12, false",
			"RESPIRATORY_RATE, 10, none, true",
			"RESPIRATORY_RATE, 11, 20, false",
			"BODY_WEIGHT, 64.2, 60, true",
			"BODY_WEIGHT, 64.19, 60, false",
			"BODY_WEIGHT, 55.8, 60, true",
			"BODY_WEIGHT, 55.81, 60, false",
			"BODY_WEIGHT, 90, none, false"})
	void theDefaultCriteria(VitalSign sign, String value, String baseline, boolean significant) {
		assertThat(VitalSignCriteria.DEFAULTS.get(sign).significant(new BigDecimal(value),
				baseline == null ? null : new BigDecimal(baseline))).isEqualTo(significant);
	}
}
