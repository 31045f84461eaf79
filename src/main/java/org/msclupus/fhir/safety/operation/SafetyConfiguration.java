package org.msclupus.fhir.safety.operation;

import org.msclupus.fhir.records.SafetyDataReader;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Safety monitoring: the ResearchStudy $safety-summary provider and its configuration. */
@Configuration
@EnableConfigurationProperties(SafetyProperties.class)
public class SafetyConfiguration {

	@Bean
	public SafetySummaryProvider safetySummaryProvider(DaoRegistry daos, SafetyDataReader reader,
			SafetyProperties properties, FhirContext fhirContext, StudyDesigns designs) {
		return new SafetySummaryProvider(reader, properties.thresholds(), properties.vitalSignCriteria(), daos, fhirContext,
				Clock.systemDefaultZone(), designs);
	}

	@Bean
	public RestfulServerCustomizer registerSafetySummary(SafetySummaryProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
