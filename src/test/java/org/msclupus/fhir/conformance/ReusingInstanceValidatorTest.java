package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reusing module, on the chain as the server builds it (FHIR's definitions from {@link CoreDefinitions}), must
 * give, resource after resource, exactly what HAPI's own module gives for each resource on its own on HAPI's chain
 * (FHIR's definitions from HAPI's default support): same issues, same severities, same locations.
 */
class ReusingInstanceValidatorTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	/** HAPI's: its default support for FHIR's definitions, its validator. */
	static IValidationSupport chain;
	/** The server's: FHIR's definitions parsed when asked for. */
	static CoreDefinitions core;
	static IValidationSupport ours;
	static TrialProfiles trialProfiles;
	static List<Resource> corpus;

	@BeforeAll
	static void load() throws IOException {
		chain = ProfileRulesTest.standaloneChain(new DefaultProfileValidationSupport(FHIR));
		core = new CoreDefinitions(FHIR);
		ours = ProfileRulesTest.standaloneChain(core);
		trialProfiles = new TrialProfiles(ConformanceResources.loadFromClasspath(FHIR));
		corpus = new ArrayList<>();
		for (String folder : List.of("profiles/examples/invalid", "profiles/examples/valid")) {
			try (Stream<Path> files = Files.list(Path.of(folder))) {
				files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("expected-outcomes.json"))
						.sorted()
						.forEach(f -> corpus.add(parse(f)));
			}
		}
		// Ordinary EHR traffic too: narratives, many codings, extensions.
		Bundle ehr = (Bundle) parse(Path.of("src/test/resources/ehr-samples")
				.resolve("Alfreda_Wyman_3287b938-4670-47eb-91e5-e0ce3df71405.json"));
		ehr.getEntry().stream().limit(40).forEach(e -> corpus.add(e.getResource()));
	}

	static Resource parse(Path file) {
		try {
			return (Resource) FHIR.newJsonParser().parseResource(Files.readString(file));
		} catch (IOException e) {
			throw new IllegalStateException(file.toString(), e);
		}
	}

	@Test
	void reusedInstancesReportExactlyWhatAFreshValidatorReports() {
		FhirValidator fresh = FHIR.newValidator();
		fresh.registerValidatorModule(new FhirInstanceValidator(chain));
		ReusingInstanceValidator reusing = new ReusingInstanceValidator(ours, core, 1, 1_000);
		FhirValidator pooled = FHIR.newValidator();
		pooled.registerValidatorModule(reusing);

		// Twice through, so that every resource is also validated after every other one.
		for (int round = 0; round < 2; round++) {
			for (Resource resource : corpus) {
				ValidationOptions options = new ValidationOptions();
				trialProfiles.profilesFor(resource).forEach(options::addProfile);
				assertThat(issues(pooled, resource, options))
						.as("%s/%s, round %d", resource.fhirType(), resource.getIdPart(), round)
						.isEqualTo(issues(fresh, resource, options));
			}
		}
		assertThat(reusing.idleInstances()).isEqualTo(1);
	}

	@Test
	void anInstanceIsRetiredAfterItsUsesAndDroppedWhenCachesAreInvalidated() {
		ReusingInstanceValidator reusing = new ReusingInstanceValidator(ours, core, 2, 3);
		FhirValidator pooled = FHIR.newValidator();
		pooled.registerValidatorModule(reusing);
		Resource example = corpus.get(corpus.size() - 1);

		pooled.validateWithResult(example);
		pooled.validateWithResult(example);
		assertThat(reusing.idleInstances()).isEqualTo(1);
		pooled.validateWithResult(example);
		assertThat(reusing.idleInstances()).as("third use retires it").isZero();

		pooled.validateWithResult(example);
		assertThat(reusing.idleInstances()).isEqualTo(1);
		reusing.invalidateCaches();
		assertThat(reusing.idleInstances()).isZero();
	}

	/**
	 * The validator enumerates only base definitions and non-core profiles ({@link ValidatorStructures}); FHIR's own
	 * profiles and extension definitions must still be found when a resource names them, with the same verdicts.
	 */
	@Test
	void coreProfilesAndExtensionsNamedByAResourceAreFoundAsBefore() {
		FhirValidator fresh = FHIR.newValidator();
		fresh.registerValidatorModule(new FhirInstanceValidator(chain));
		FhirValidator pooled = FHIR.newValidator();
		pooled.registerValidatorModule(new ReusingInstanceValidator(ours, core, 1, 1_000));
		String vitals = "http://hl7.org/fhir/StructureDefinition/";
		List<Resource> named = List.of(
				parse("{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"" + vitals + "bodyweight\"]},"
						+ "\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/"
						+ "CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],\"code\":{\"coding\":[{"
						+ "\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}]},\"subject\":{\"reference\":"
						+ "\"Patient/p1\"},\"effectiveDateTime\":\"2026-01-02\",\"valueQuantity\":{\"value\":61.5,"
						+ "\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}}"),
				// the same without category, subject and unit code: the vital-signs profile's errors
				parse("{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"" + vitals + "bodyweight\"]},"
						+ "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
						+ "\"code\":\"29463-7\"}]},\"valueQuantity\":{\"value\":61.5,\"unit\":\"kg\"}}"),
				// core extensions, one with a value of the wrong type
				parse("{\"resourceType\":\"Patient\",\"extension\":[{\"url\":\"" + vitals + "patient-birthPlace\","
						+ "\"valueAddress\":{\"city\":\"Nanjing\"}},{\"url\":\"" + vitals + "patient-interpreterRequired\","
						+ "\"valueString\":\"yes\"}],\"birthDate\":\"1990-04-01\"}"),
				parse("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"creatinine\"},"
						+ "\"_status\":{\"extension\":[{\"url\":\"" + vitals + "data-absent-reason\",\"valueCode\":"
						+ "\"no-such-reason\"}]}}"));
		for (Resource resource : named) {
			List<String> expected = issues(fresh, resource, new ValidationOptions());
			assertThat(issues(pooled, resource, new ValidationOptions())).as(resource.fhirType()).isEqualTo(expected);
		}
		assertThat(issues(fresh, named.get(1), new ValidationOptions())).anyMatch(i -> i.startsWith("ERROR"));
		assertThat(issues(fresh, named.get(2), new ValidationOptions())).anyMatch(i -> i.startsWith("ERROR"));
	}

	@Test
	void theValidatorEnumeratesBaseDefinitionsAndNonCoreProfilesOnly() {
		List<IBaseResource> all = chain.fetchAllStructureDefinitions();
		List<IBaseResource> enumerated = new ValidatorStructures(ours, core).fetchAllStructureDefinitions();
		assertThat(urls(enumerated)).as("what filtering HAPI's whole list gives")
				.isEqualTo(urls(all.stream().filter(ValidatorStructures::enumerated).toList()));
		assertThat(enumerated).hasSizeLessThan(all.size() / 2)
				.allMatch(ValidatorStructures::enumerated)
				.anyMatch(sd -> ((StructureDefinition) sd).getUrl().equals(ValidatorStructures.CORE_BASE + "Observation"))
				.anyMatch(sd -> ((StructureDefinition) sd).getUrl().startsWith(ConformanceResources.STRUCTURE_DEFINITION_BASE))
				.noneMatch(sd -> ((StructureDefinition) sd).getUrl().equals(ValidatorStructures.CORE_BASE + "vitalsigns"))
				.noneMatch(sd -> ((StructureDefinition) sd).getUrl().equals(ValidatorStructures.CORE_BASE
						+ "data-absent-reason"));
	}

	/** {@link NamedTypesWorkerContext} names every R5 resource class as a FhirContext scan of it would. */
	@Test
	void everyR5ResourceClassIsNamedAsFhirContextNamesIt() {
		FhirContext r5 = FhirContext.forR5Cached();
		assertThat(r5.getResourceTypes()).hasSizeGreaterThan(150).allSatisfy(type -> {
			Class<?> model = r5.getResourceDefinition(type).getImplementingClass();
			assertThat(NamedTypesWorkerContext.typeName(model)).as(model.getName()).isEqualTo(r5.getResourceType(
					model.asSubclass(org.hl7.fhir.r5.model.Resource.class)));
		});
		assertThat(NamedTypesWorkerContext.typeName(org.hl7.fhir.r5.model.ListResource.class)).isEqualTo("List");
		assertThat(NamedTypesWorkerContext.typeName(org.hl7.fhir.r5.model.Resource.class)).isEqualTo("Resource");
		assertThat(NamedTypesWorkerContext.typeName(org.hl7.fhir.r5.model.CanonicalResource.class)).isNull();
	}

	private static List<String> urls(List<IBaseResource> definitions) {
		return definitions.stream().map(sd -> ((StructureDefinition) sd).getUrl()).sorted().toList();
	}

	static Resource parse(String json) {
		return (Resource) FHIR.newJsonParser().parseResource(json);
	}

	private static List<String> issues(FhirValidator validator, Resource resource, ValidationOptions options) {
		return validator.validateWithResult(resource, options).getMessages().stream()
				.map(ReusingInstanceValidatorTest::describe)
				.toList();
	}

	private static String describe(SingleValidationMessage message) {
		return message.getSeverity() + " " + message.getLocationString() + " " + message.getMessage();
	}
}
