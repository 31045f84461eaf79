package org.msclupus.fhir.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdOverridesTest {

	@Test
	void noOverridesAreTheDefaultsThemselves() {
		assertThat(ThresholdOverrides.apply("sri-4", Sri4.Thresholds.DEFAULTS, Map.of()))
				.isSameAs(Sri4.Thresholds.DEFAULTS);
		assertThat(ThresholdOverrides.apply("sri-4", Sri4.Thresholds.DEFAULTS, null)).isSameAs(Sri4.Thresholds.DEFAULTS);
	}

	@Test
	void anyNameSpellingChangesOnlyThatThreshold() {
		LnRenalResponse.Thresholds t = ThresholdOverrides.apply("ln-renal-response", LnRenalResponse.Thresholds.DEFAULTS,
				Map.of("prednisone-max-mg-per-day", "7.5", "ASSESSMENTDAY", " 182 "));
		assertThat(t.prednisoneMaxMgPerDay()).isEqualByComparingTo("7.5");
		assertThat(t.assessmentDay()).isEqualTo(182);
		assertThat(t.creatinineMaxMgPerDl()).isEqualTo(LnRenalResponse.Thresholds.DEFAULTS.creatinineMaxMgPerDl());
		assertThat(t.visitWindowDays()).isEqualTo(LnRenalResponse.Thresholds.DEFAULTS.visitWindowDays());
	}

	@Test
	void anUnknownNameIsRefusedWithTheKnownOnes() {
		assertThatThrownBy(() -> ThresholdOverrides.apply("bilag-mcr-pcr", BilagMcrPcr.Thresholds.DEFAULTS,
				Map.of("new-c-domains-for-relapse", "1")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("newcdomainsforrelapse").hasMessageContaining("bilag-mcr-pcr")
				.hasMessageContaining("newBDomainsForRelapse");
	}

	@Test
	void aValueOfTheWrongTypeIsRefusedNamingTheThreshold() {
		assertThatThrownBy(() -> ThresholdOverrides.apply("bilag-mcr-pcr", BilagMcrPcr.Thresholds.DEFAULTS,
				Map.of("visit-window-days", "2.5")))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visitWindowDays")
				.hasMessageContaining("integer");
		assertThatThrownBy(() -> ThresholdOverrides.apply("ln-renal-response", LnRenalResponse.Thresholds.DEFAULTS,
				Map.of("proteinuria-max", "half")))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proteinuriaMax")
				.hasMessageContaining("decimal");
	}
}
