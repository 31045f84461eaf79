package org.msclupus.fhir.safety.operation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Safety monitoring: the ResearchStudy $safety-summary provider and its configuration. */
@Configuration
@EnableConfigurationProperties(SafetyProperties.class)
public class SafetyConfiguration {

	/** The configured windows, for every reader of safety data (the summary, the ADLB dataset of the export). */
	@Bean
	public SafetyThresholds safetyThresholds(SafetyProperties properties) {
		return properties.thresholds();
	}

}
