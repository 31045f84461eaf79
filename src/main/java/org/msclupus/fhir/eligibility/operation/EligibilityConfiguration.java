package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import org.msclupus.fhir.conformance.ConformanceInstaller;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Eligibility screening: the shipped criteria as Libraries, and the Patient $check-eligibility provider. */
@Configuration
public class EligibilityConfiguration {

	/** Stores the criteria of terminology/eligibility as Libraries at start-up, as the trial's definitions are. */
	@Bean
	public ConformanceInstaller eligibilityLibraryInstaller(DaoRegistry daos) {
		return new ConformanceInstaller(new ConformanceResources(EligibilityLibraries.loadFromClasspath()), daos);
	}

	@Bean
	public CheckEligibilityProvider checkEligibilityProvider(DaoRegistry daos, IHapiTransactionService transactions,
			StoredResources stored, TimelineMapper timelineMapper, IValidationSupport validationSupport) {
		return new CheckEligibilityProvider(daos, transactions, stored, new CandidateMapper(timelineMapper),
				new ValueSetMembership(validationSupport, Clock.systemUTC()), Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerCheckEligibility(CheckEligibilityProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
