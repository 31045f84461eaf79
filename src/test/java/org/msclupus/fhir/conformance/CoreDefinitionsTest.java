package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every lookup answers what HAPI's {@link DefaultProfileValidationSupport} answers, parsing only what it is asked. */
class CoreDefinitionsTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final DefaultProfileValidationSupport HAPI = new DefaultProfileValidationSupport(FHIR);

	static CoreDefinitions core;

	@BeforeAll
	static void load() {
		core = new CoreDefinitions(FHIR);
	}

	@Test
	void nothingIsParsedUntilAskedAndThenOnlyWhatWasAsked() {
		CoreDefinitions fresh = new CoreDefinitions(FHIR);
		assertThat(fresh.parsedCount()).isZero();
		assertThat(fresh.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Observation")).isNotNull();
		assertThat(fresh.fetchValueSet("http://hl7.org/fhir/ValueSet/observation-status")).isNotNull();
		assertThat(fresh.parsedCount()).isEqualTo(2);
		assertThat(fresh.fetchStructureDefinitions(CoreDefinitions.Entry::base)).hasSizeGreaterThan(200);
		assertThat(fresh.parsedCount()).as("the base list is not kept").isEqualTo(2);
		fresh.flush();
		assertThat(fresh.parsedCount()).isZero();
	}

	@Test
	void everyStructureDefinitionIsHapisOwn() {
		Map<String, IBaseResource> hapi = byUrl(HAPI.fetchAllStructureDefinitions());
		Map<String, IBaseResource> ours = byUrl(core.fetchAllStructureDefinitions());
		assertThat(ours.keySet()).isEqualTo(hapi.keySet()).hasSizeGreaterThan(600);
		for (String url : hapi.keySet()) {
			assertSame(ours.get(url), hapi.get(url));
			assertSame(core.fetchStructureDefinition(url), HAPI.fetchStructureDefinition(url));
		}
	}

	@Test
	void theBaseListHoldsTheDefinitionsThatAreNotConstraints() {
		List<String> expected = HAPI.<StructureDefinition>fetchAllStructureDefinitions().stream()
				.filter(d -> d.getDerivation() != TypeDerivationRule.CONSTRAINT)
				.map(StructureDefinition::getUrl).sorted().toList();
		List<String> base = core.<StructureDefinition>fetchStructureDefinitions(CoreDefinitions.Entry::base).stream()
				.map(StructureDefinition::getUrl).sorted().toList();
		assertThat(base).isEqualTo(expected).contains("http://hl7.org/fhir/StructureDefinition/Observation",
				"http://hl7.org/fhir/StructureDefinition/Quantity", "http://hl7.org/fhir/StructureDefinition/string");
	}

	@Test
	void everyCodeSystemAndValueSetIsHapisOwn() {
		assertThat(core.urls(CoreDefinitions.Kind.CODE_SYSTEM)).hasSizeGreaterThan(500);
		// Some of HAPI's keys carry "|version" (v2 tables); it reads the bar as a version there too, so compare answers.
		for (String url : core.urls(CoreDefinitions.Kind.CODE_SYSTEM)) {
			assertSameOrBothNull(url, core.fetchCodeSystem(url), HAPI.fetchCodeSystem(url));
		}
		assertThat(core.urls(CoreDefinitions.Kind.VALUE_SET)).hasSizeGreaterThan(1000);
		for (String url : core.urls(CoreDefinitions.Kind.VALUE_SET)) {
			assertSameOrBothNull(url, core.fetchValueSet(url), HAPI.fetchValueSet(url));
		}
	}

	@Test
	void urlFormsAndVersionsAreReadAsHapiReadsThem() {
		for (String url : List.of("Observation", "StructureDefinition/Observation", "String", "Boolean",
				"http://hl7.org/fhir/StructureDefinition/Decimal", "http://hl7.org/fhir/StructureDefinition/NoSuchType",
				"http://example.org/StructureDefinition/Observation", "vitalsigns")) {
			assertSameOrBothNull(url, core.fetchStructureDefinition(url), HAPI.fetchStructureDefinition(url));
		}
		assertThat(((StructureDefinition) core.fetchStructureDefinition("String")).getType()).isEqualTo("String");
		assertThat(((StructureDefinition) core.fetchStructureDefinition("string")).getType()).isEqualTo("string");

		String storage = "https://hapifhir.io/fhir/CodeSystem/hapi-fhir-storage-response-code";
		assertSame(core.fetchCodeSystem(storage), HAPI.fetchCodeSystem(storage));
		for (String canonical : List.of(
				"http://hl7.org/fhir/administrative-gender|4.0.1", "http://hl7.org/fhir/administrative-gender|9.9",
				"http://terminology.hl7.org/CodeSystem/v3-ActCode|1.0", "http://unitsofmeasure.org",
				"urn:ietf:bcp:13", "urn:ietf:bcp:13|0.0", "http://example.org/none")) {
			assertSameOrBothNull(canonical, core.fetchCodeSystem(canonical), HAPI.fetchCodeSystem(canonical));
		}
		assertThat(core.fetchCodeSystem("urn:ietf:bcp:13|0.0")).as("a version not HL7's must match").isNull();
		assertThat(((CodeSystem) core.fetchCodeSystem("http://hl7.org/fhir/administrative-gender|9.9")).getUrl())
				.as("HL7's own are found whatever the version").isEqualTo("http://hl7.org/fhir/administrative-gender");
	}

	static void assertSameOrBothNull(String asked, IBaseResource actual, IBaseResource expected) {
		assertThat(actual == null).as(asked).isEqualTo(expected == null);
		if (expected != null) {
			assertSame(actual, expected);
		}
	}

	/** Same content, same id, same package marks. */
	static void assertSame(IBaseResource actual, IBaseResource expected) {
		assertThat(actual).isNotNull();
		assertThat(actual.getIdElement().getValue()).isEqualTo(expected.getIdElement().getValue());
		assertThat(((Base) actual).equalsDeep((Base) expected))
				.as(expected.getIdElement().getValue() + " equalsDeep")
				.isTrue();
		assertThat(FHIR.newJsonParser().encodeResourceToString(actual))
				.isEqualTo(FHIR.newJsonParser().encodeResourceToString(expected));
		for (String key : List.of("package", DefaultProfileValidationSupport.SOURCE_PACKAGE_ID)) {
			assertThat(actual.getUserData(key)).as(key).isEqualTo(expected.getUserData(key));
		}
	}

	static Map<String, IBaseResource> byUrl(List<IBaseResource> resources) {
		return resources.stream().collect(Collectors.toMap(
				r -> ((StructureDefinition) r).getUrl(), Function.identity()));
	}
}
