package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.msclupus.fhir.eligibility.CodeMembership;
import java.time.Clock;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.msclupus.fhir.conformance.ConformanceConfiguration;
import org.msclupus.fhir.conformance.ConformanceInstaller;
import org.msclupus.fhir.conformance.ConformanceProperties;
import org.msclupus.fhir.conformance.DefinitionsGate;
import org.msclupus.fhir.conformance.DefinitionsInRepository;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Eligibility screening: the shipped criteria as Libraries, and the Patient $check-eligibility provider. */
@Configuration
public class EligibilityConfiguration {

	@Bean
	public DefinitionsInRepository eligibilityLibrariesInRepository() {
		return new DefinitionsInRepository();
	}

	/** Not a bean: the trial's definitions are the one {@link ConformanceResources} other beans are given. */
	private static final ConformanceResources LIBRARIES = new ConformanceResources(EligibilityLibraries.loadFromClasspath());

	/** Stores the criteria of terminology/eligibility as Libraries at start-up, as the trial's definitions are. */
	@Bean
	public ConformanceInstaller eligibilityLibraryInstaller(DaoRegistry daos,
			@Qualifier("eligibilityLibrariesInRepository") DefinitionsInRepository eligibilityLibrariesInRepository,
			ConformanceProperties conformance) {
		return new ConformanceInstaller(LIBRARIES, daos, eligibilityLibrariesInRepository,
				conformance.definitionsRetryInterval());
	}

	/** Reads and writes of Libraries, and $check-eligibility, wait until the criteria are stored (ADR 0035). */
	@Bean
	public DefinitionsGate eligibilityLibraryGate(
			@Qualifier("eligibilityLibrariesInRepository") DefinitionsInRepository eligibilityLibrariesInRepository,
			FhirContext fhirContext, ConformanceProperties conformance, IInterceptorService interceptors) {
		DefinitionsGate gate = new DefinitionsGate(eligibilityLibrariesInRepository, LIBRARIES, fhirContext,
				conformance.definitionsWait());
		interceptors.registerInterceptor(gate);
		return gate;
	}

	@Bean
	public RestfulServerCustomizer eligibilityLibraryGateOnRequests(
			@Qualifier("eligibilityLibraryGate") DefinitionsGate eligibilityLibraryGate) {
		return server -> server.registerInterceptor(eligibilityLibraryGate.requestHook());
	}

	/** Part of the readiness probe, as the trial's definitions are. */
	@Bean
	public HealthIndicator eligibilityLibrariesHealthIndicator(
			@Qualifier("eligibilityLibrariesInRepository") DefinitionsInRepository eligibilityLibrariesInRepository) {
		return ConformanceConfiguration.readiness(eligibilityLibrariesInRepository, "the eligibility criteria");
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
