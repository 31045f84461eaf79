package org.msclupus.fhir.eligibility.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Patient $check-eligibility through the HAPI client against the shipped NCT05631717 criteria, stored by the server
 * as a Library at start-up and expanded by its own terminology support.
 */
@H2ServerTest
class CheckEligibilityIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate SCREENING = LocalDate.parse("2026-11-22");
	static final String SNOMED = "http://snomed.info/sct";
	static final String ACR = "http://msc-lupus.org/fhir/CodeSystem/acr-1997-sle-criteria";

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeEach
	void load() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		TrialRecords records = new TrialRecords();
		records.study("ln-screening", "NCT05631717", "weeks-24", List.of("ln-renal-response"));
		records.study("no-criteria", "NCT01741857", "months-12", List.of());
		candidate(records, "cand-ok", "1990-05-01", null);
		candidate(records, "cand-rtx23", "1990-05-01", SCREENING.minusWeeks(23));
		candidate(records, "cand-rtx25", "1990-05-01", SCREENING.minusWeeks(25));
		candidate(records, "cand-18", SCREENING.minusYears(18).toString(), null);
		Patient bare = new Patient();
		bare.setId("cand-bare");
		bare.setBirthDateElement(new DateType("1985-02-03"));
		bare.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
		put(records.bundle(), bare);
		client.transaction().withBundle(records.bundle()).execute();
	}

	/** A candidate meeting every criterion, optionally given rituximab on {@code rituximab}. */
	static void candidate(TrialRecords records, String id, String birthDate, LocalDate rituximab) {
		TrialRecords.Subject s = records.subject(id, "ResearchStudy/ln-screening", "uc-msc", SCREENING);
		records.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(r -> r instanceof Patient && r.getIdElement().getIdPart().equals(id))
				.forEach(r -> ((Patient) r).setBirthDateElement(new DateType(birthDate)));
		s.sledai(SCREENING.minusDays(5), 10);
		s.upcr(SCREENING.minusDays(5), "2.5", "g/g");
		s.glucocorticoid("8640", "prednisone", "20", SCREENING.minusYears(1), null);
		Reference patient = new Reference("Patient/" + id);
		int n = 0;
		for (String acr : List.of("malar-rash", "arthritis", "renal-disorder", "antinuclear-antibody")) {
			Condition condition = new Condition();
			condition.setId(id + "-acr-" + (++n));
			condition.setSubject(patient);
			condition.setCode(new CodeableConcept().addCoding(new Coding(ACR, acr, null)));
			condition.setOnset(new DateTimeType(SCREENING.minusYears(2).toString()));
			put(records.bundle(), condition);
		}
		Consent consent = new Consent();
		consent.setId(id + "-consent");
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/consentscope", "research", "Research")));
		consent.addCategory().addCoding(new Coding("http://loinc.org", "59284-0", "Consent Document"));
		consent.setPatient(patient);
		consent.setDateTimeElement(new DateTimeType(SCREENING.minusDays(1).toString()));
		consent.addPolicy().setUri("https://clinicaltrials.gov/study/NCT05631717");
		put(records.bundle(), consent);
		Observation hcg = new Observation();
		hcg.setId(id + "-hcg");
		hcg.setStatus(Observation.ObservationStatus.FINAL);
		hcg.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
				"laboratory", "Laboratory"));
		hcg.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "2106-3", null)));
		hcg.setSubject(patient);
		hcg.setEffective(new DateTimeType(SCREENING.minusDays(3).toString()));
		hcg.setValue(new CodeableConcept().addCoding(new Coding(SNOMED, "260385009", "Negative")));
		put(records.bundle(), hcg);
		Procedure biopsy = new Procedure();
		biopsy.setId(id + "-biopsy");
		biopsy.setStatus(Procedure.ProcedureStatus.COMPLETED);
		biopsy.setCode(new CodeableConcept().addCoding(new Coding(SNOMED, "1292009", null)));
		biopsy.setSubject(patient);
		biopsy.setPerformed(new DateTimeType(SCREENING.minusYears(1).toString()));
		put(records.bundle(), biopsy);
		Immunization flu = new Immunization();
		flu.setId(id + "-flu");
		flu.setStatus(Immunization.ImmunizationStatus.COMPLETED);
		flu.setVaccineCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/cvx", "141", null)));
		flu.setPatient(patient);
		flu.setOccurrence(new DateTimeType(SCREENING.minusWeeks(6).toString()));
		put(records.bundle(), flu);
		if (rituximab != null) {
			MedicationAdministration rtx = new MedicationAdministration();
			rtx.setId(id + "-rituximab");
			rtx.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
			rtx.setMedication(new CodeableConcept().addCoding(new Coding(
					"http://www.nlm.nih.gov/research/umls/rxnorm", "121191", "rituximab")));
			rtx.setSubject(patient);
			rtx.setEffective(new DateTimeType(rituximab.toString()));
			put(records.bundle(), rtx);
		}
	}

	static void put(Bundle bundle, Resource resource) {
		String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		bundle.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
	}

	private Parameters check(String patient, String study) {
		Parameters in = new Parameters();
		in.addParameter("study", new StringType(study));
		in.addParameter("screeningDate", new DateType(SCREENING.toString()));
		return client.operation().onInstance("Patient/" + patient).named("$check-eligibility").withParameters(in)
				.execute();
	}

	private static ParametersParameterComponent criterion(Parameters out, String id) {
		return out.getParameter().stream().filter(p -> p.getName().equals("criterion"))
				.filter(p -> id.equals(part(p, "id"))).findFirst().orElseThrow();
	}

	private static String part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(x -> x.getValue() instanceof Reference r
				? r.getReference() : x.getValue().primitiveValue()).findFirst().orElse(null);
	}

	private static List<String> parts(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(x -> x.getValue() instanceof Reference r
				? r.getReference() : x.getValue().primitiveValue()).toList();
	}

	@Test
	void aCandidateMeetingEveryCriterionIsEligible() {
		Parameters out = check("cand-ok", "ResearchStudy/ln-screening");
		assertThat(out.getParameter("eligible").getValue().primitiveValue()).isEqualTo("eligible");
		assertThat(out.getParameter("criteria").getValue().primitiveValue())
				.isEqualTo("http://msc-lupus.org/fhir/Library/eligibility-nct05631717|1");
		assertThat(out.getParameter().stream().filter(p -> p.getName().equals("criterion"))).hasSize(13);
		ParametersParameterComponent sledai = criterion(out, "inc-sledai");
		assertThat(part(sledai, "result")).isEqualTo("met");
		assertThat(part(sledai, "kind")).isEqualTo("inclusion");
		assertThat(part(sledai, "value")).isEqualTo("sledai-2k 10 {score} on 2026-11-17 (needs >= 6)");
		assertThat(parts(sledai, "evidence")).singleElement().asString().startsWith("Observation/cand-ok-sledai-2k-");
		ParametersParameterComponent acr = criterion(out, "inc-acr-1997");
		assertThat(parts(acr, "evidence")).hasSize(4).allMatch(e -> e.startsWith("Condition/cand-ok-acr-"));
		assertThat(part(criterion(out, "exc-pregnancy-lactation"), "result")).isEqualTo("not-met");
		assertThat(parts(criterion(out, "exc-pregnancy-lactation"), "evidence"))
				.containsExactly("Observation/cand-ok-hcg/_history/1");
		assertThat(part(criterion(out, "exc-b-cell-depletion"), "kind")).isEqualTo("exclusion");
	}

	@Test
	void rituximab23WeeksBeforeScreeningExcludesAnd25WeeksDoesNot() {
		Parameters recent = check("cand-rtx23", "ResearchStudy/ln-screening");
		assertThat(recent.getParameter("eligible").getValue().primitiveValue()).isEqualTo("not-eligible");
		assertThat(part(criterion(recent, "exc-b-cell-depletion"), "result")).isEqualTo("met");
		assertThat(parts(criterion(recent, "exc-b-cell-depletion"), "evidence"))
				.containsExactly("MedicationAdministration/cand-rtx23-rituximab/_history/1");
		Parameters older = check("cand-rtx25", "ResearchStudy/ln-screening");
		assertThat(part(criterion(older, "exc-b-cell-depletion"), "result")).isEqualTo("not-met");
		assertThat(older.getParameter("eligible").getValue().primitiveValue()).isEqualTo("eligible");
	}

	@Test
	void exactly18IsNotEligible() {
		Parameters out = check("cand-18", "ResearchStudy/ln-screening");
		assertThat(part(criterion(out, "inc-age"), "result")).isEqualTo("not-met");
		assertThat(part(criterion(out, "inc-age"), "value")).isEqualTo("age 18 at screening on 2026-11-22");
		assertThat(out.getParameter("eligible").getValue().primitiveValue()).isEqualTo("not-eligible");
	}

	@Test
	void missingDataIsUnknownAndNeedsReview() {
		Parameters out = check("cand-bare", "ResearchStudy/ln-screening");
		assertThat(out.getParameter("eligible").getValue().primitiveValue()).isEqualTo("needs-review");
		assertThat(part(criterion(out, "inc-age"), "result")).isEqualTo("met");
		for (String id : List.of("inc-sledai", "inc-proteinuria", "inc-acr-1997", "inc-consent", "exc-b-cell-depletion",
				"exc-pregnancy-lactation")) {
			assertThat(part(criterion(out, id), "result")).as(id).isEqualTo("unknown");
			assertThat(part(criterion(out, id), "reason")).as(id).isNotBlank();
		}
	}

	@Test
	void theGetFormAnswersTheSame() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/Patient/cand-ok/$check-eligibility?study=ResearchStudy/ln-screening"
						+ "&screeningDate=2026-11-22")).header("Accept", "application/fhir+json").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Parameters out = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
		assertThat(out.getParameter("eligible").getValue().primitiveValue()).isEqualTo("eligible");
	}

	@Test
	void theShippedCriteriaAreStoredAsALibrary() {
		Bundle libraries = client.search().forResource(Library.class)
				.where(Library.URL.matches().value("http://msc-lupus.org/fhir/Library/eligibility-nct05631717"))
				.returnBundle(Bundle.class).execute();
		assertThat(libraries.getEntry()).hasSize(1);
		Library library = (Library) libraries.getEntryFirstRep().getResource();
		assertThat(library.getContentFirstRep().getContentType()).isEqualTo("application/json");
	}

	@Test
	void aSponsorAddsCriteriaForAnotherStudyThroughTheApi() {
		Library library = new Library();
		library.setUrl("http://sponsor.example.org/fhir/Library/over-40");
		library.setVersion("1");
		library.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		library.setType(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/library-type", "logic-library", null)));
		library.addContent().setContentType("application/json").setData(("{\"url\": \"http://sponsor.example.org/"
				+ "fhir/Library/over-40\", \"version\": \"1\", \"criteria\": [{\"id\": \"age\", \"kind\": "
				+ "\"inclusion\", \"text\": \"40 or older\", \"rule\": {\"type\": \"age\", \"atLeast\": 40}}]}")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		client.create().resource(library).execute();
		TrialRecords records = new TrialRecords();
		records.study("sponsor-study", "NCT09999999", "months-12", List.of());
		org.hl7.fhir.r4.model.ResearchStudy study = (org.hl7.fhir.r4.model.ResearchStudy) records.bundle()
				.getEntryFirstRep().getResource();
		study.addExtension(CheckEligibilityProvider.CRITERIA_EXTENSION,
				new org.hl7.fhir.r4.model.CanonicalType("http://sponsor.example.org/fhir/Library/over-40"));
		client.update().resource(study).execute();

		Parameters out = check("cand-ok", "ResearchStudy/sponsor-study");
		assertThat(out.getParameter("eligible").getValue().primitiveValue()).isEqualTo("not-eligible");
		assertThat(part(criterion(out, "age"), "value")).isEqualTo("age 36 at screening on 2026-11-22");

		library.getContentFirstRep().setData("{ not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		library.setUrl("http://sponsor.example.org/fhir/Library/broken");
		client.create().resource(library).execute();
		study.getExtensionByUrl(CheckEligibilityProvider.CRITERIA_EXTENSION).setValue(new org.hl7.fhir.r4.model.CanonicalType(
				"http://sponsor.example.org/fhir/Library/broken"));
		client.update().resource(study).execute();
		assertThatThrownBy(() -> check("cand-ok", "ResearchStudy/sponsor-study"))
				.isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class)
				.hasMessageContaining("not valid JSON");
	}

	@Test
	void badRequestsAre4xxNamingTheProblem() {
		assertThatThrownBy(() -> check("cand-ok", "Patient/cand-ok")).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("must be a ResearchStudy reference");
		assertThatThrownBy(() -> check("cand-ok", "ResearchStudy/nope")).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("ResearchStudy/nope does not exist");
		assertThatThrownBy(() -> check("cand-ok", "ResearchStudy/no-criteria"))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("names no eligibility criteria");
		assertThatThrownBy(() -> check("nobody", "ResearchStudy/ln-screening"))
				.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.operation().onInstance("Patient/cand-ok").named("$check-eligibility")
				.withNoParameters(Parameters.class).execute()).isInstanceOf(InvalidRequestException.class)
				.satisfies(e -> assertThat(((InvalidRequestException) e).getOperationOutcome()).isInstanceOf(
						OperationOutcome.class));
	}
}
