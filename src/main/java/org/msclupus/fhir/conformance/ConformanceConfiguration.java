package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.validation.JpaValidationSupportChain;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Wires the trial's profiles and terminology into the server: into HAPI's validation support chain (in memory, ahead
 * of the database lookups), into the repository as resources, and into the storage layer as validation on write.
 */
@Configuration
public class ConformanceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ConformanceConfiguration.class);

	/**
	 * HAPI strips the version from every reference when it encodes a resource; a response assessment's evidence
	 * must keep it, so that the exact data a result came from can be read back (response-assessment profile), and a
	 * verification decision is about one version of a record (ADR 0016).
	 */
	public static final String[] VERSIONED_REFERENCE_PATHS = {
		"Observation.derivedFrom", "Provenance.entity.what", "Provenance.target", "Parameters.parameter.value",
		"Parameters.parameter.part.value"};

	public static void keepVersionedEvidence(FhirContext fhirContext) {
		fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths(VERSIONED_REFERENCE_PATHS);
	}

	@Bean
	static BeanPostProcessor fhirContextSettings() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof FhirContext fhirContext) {
					keepVersionedEvidence(fhirContext);
					// Before anything asks the context for its support: HAPI's default would parse all of R4's definitions.
					fhirContext.setValidationSupport(CoreDefinitions.contextSupport(fhirContext));
				}
				return bean;
			}
		};
	}

	/**
	 * FHIR's own definitions parsed one by one when asked for ({@link CoreDefinitions}), in the place HAPI's chain gives
	 * its default support, which parses all of them at the first lookup of any (ADR 0026).
	 */
	@Bean
	static BeanDefinitionRegistryPostProcessor coreDefinitionsInPlaceOfHapis() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				RootBeanDefinition core = new RootBeanDefinition(CoreDefinitions.class);
				core.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
				if (registry.containsBeanDefinition(JpaConfig.DEFAULT_PROFILE_VALIDATION_SUPPORT)) {
					registry.removeBeanDefinition(JpaConfig.DEFAULT_PROFILE_VALIDATION_SUPPORT);
				}
				registry.registerBeanDefinition(JpaConfig.DEFAULT_PROFILE_VALIDATION_SUPPORT, core);
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
				// Nothing: the definition is replaced above.
			}
		};
	}

	@Bean
	public ConformanceResources conformanceResources(FhirContext fhirContext) {
		return ConformanceResources.loadFromClasspath(fhirContext);
	}

	@Bean
	public TrialProfiles trialProfiles(ConformanceResources conformance) {
		return new TrialProfiles(conformance);
	}

	@Bean
	public LocalCodeTranslator localCodeTranslator(ConformanceResources conformance) {
		return new LocalCodeTranslator(conformance.conceptMaps());
	}

	/** The definitions, first in HAPI's chain: every profile and code lookup finds them without a query. */
	@Bean
	public PrePopulatedValidationSupport trialValidationSupport(
			FhirContext fhirContext, ConformanceResources conformance, JpaValidationSupportChain chain) {
		PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(fhirContext);
		conformance.all().forEach(support::addResource);
		chain.addValidationSupport(0, support);
		// EHRs send local codings beside the standard ones (a hospital lab code next to LOINC). A code system
		// nobody here knows is not an error in itself: the profile's binding still has to be met by some coding.
		UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(fhirContext);
		unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		chain.addValidationSupport(unknownSystems);
		// FHIR asks one coding of a CodeableConcept to be in a bound value set, not all of them (a local code beside
		// the LOINC one); HAPI 8.8 defaults to all (hapifhir/hapi-fhir#8345).
		chain.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
		chain.invalidateCaches();
		return support;
	}

	/** Enough to make building a core validator negligible, small enough to bound what one instance keeps. */
	private static final int VALIDATIONS_PER_INSTANCE = 200;

	/**
	 * One validator for all writes, built once: the profiles carry their snapshots (generated at build time), so no
	 * snapshot is generated per request. References are not resolved against the database here; whether a
	 * referenced resource exists is the storage layer's check. Takes the trial support only so that it is in the
	 * chain before the warm-up runs. The core validator instances are reused (see {@link ReusingInstanceValidator}).
	 */
	@Bean
	public FhirValidator trialWriteValidator(FhirContext fhirContext, IValidationSupport validationSupport,
			CoreDefinitions coreDefinitions, PrePopulatedValidationSupport trialSupport,
			ConformanceProperties properties) {
		int processors = Runtime.getRuntime().availableProcessors();
		ReusingInstanceValidator instanceValidator = new ReusingInstanceValidator(
				validationSupport, coreDefinitions, 2 * processors, VALIDATIONS_PER_INSTANCE);
		instanceValidator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
		instanceValidator.setAnyExtensionsAllowed(true);
		instanceValidator.setNoTerminologyChecks(false);
		FhirValidator validator = fhirContext.newValidator();
		validator.setValidateAgainstStandardSchema(false);
		validator.setValidateAgainstStandardSchematron(false);
		validator.registerValidatorModule(instanceValidator);
		instanceValidator.prepareWorkerContext();
		if (properties.validateOnWrite()) {
			// Not when nothing is validated on write: the warm-up loads the base definitions in a second (R5) form,
			// some 15 MB of heap (ADRs 0022, 0032) that a server storing unchecked data would carry for nothing.
			Thread warmUp = new Thread(() -> warmUp(validator), "write-validator-warm-up");
			warmUp.setDaemon(true);
			warmUp.start();
		}
		return validator;
	}

	/**
	 * The first validation loads the validator's definitions and snapshots (seconds). Done beside the rest of
	 * start-up, on another thread, so that neither start-up nor, usually, the first write waits for it; a write
	 * that comes first loads what it needs itself, sharing the same caches.
	 */
	private static void warmUp(FhirValidator validator) {
		long start = System.nanoTime();
		Observation probe = new Observation();
		probe.setStatus(Observation.ObservationStatus.FINAL);
		probe.getCode().addCoding().setSystem("http://loinc.org").setCode("2160-0");
		try {
			validator.validateWithResult(probe, new ValidationOptions()
					.addProfile(ConformanceResources.STRUCTURE_DEFINITION_BASE + "serum-creatinine"));
			log.info("Write validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
		} catch (RuntimeException e) {
			// Only the warm-up failed: each write still validates, loading what it needs.
			log.warn("Warming up the write validator failed", e);
		}
	}

	@Bean
	AcceptedShapes acceptedShapes(FhirContext fhirContext, IValidationSupport validationSupport,
			ConformanceProperties properties) {
		return new AcceptedShapes(fhirContext, validationSupport, properties.acceptedShapes());
	}

	@Bean
	public TrialConformanceInterceptor trialConformanceInterceptor(
			TrialProfiles profiles, LocalCodeTranslator translator, FhirValidator trialWriteValidator,
			AcceptedShapes acceptedShapes, IInterceptorService interceptorService, ConformanceProperties properties) {
		TrialConformanceInterceptor interceptor =
				new TrialConformanceInterceptor(profiles, translator, trialWriteValidator, acceptedShapes);
		if (properties.validateOnWrite()) {
			interceptorService.registerInterceptor(interceptor);
		} else {
			log.warn("Validation on write is OFF (msc.conformance.validate-on-write=false): trial data is stored unchecked");
		}
		return interceptor;
	}

	/** Primary: the eligibility criteria have a state of their own, asked for by name. */
	@Bean
	@Primary
	public DefinitionsInRepository definitionsInRepository() {
		return new DefinitionsInRepository();
	}

	@Bean
	public ConformanceInstaller conformanceInstaller(ConformanceResources conformance, DaoRegistry daoRegistry,
			DefinitionsInRepository definitionsInRepository, ConformanceProperties properties) {
		return new ConformanceInstaller(conformance, daoRegistry, definitionsInRepository,
				properties.definitionsRetryInterval());
	}

	@Bean
	@Primary
	public DefinitionsGate definitionsGate(DefinitionsInRepository definitionsInRepository,
			ConformanceResources conformance, FhirContext fhirContext, ConformanceProperties properties,
			IInterceptorService interceptorService) {
		DefinitionsGate gate = new DefinitionsGate(definitionsInRepository, conformance, fhirContext,
				properties.definitionsWait());
		interceptorService.registerInterceptor(gate);
		return gate;
	}

	@Bean
	public RestfulServerCustomizer definitionsGateOnRequests(DefinitionsGate definitionsGate) {
		return server -> server.registerInterceptor(definitionsGate.requestHook());
	}

	/** Part of the readiness probe ({@code /actuator/health/readiness}, application.yaml). */
	@Bean
	public HealthIndicator trialDefinitionsHealthIndicator(DefinitionsInRepository definitionsInRepository) {
		return readiness(definitionsInRepository, "the trial's definitions");
	}

	/** Out of service while {@code what} is being stored, down when storing it failed, up once it is stored. */
	public static HealthIndicator readiness(DefinitionsInRepository state, String what) {
		return () -> {
			if (state.isStored()) {
				return Health.up().build();
			}
			return state.failure()
					.map(cause -> Health.down().withDetail("error", "storing " + what + " failed: " + cause.getMessage()).build())
					.orElseGet(() -> Health.outOfService().withDetail("reason", what + " are being stored").build());
		};
	}
}