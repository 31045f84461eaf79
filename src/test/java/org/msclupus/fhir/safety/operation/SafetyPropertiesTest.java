package org.msclupus.fhir.safety.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.PropertiesBinding;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.msclupus.fhir.safety.VitalSign;
import org.msclupus.fhir.safety.VitalSignCriteria;

class SafetyPropertiesTest {

	private static SafetyProperties bind(Map<String, Object> environmentVariables, Map<String, Object> properties) {
		return PropertiesBinding.bind("msc.safety", SafetyProperties.class, environmentVariables, properties);
	}

	@Test
	void nothingSetGivesTheDocumentedDefaults() {
		SafetyProperties properties = bind(Map.of(), Map.of());
		assertThat(properties.thresholds()).isEqualTo(SafetyThresholds.DEFAULTS);
		assertThat(properties.vitalSignCriteria()).isEqualTo(VitalSignCriteria.DEFAULTS);
	}

	@Test
	void oneCriterionIsOverriddenByPropertyOrEnvironment() {
		SafetyProperties properties = bind(Map.of("MSC_SAFETY_VITALSIGNS_HEARTRATE_HIGH", "110"),
				Map.of("msc.safety.vital-signs.systolic-bp.high", "170"));
		Map<VitalSign, VitalSignCriteria> criteria = properties.vitalSignCriteria();
		assertThat(criteria.get(VitalSign.SYSTOLIC_BP).high()).isEqualByComparingTo("170");
		assertThat(criteria.get(VitalSign.SYSTOLIC_BP).riseAtLeast()).isEqualByComparingTo("20");
		assertThat(criteria.get(VitalSign.HEART_RATE).high()).isEqualByComparingTo("110");
		assertThat(criteria.get(VitalSign.BODY_WEIGHT)).isEqualTo(VitalSignCriteria.DEFAULTS.get(VitalSign.BODY_WEIGHT));
	}

	@Test
	void anUnknownSignOrCriterionIsRefusedNamingIt() {
		assertThatThrownBy(() -> bind(Map.of(), Map.of("msc.safety.vital-signs.pulse-pressure.high", "60"))
				.vitalSignCriteria()).hasMessageContaining("pulse-pressure").hasMessageContaining("heart-rate");
		assertThatThrownBy(() -> bind(Map.of(), Map.of("msc.safety.vital-signs.heart-rate.highest", "60"))
				.vitalSignCriteria()).hasMessageContaining("highest");
	}
}
