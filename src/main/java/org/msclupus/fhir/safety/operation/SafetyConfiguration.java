package org.msclupus.fhir.safety.operation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Safety monitoring: the ResearchStudy $safety-summary provider and its configuration. */
@Configuration
@EnableConfigurationProperties(SafetyProperties.class)
public class SafetyConfiguration {

}
