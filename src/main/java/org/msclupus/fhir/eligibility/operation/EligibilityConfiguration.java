package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.msclupus.fhir.eligibility.CodeMembership;
import java.time.Clock;
import org.msclupus.fhir.conformance.ConformanceInstaller;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.msclupus.fhir.records.TimelineMapper;
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
	public CandidateMapper candidateMapper(TimelineMapper timelineMapper) {
		return new CandidateMapper(timelineMapper);
	}

	/** Value set membership through HAPI's validation support; its cache ages by the UTC clock. */
	@Bean
	public CodeMembership valueSetMembership(IValidationSupport validationSupport) {
		return new ValueSetMembership(validationSupport, Clock.systemUTC());
	}
}
