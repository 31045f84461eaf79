package org.msclupus.fhir.response.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.Sri4;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

class ResponseCriteriaPropertiesTest {

	private static ResponseCriteriaProperties bind(Map<String, Object> environmentVariables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
				.forEach(environment.getPropertySources()::addLast);
		// Spring applies its environment-variable naming rules only to the source with this name.
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						environmentVariables));
		// As Spring binds @ConfigurationProperties: created even when nothing is set.
		return Binder.get(environment).bindOrCreate("msc.response", ResponseCriteriaProperties.class);
	}

	@Test
	void withoutOverridesTheSpecificationDefaultsApply() throws IOException {
		ResponseCriteriaProperties properties = bind(Map.of());
		assertThat(properties.lnRenalResponse()).usingRecursiveComparison().withComparatorForType(
				java.math.BigDecimal::compareTo, java.math.BigDecimal.class).isEqualTo(LnRenalResponse.Thresholds.DEFAULTS);
		assertThat(properties.sri4()).usingRecursiveComparison().withComparatorForType(
				java.math.BigDecimal::compareTo, java.math.BigDecimal.class).isEqualTo(Sri4.Thresholds.DEFAULTS);
		assertThat(properties.bilagMcrPcr()).isEqualTo(BilagMcrPcr.Thresholds.DEFAULTS);
		assertThat(properties.changeFromBaseline()).isEqualTo(ChangeFromBaseline.Thresholds.DEFAULTS);
	}

	@Test
	void anEnvironmentVariableOverridesOneThreshold() throws IOException {
		ResponseCriteriaProperties properties = bind(Map.of(
				"MSC_RESPONSE_LNRENALRESPONSE_PREDNISONEMAXMGPERDAY", "7.5",
				"MSC_RESPONSE_BILAGMCRPCR_NEWBDOMAINSFORRELAPSE", "3"));
		assertThat(properties.lnRenalResponse().prednisoneMaxMgPerDay()).isEqualByComparingTo("7.5");
		assertThat(properties.lnRenalResponse().creatinineMaxMgPerDl()).isEqualByComparingTo("1.2");
		assertThat(properties.bilagMcrPcr().newBDomainsForRelapse()).isEqualTo(3);
	}
}
