package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.fhirpath.IFhirPath;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
		fresh.flush();
		assertThat(fresh.parsedCount()).isZero();
		assertThat(fresh.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Observation")).isNotNull();
		assertThat(fresh.fetchValueSet("http://hl7.org/fhir/ValueSet/observation-status")).isNotNull();
		assertThat(fresh.parsedCount()).isEqualTo(2);
		int base = fresh.fetchStructureDefinitions(CoreDefinitions.Entry::base).size();
		assertThat(base).isGreaterThan(200);
		assertThat(fresh.parsedCount()).as("base definitions are kept, Observation among them").isEqualTo(base + 1);
		assertThat(fresh.fetchAllStructureDefinitions()).hasSizeGreaterThan(600);
		assertThat(fresh.parsedCount()).as("FHIR's profiles and extensions listed are not").isEqualTo(base + 1);
		fresh.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/vitalsigns");
		assertThat(fresh.parsedCount()).as("one asked for by URL is").isEqualTo(base + 2);
		fresh.flush();
		assertThat(fresh.parsedCount()).isZero();
	}

	@Test
	void everyInstanceSharesWhatIsParsedAsHapisDefaultSupportDoes() {
		IBaseResource first = new CoreDefinitions(FhirContext.forR4()).fetchStructureDefinition("Patient");
		assertThat(new CoreDefinitions(FhirContext.forR4()).fetchStructureDefinition("Patient")).isSameAs(first);
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

	/**
	 * The FhirContext's own support (FHIRPath's R4 engine, which HAPI's search parameter extractor uses) lists the base
	 * definitions only: every R4 search parameter's expression gives the same values on EHR traffic and the trial's
	 * examples as with HAPI's default support.
	 */
	@Test
	void searchParameterExpressionsEvaluateAsWithHapisDefaultSupport() throws Exception {
		FhirContext hapis = FhirContext.forR4();
		FhirContext ours = FhirContext.forR4();
		new CoreDefinitions(ours).flush(); // what other tests parsed is shared
		ours.setValidationSupport(CoreDefinitions.contextSupport(ours));
		IFhirPath expected = hapis.newFhirPath();
		IFhirPath actual = ours.newFhirPath();
		List<Resource> resources = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("src/test/resources/ehr-samples"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().limit(3).toList()) {
				Bundle bundle = (Bundle) FHIR.newJsonParser().parseResource(Files.readString(file));
				bundle.getEntry().forEach(e -> resources.add(e.getResource()));
			}
		}
		try (Stream<Path> files = Files.list(Path.of("profiles/examples/valid"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				resources.add((Resource) FHIR.newJsonParser().parseResource(Files.readString(file)));
			}
		}
		List<SearchParameter> parameters = HAPI.fetchAllSearchParameters();
		int compared = 0;
		for (Resource resource : resources) {
			for (SearchParameter parameter : parameters) {
				if (parameter.hasExpression() && parameter.getBase().stream()
						.anyMatch(b -> b.getCode().equals(resource.fhirType()) || b.getCode().equals("Resource"))) {
					String hapiResult = evaluate(expected, resource, parameter.getExpression());
					assertThat(evaluate(actual, resource, parameter.getExpression()))
							.as(resource.fhirType() + " " + parameter.getExpression())
							.isEqualTo(hapiResult);
					compared++;
				}
			}
		}
		assertThat(compared).isGreaterThan(5_000);
		assertThat(new CoreDefinitions(ours).parsedCount()).as("base definitions only, or few more")
				.isLessThan(core.urls(CoreDefinitions.Kind.STRUCTURE_DEFINITION).size() / 2);
	}

	private static String evaluate(IFhirPath fhirPath, Resource resource, String expression) {
		try {
			return fhirPath.evaluate(resource, expression, IBase.class).stream()
					.map(value -> value instanceof IPrimitiveType<?> primitive
							? primitive.fhirType() + "=" + primitive.getValueAsString()
							: value instanceof IBaseResource r ? FHIR.newJsonParser().encodeResourceToString(r)
							: ((Base) value).fhirType() + "@" + ((Base) value).listChildrenByName("*").size()
									+ ":" + ((Base) value).toString().replaceAll("@[0-9a-f]+", ""))
					.toList().toString();
		} catch (RuntimeException e) {
			return e.getClass().getSimpleName() + ": " + e.getMessage();
		}
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
