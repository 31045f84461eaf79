package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trial profiles and terminology as a client meets them: readable from the server, valid examples accepted
 * (with and without a declared profile), invalid ones refused with 422 and an OperationOutcome that names the
 * element and the rule, nothing half-written, and the terminology operations answered from the repository.
 */
@H2ServerTest
class ConformanceIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final Path PROFILES = Path.of("profiles/generated");
	static final Path VALID = Path.of("profiles/examples/valid");
	static final Path INVALID = Path.of("profiles/examples/invalid");

	@LocalServerPort
	int port;
	@Autowired
	AcceptedShapes acceptedShapes;
	@Autowired
	@Qualifier(JpaConfig.DEFAULT_PROFILE_VALIDATION_SUPPORT)
	IValidationSupport fhirDefinitions;
	@Autowired
	FhirContext serverFhirContext;
	IGenericClient client;

	@BeforeEach
	void setUp() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// HAPI clients strip reference versions when they encode, unless told not to, like the server.
		ConformanceConfiguration.keepVersionedEvidence(FHIR);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		// The examples refer to these.
		client.update().resource(new Patient().setId("example-subject")).execute();
		client.update().resource(new Organization().setName("Example site").setId("example-site")).execute();
		client.update().resource(read(VALID.resolve("ResearchStudy-example-study.json"))).execute();
		client.update().resource(read(VALID.resolve("MedicationAdministration-example-msc-infusion-day-0.json"))).execute();
	}

	/**
	 * ADR 0026: HAPI's chain and the FhirContext's own support take FHIR's definitions from the split, one by one;
	 * nothing in the server falls back to HAPI's default support, which would parse all of them.
	 */
	@Test
	void fhirsOwnDefinitionsComeFromTheSplitOneByOne() {
		assertThat(fhirDefinitions).isInstanceOf(CoreDefinitions.class);
		IValidationSupport contextSupport = serverFhirContext.getValidationSupport();
		assertThat(contextSupport.<StructureDefinition>fetchAllStructureDefinitions())
				.hasSizeGreaterThan(200)
				.allMatch(sd -> sd.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT)
				.anyMatch(sd -> sd.getUrl().equals("http://hl7.org/fhir/StructureDefinition/Observation"));
		assertThat(contextSupport.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/vitalsigns"))
				.as("profiles are found by URL").isNotNull();
		assertThat(contextSupport.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Observation"))
				.as("one parsed copy, shared").isSameAs(fhirDefinitions.fetchStructureDefinition(
						"http://hl7.org/fhir/StructureDefinition/Observation"));
	}

	static Resource read(Path file) {
		try {
			return (Resource) FHIR.newJsonParser().parseResource(Files.readString(file));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static Stream<Path> jsonFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
		}
	}

	static Stream<Path> profileFiles() throws IOException {
		return jsonFiles(PROFILES).filter(f -> f.getFileName().toString().startsWith("StructureDefinition-"));
	}

	static Stream<Path> validExamples() throws IOException {
		return jsonFiles(VALID);
	}

	@SuppressWarnings("unchecked")
	static Stream<Map<String, String>> invalidExamples() throws IOException {
		return ((List<Map<String, String>>) (List<?>) new ObjectMapper()
				.readValue(INVALID.resolve("expected-outcomes.json").toFile(), List.class)).stream();
	}

	@ParameterizedTest
	@MethodSource("profileFiles")
	void everyProfileCanBeReadFromTheServerByUrl(Path file) {
		StructureDefinition profile = (StructureDefinition) read(file);
		Bundle found = client.search().forResource(StructureDefinition.class)
				.where(StructureDefinition.URL.matches().value(profile.getUrl()))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(1);
		StructureDefinition served = (StructureDefinition) found.getEntryFirstRep().getResource();
		assertThat(served.getSnapshot().getElement()).isNotEmpty();
		assertThat(served.getDescription()).isNotBlank();
	}

	@ParameterizedTest
	@MethodSource("validExamples")
	void validExampleIsAcceptedAndStoredAsConformingToItsProfile(Path file) {
		Resource example = read(file);
		String declared = example.getMeta().getProfile().get(0).getValue();
		// As an EHR would send it: no declared profile, no id. The server finds the profile itself.
		Resource undeclared = example.copy();
		undeclared.setMeta(null);
		undeclared.setId((String) null);
		IIdType id = client.create().resource(undeclared).execute().getId();
		Resource stored = (Resource) client.read().resource(example.fhirType()).withId(id.toUnqualifiedVersionless()).execute();
		assertThat(stored.getMeta().getProfile()).extracting(p -> p.getValue()).contains(declared);

		// The copy goes before the example is stored by its id: an enrolment's copy would be the patient's second
		// enrolment in the study, which the server refuses.
		client.delete().resourceById(id.toUnqualifiedVersionless()).execute();
		client.update().resource(example).execute();
	}

	@ParameterizedTest
	@MethodSource("invalidExamples")
	void invalidExampleIsRefusedWith422NamingElementAndRule(Map<String, String> expected) {
		Resource invalid = read(INVALID.resolve(expected.get("file")));
		invalid.setId((String) null);
		int before = count(invalid.fhirType());

		assertThatThrownBy(() -> client.create().resource(invalid).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
					OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
					assertThat(outcome.getIssue()).anySatisfy(issue -> {
						assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
						assertThat(issue.getDiagnostics()).contains(expected.get("expectedMessage"));
						assertThat(issue.getExpression()).extracting(StringType::getValue)
								.anyMatch(expression -> expression.startsWith(expected.get("expectedExpression")));
					});
				});
		assertThat(count(invalid.fhirType())).isEqualTo(before);
	}

	int count(String type) {
		return client.search().forResource(type).summaryMode(SummaryEnum.COUNT)
				.returnBundle(Bundle.class).execute().getTotal();
	}

	@Test
	void transactionWithOneInvalidTrialEntryStoresNothing() {
		Observation upcr = (Observation) read(VALID.resolve("Observation-example-upcr.json"));
		upcr.setId((String) null);
		upcr.addIdentifier().setSystem("http://hospital.example.org/lab").setValue("tx-" + System.nanoTime());
		Observation badSledai = (Observation) read(VALID.resolve("Observation-example-sledai-2k-total-only.json"));
		badSledai.setId((String) null);
		badSledai.setMeta(null);
		badSledai.setValue(new IntegerType(106));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(upcr).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		transaction.addEntry().setResource(badSledai).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class,
						e -> assertThat(e.getResponseBody()).contains("sledai-2k").contains("105"));
		Bundle found = client.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().identifier(upcr.getIdentifierFirstRep().getValue()))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).isEmpty();
	}

	@Test
	void patchThatBreaksTheProfileIsRefusedAndChangesNothing() {
		Observation sledai = (Observation) read(VALID.resolve("Observation-example-sledai-2k-total-only.json"));
		sledai.setId((String) null);
		IIdType id = client.create().resource(sledai).execute().getId().toUnqualifiedVersionless();
		String patch = "[{\"op\":\"replace\",\"path\":\"/valueInteger\",\"value\":200}]";
		assertThatThrownBy(() -> client.patch().withBody(patch).withId(id).execute())
				.isInstanceOf(UnprocessableEntityException.class);
		Observation after = client.read().resource(Observation.class).withId(id).execute();
		assertThat(after.getValueIntegerType().getValue()).isEqualTo(4);
		assertThat(after.getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void localHospitalCodeIsStoredWithItsLoincCodingAndValidated() {
		Observation local = (Observation) read(VALID.resolve("Observation-example-serum-creatinine.json"));
		local.setId((String) null);
		local.setMeta(null);
		local.getCode().getCoding().clear();
		local.getCode().addCoding().setSystem("http://hospital.example.org/fhir/CodeSystem/local-lab").setCode("CREA-S");
		IIdType id = client.create().resource(local).execute().getId().toUnqualifiedVersionless();
		Observation stored = client.read().resource(Observation.class).withId(id).execute();
		assertThat(stored.getCode().getCoding()).extracting(Coding::getCode).containsExactly("CREA-S", "2160-0");
		assertThat(stored.getMeta().hasProfile(ConformanceResources.STRUCTURE_DEFINITION_BASE + "serum-creatinine")).isTrue();

		// The same local code with a unit the profile refuses is refused: normalisation does not bypass validation.
		local.getValueQuantity().setCode("kg").setUnit("kg");
		assertThatThrownBy(() -> client.create().resource(local).execute()).isInstanceOf(UnprocessableEntityException.class);
	}

	@Test
	void responseAssessmentKeepsItsVersionedEvidence() {
		Observation upcr = (Observation) read(VALID.resolve("Observation-example-upcr.json"));
		upcr.setId((String) null);
		IIdType evidence = client.create().resource(upcr).execute().getId();
		assertThat(evidence.getVersionIdPart()).isEqualTo("1");

		Observation assessment = new Observation();
		assessment.setStatus(Observation.ObservationStatus.FINAL);
		assessment.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("survey");
		assessment.getCode().addCoding().setSystem("http://msc-lupus.org/fhir/CodeSystem/lupus-trial").setCode("ln-renal-response");
		assessment.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/example-subject"));
		assessment.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2023-08-16"));
		assessment.setValue(new org.hl7.fhir.r4.model.CodeableConcept(
				new Coding("http://msc-lupus.org/fhir/CodeSystem/response", "PR", null)));
		String versioned = evidence.toUnqualified().getValue();
		assessment.addDerivedFrom().setReference(versioned);
		IIdType id = client.create().resource(assessment).execute().getId().toUnqualifiedVersionless();

		Observation stored = client.read().resource(Observation.class).withId(id).execute();
		assertThat(stored.getDerivedFromFirstRep().getReference()).isEqualTo(versioned).contains("/_history/1");

		Observation unversioned = assessment.copy();
		unversioned.getDerivedFrom().clear();
		unversioned.addDerivedFrom().setReference(evidence.toUnqualifiedVersionless().getValue());
		assertThatThrownBy(() -> client.create().resource(unversioned).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class,
						e -> assertThat(e.getResponseBody()).contains("msc-versioned-evidence"));
	}

	// ---- Terminology operations, answered from the repository (the server has no network) ----

	@Test
	void expandListsTheValueSetCodes() {
		ValueSet expansion = client.operation().onType(ValueSet.class).named("$expand")
				.withParameter(Parameters.class, "url", new UriType("http://msc-lupus.org/fhir/ValueSet/sledai-descriptor"))
				.returnResourceType(ValueSet.class).execute();
		assertThat(expansion.getExpansion().getContains()).hasSize(24)
				.extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
				.contains("sledai-seizure", "sledai-leukopenia").doesNotContain("sledai-2k");
	}

	@Test
	void lookupFindsLoincAndTrialCodes() {
		Parameters loinc = client.operation().onType("CodeSystem").named("$lookup")
				.withParameter(Parameters.class, "system", new UriType("http://loinc.org"))
				.andParameter("code", new CodeType("2890-2")).execute();
		assertThat(loinc.getParameter("display").getValue().primitiveValue())
				.isEqualTo("Protein/Creatinine [Mass Ratio] in Urine");
		Parameters trial = client.operation().onType("CodeSystem").named("$lookup")
				.withParameter(Parameters.class, "system", new UriType("http://msc-lupus.org/fhir/CodeSystem/lupus-trial"))
				.andParameter("code", new CodeType("uc-msc")).execute();
		assertThat(trial.getParameter("display").getValue().primitiveValue()).contains("mesenchymal stem cells");
	}

	@Test
	void validateCodeAnswersForValueSetMembership() {
		Parameters member = client.operation().onType(ValueSet.class).named("$validate-code")
				.withParameter(Parameters.class, "url", new UriType("http://msc-lupus.org/fhir/ValueSet/bilag-grade"))
				.andParameter("system", new UriType("http://msc-lupus.org/fhir/CodeSystem/bilag-grade"))
				.andParameter("code", new CodeType("B")).execute();
		assertThat(member.getParameterBool("result")).isTrue();
		Parameters notMember = client.operation().onType(ValueSet.class).named("$validate-code")
				.withParameter(Parameters.class, "url", new UriType("http://msc-lupus.org/fhir/ValueSet/bilag-grade"))
				.andParameter("system", new UriType("http://msc-lupus.org/fhir/CodeSystem/bilag-grade"))
				.andParameter("code", new CodeType("F")).execute();
		assertThat(notMember.getParameterBool("result")).isFalse();
	}

	@Test
	void translateMapsALocalLabCodeToLoinc() {
		Parameters translation = client.operation().onType("ConceptMap").named("$translate")
				.withParameter(Parameters.class, "url", new UriType("http://msc-lupus.org/fhir/ConceptMap/hospital-lab-to-loinc"))
				.andParameter("system", new UriType("http://hospital.example.org/fhir/CodeSystem/local-lab"))
				.andParameter("code", new CodeType("C3")).execute();
		assertThat(translation.getParameterBool("result")).isTrue();
		Coding concept = (Coding) translation.getParameter().stream().filter(p -> p.getName().equals("match"))
				.flatMap(p -> p.getPart().stream()).filter(p -> p.getName().equals("concept"))
				.findFirst().orElseThrow().getValue();
		assertThat(concept.getSystem()).isEqualTo("http://loinc.org");
		assertThat(concept.getCode()).isEqualTo("4485-9");
	}

	@Test
	void unitAliasFromTheEhrIsStoredInUcumSpelling() throws Exception {
		// Jordan Cruickshank's bundle sends ALT in "IU/L"; the server must take it as is.
		Observation alt = (Observation) read(VALID.resolve("Observation-example-trial-lab-alt.json"));
		alt.setId((String) null);
		alt.setMeta(null);
		alt.getValueQuantity().setUnit("IU/L").setCode("IU/L");
		IIdType id = client.create().resource(alt).execute().getId().toUnqualifiedVersionless();
		Observation stored = client.read().resource(Observation.class).withId(id).execute();
		assertThat(stored.getValueQuantity().getCode()).isEqualTo("[IU]/L");
		assertThat(stored.getValueQuantity().getUnit()).isEqualTo("IU/L");
	}

	static Observation creatinine(String value, String effective) {
		Observation creatinine = (Observation) read(VALID.resolve("Observation-example-serum-creatinine.json"));
		creatinine.setId((String) null);
		creatinine.setMeta(null);
		creatinine.setEffective(new DateTimeType(effective));
		creatinine.getValueQuantity().setValue(new BigDecimal(value));
		return creatinine;
	}

	@Test
	void resourceOfAnAcceptedShapeIsStoredWithoutValidatingAgainWhileABadValueIsStillRefused() {
		client.create().resource(creatinine("1.4", "2024-01-10")).execute();
		long hits = acceptedShapes.hits();
		IIdType second = client.create().resource(creatinine("0.7", "2024-02-11")).execute().getId();
		assertThat(acceptedShapes.hits()).isEqualTo(hits + 1);
		assertThat(client.read().resource(Observation.class).withId(second.toUnqualifiedVersionless()).execute()
				.getMeta().hasProfile(ConformanceResources.STRUCTURE_DEFINITION_BASE + "serum-creatinine")).isTrue();

		// What the rules read is part of the shape: a negative value, or a unit the code does not allow, is refused.
		assertThatThrownBy(() -> client.create().resource(creatinine("-0.7", "2024-03-12")).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class,
						e -> assertThat(e.getResponseBody()).contains("msc-non-negative"));
		Observation wrongUnit = creatinine("70", "2024-03-12");
		wrongUnit.getValueQuantity().setCode("umol/L").setUnit("umol/L");
		assertThatThrownBy(() -> client.create().resource(wrongUnit).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class,
						e -> assertThat(e.getResponseBody()).contains("msc-creatinine-unit"));

		// The same in one transaction: the entry of an accepted shape is not stored beside the refused one.
		Observation good = creatinine("0.9", "2024-04-13");
		good.addIdentifier().setSystem("http://hospital.example.org/lab").setValue("shape-" + System.nanoTime());
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(good).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		transaction.addEntry().setResource(creatinine("-0.9", "2024-04-13")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
				.isInstanceOf(UnprocessableEntityException.class);
		assertThat(client.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().identifier(good.getIdentifierFirstRep().getValue()))
				.returnBundle(Bundle.class).execute().getEntry()).isEmpty();
	}

	@Test
	void writingADefinitionForgetsTheAcceptedShapes() {
		client.create().resource(creatinine("1.1", "2024-05-01")).execute();
		client.create().resource(creatinine("1.2", "2024-05-02")).execute();
		long hits = acceptedShapes.hits();
		ValueSet units = new ValueSet();
		units.setUrl("http://hospital.example.org/fhir/ValueSet/shape-test").setStatus(Enumerations.PublicationStatus.ACTIVE);
		units.getCompose().addInclude().setSystem("http://unitsofmeasure.org").addConcept().setCode("mg/dL");
		client.create().resource(units).execute();
		client.create().resource(creatinine("1.3", "2024-05-03")).execute();
		assertThat(acceptedShapes.hits()).as("validated in full after the definition changed").isEqualTo(hits);
		client.create().resource(creatinine("1.4", "2024-05-04")).execute();
		assertThat(acceptedShapes.hits()).isEqualTo(hits + 1);
	}
}
