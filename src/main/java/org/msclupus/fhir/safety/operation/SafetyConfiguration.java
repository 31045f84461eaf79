package org.msclupus.fhir.safety.operation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import org.msclupus.fhir.evaluation.CanonicalUnits;
import org.msclupus.fhir.evaluation.StudySchedules;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.store.StudySubjects;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Safety monitoring: the ResearchStudy $safety-summary provider and its configuration. */
@Configuration
@EnableConfigurationProperties(SafetyProperties.class)
public class SafetyConfiguration {

	@Bean
	public SafetyDataReader safetyDataReader(IHapiTransactionService transactions, StoredResources stored,
			CanonicalUnits units, StudySubjects subjects) {
		return new SafetyDataReader(transactions, stored, new SafetyMapper(units), subjects);
	}

	@Bean
	public SafetySummaryProvider safetySummaryProvider(DaoRegistry daos, SafetyDataReader reader,
			SafetyProperties properties, FhirContext fhirContext, StudySchedules schedules) {
		return new SafetySummaryProvider(reader, properties.thresholds(), properties.vitalSignCriteria(), daos, fhirContext,
				Clock.systemDefaultZone(), schedules);
	}

	@Bean
	public RestfulServerCustomizer registerSafetySummary(SafetySummaryProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
