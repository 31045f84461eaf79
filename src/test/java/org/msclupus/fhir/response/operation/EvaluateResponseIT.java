package org.msclupus.fhir.response.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.msclupus.fhir.design.TrialCodes;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.conformance.ConformanceConfiguration;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * $evaluate-response through the HAPI client against the real server: the scenario cohort goes in as one
 * transaction, and each subject's output is checked part by part against the results worked out by hand.
 */
@H2ServerTest
class EvaluateResponseIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeEach
	void loadCohort() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ConformanceConfiguration.keepVersionedEvidence(FHIR);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.transaction().withBundle(ResponseScenarios.cohort()).execute(); // PUTs: loading twice changes nothing
	}

	private Parameters evaluate(String subject, String... criteria) {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		for (String code : criteria) {
			in.addParameter("criteria", new CodeType(code));
		}
		return client.operation().onInstance("ResearchSubject/" + subject + "-enrolment").named("$evaluate-response")
				.withParameters(in).execute();
	}

	private static ParametersParameterComponent result(Parameters out, String criteria) {
		return out.getParameter().stream().filter(p -> p.getName().equals("result"))
				.filter(p -> criteria.equals(part(p, "criteria").primitiveValue())).findFirst().orElseThrow();
	}

	private static Type part(ParametersParameterComponent parent, String name) {
		return parent.getPart().stream().filter(p -> p.getName().equals(name)).map(ParametersParameterComponent::getValue)
				.findFirst().orElse(null);
	}

	private static List<String> parts(ParametersParameterComponent parent, String name) {
		return parent.getPart().stream().filter(p -> p.getName().equals(name))
				.map(p -> p.getValue() instanceof Reference r ? r.getReference() : p.getValue().primitiveValue()).toList();
	}

	private static String response(ParametersParameterComponent parent) {
		Type value = part(parent, "response");
		return value == null ? null : ((CodeableConcept) value).getCodingFirstRep().getCode();
	}

	@Test
	void renalCompleteResponseWithEveryPart() {
		ParametersParameterComponent renal = result(evaluate("ln-cr", "ln-renal-response"), "ln-renal-response");
		assertThat(part(renal, "criteriaVersion").primitiveValue()).isEqualTo("1");
		CodeableConcept response = (CodeableConcept) part(renal, "response");
		assertThat(response.getCodingFirstRep().getSystem()).isEqualTo("http://msc-lupus.org/fhir/CodeSystem/response");
		assertThat(response.getCodingFirstRep().getCode()).isEqualTo("CR");
		assertThat(part(renal, "responseDate").primitiveValue()).isEqualTo("2026-03-07"); // PR at week 8
		assertThat(part(renal, "daysToResponse").primitiveValue()).isEqualTo("56");
		assertThat(part(renal, "daysToCompleteResponse").primitiveValue()).isEqualTo("168");
		assertThat(part(renal, "relapse")).isNull();

		List<ParametersParameterComponent> visits = renal.getPart().stream().filter(p -> p.getName().equals("visit")).toList();
		assertThat(visits).extracting(v -> part(v, "label").primitiveValue())
				.containsExactly("baseline", "week-4", "week-8", "week-16", "week-20", "week-24");
		assertThat(visits).extracting(EvaluateResponseIT::response)
				.containsExactly(null, "NR", "PR", "PR", "NE", "CR");
		assertThat(visits).extracting(v -> part(v, "date").primitiveValue())
				.containsExactly("2026-01-08", "2026-02-07", "2026-03-07", "2026-05-02", "2026-05-30", "2026-06-27");

		assertThat(parts(renal, "evidence")).containsExactly(
				"MedicationAdministration/ln-cr-infusion-1/_history/1",
				"MedicationStatement/ln-cr-gc-1/_history/1",
				"MedicationStatement/ln-cr-gc-2/_history/1",
				"Observation/ln-cr-serum-creatinine-2026-01-08/_history/1",
				"Observation/ln-cr-serum-creatinine-2026-02-07/_history/1",
				"Observation/ln-cr-serum-creatinine-2026-03-07/_history/1",
				"Observation/ln-cr-serum-creatinine-2026-05-02/_history/1",
				"Observation/ln-cr-serum-creatinine-2026-06-27/_history/1",
				"Observation/ln-cr-sledai-2k-2026-01-08/_history/1",
				"Observation/ln-cr-urine-protein-creatinine-ratio-2026-01-08/_history/1",
				"Observation/ln-cr-urine-protein-creatinine-ratio-2026-02-07/_history/1",
				"Observation/ln-cr-urine-protein-creatinine-ratio-2026-03-07/_history/1",
				"Observation/ln-cr-urine-protein-creatinine-ratio-2026-05-02/_history/1",
				"Observation/ln-cr-urine-protein-creatinine-ratio-2026-06-27/_history/1");
		assertThat(parts(renal, "missing")).isEmpty();
		assertThat(part(renal, "explanation").primitiveValue()).isEqualTo("CR at week-24: creatinine 0.9 mg/dL <= 1.2; "
				+ "UPCR 0.31 g/g < 0.5; prednisone-equivalent 7.5 mg/d on 2026-06-27 <= 10.");
		assertThat(renal.getPart().stream().filter(p -> p.getName().equals("threshold"))
				.collect(Collectors.toMap(t -> part(t, "name").primitiveValue(), t -> part(t, "value").primitiveValue())))
				.containsEntry("creatinineMaxMgPerDl", "1.2").containsEntry("prednisoneMaxMgPerDay", "10").hasSize(11);
	}

	@Test
	void defaultsToTheStudyCriteria() {
		Parameters out = evaluate("ln-cr");
		assertThat(out.getParameter()).extracting(p -> part(p, "criteria").primitiveValue())
				.containsExactly("ln-renal-response", "sri-4");
		assertThat(response(result(out, "sri-4"))).isEqualTo("R");
	}

	@Test
	void siUnitsAtTheBoundariesGiveNonResponse() {
		ParametersParameterComponent renal = result(evaluate("ln-si", "ln-renal-response"), "ln-renal-response");
		assertThat(response(renal)).isEqualTo("NR");
		assertThat(part(renal, "explanation").primitiveValue()).contains("creatinine 1.2 mg/dL <= 1.2")
				.contains("UPCR 0.5 g/g >= 0.5").contains("creatinine fell 20 %");
		assertThat(part(renal, "responseDate")).isNull();
	}

	@Test
	void missingProteinuriaIsNotEvaluableAndSaysWhy() {
		ParametersParameterComponent renal = result(evaluate("ln-control", "ln-renal-response"), "ln-renal-response");
		assertThat(response(renal)).isEqualTo("NE");
		assertThat(parts(renal, "missing")).containsExactly(
				"baseline proteinuria (UPCR or 24-hour urine protein) (day -30 to day 0)",
				"week-24 proteinuria (UPCR or 24-hour urine protein) (day 168 +/- 14)");
		// A control subject: day 0 is the enrolment date, so no infusion is evidence.
		assertThat(parts(renal, "evidence")).containsExactly("Observation/ln-control-serum-creatinine-2026-01-04/_history/1",
				"Observation/ln-control-serum-creatinine-2026-06-22/_history/1");
	}

	@Test
	void bilagResponseAndRelapse() {
		ParametersParameterComponent bilag = result(evaluate("sle-bilag", "bilag-mcr-pcr"), "bilag-mcr-pcr");
		assertThat(response(bilag)).isEqualTo("MCR");
		assertThat(part(bilag, "responseDate").primitiveValue()).isEqualTo("2026-07-12");
		assertThat(part(bilag, "daysToResponse").primitiveValue()).isEqualTo("183");
		assertThat(((BooleanType) part(bilag, "relapse")).booleanValue()).isTrue();
		assertThat(part(bilag, "relapseVisit").primitiveValue()).isEqualTo("month-9");
		assertThat(part(bilag, "relapseDate").primitiveValue()).isEqualTo("2026-10-11");
		assertThat(parts(bilag, "missing")).containsExactly("month-12 BILAG-2004 (day 365 +/- 30)");
	}

	@Test
	void changeFromBaselineHasOnePartPerMeasureAndNoResponse() {
		ParametersParameterComponent change = result(evaluate("ln-cr", "change-from-baseline"), "change-from-baseline");
		assertThat(part(change, "response")).isNull();
		ParametersParameterComponent week24 = change.getPart().stream()
				.filter(p -> p.getName().equals("visit") && part(p, "label").primitiveValue().equals("week-24"))
				.findFirst().orElseThrow();
		ParametersParameterComponent creatinine = week24.getPart().stream()
				.filter(p -> p.getName().equals("serum-creatinine")).findFirst().orElseThrow();
		assertThat(part(creatinine, "value").primitiveValue()).isEqualTo("0.9");
		assertThat(part(creatinine, "change").primitiveValue()).isEqualTo("-0.6");
		assertThat(part(creatinine, "percentChange").primitiveValue()).isEqualTo("-40");
		assertThat(week24.getPart()).extracting(ParametersParameterComponent::getName)
				.contains("sledai-2k", "bilag-2004", "pga", "urine-protein-creatinine-ratio", "glucocorticoid-dose");
	}

	@Test
	void persistStoresOneAssessmentAndProvenancePerResultOnlyOnce() {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		in.addParameter("criteria", new CodeType("ln-renal-response"));
		in.addParameter("persist", new BooleanType(true));
		Parameters first = client.operation().onInstance("ResearchSubject/ln-cr-enrolment").named("$evaluate-response")
				.withParameters(in).execute();
		Parameters second = client.operation().onInstance("ResearchSubject/ln-cr-enrolment").named("$evaluate-response")
				.withParameters(in).execute();
		List<String> assessments = parts(first.getParameterFirstRep(), "assessment");
		assertThat(assessments).hasSize(2);
		assertThat(parts(second.getParameterFirstRep(), "assessment")).isEqualTo(assessments);

		Observation stored = client.read().resource(Observation.class).withUrl(assessments.get(0)).execute();
		assertThat(stored.getMeta().getProfile()).extracting(p -> p.getValue())
				.contains("http://msc-lupus.org/fhir/StructureDefinition/response-assessment");
		assertThat(stored.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("CR");
		assertThat(stored.getFocusFirstRep().getReference()).isEqualTo("ResearchSubject/ln-cr-enrolment");
		assertThat(stored.getDerivedFrom()).extracting(Reference::getReference)
				.contains("Observation/ln-cr-serum-creatinine-2026-06-27/_history/1").hasSize(11);
		Provenance provenance = client.read().resource(Provenance.class).withUrl(assessments.get(1)).execute();
		assertThat(provenance.getEntity()).hasSize(14);
		assertThat(provenance.getExtensionByUrl(TrialCodes.EVALUATION_CRITERIA_EXTENSION).getExtension())
				.extracting(e -> e.getValue().primitiveValue())
				.contains("ln-renal-response", "1", "creatinineMaxMgPerDl=1.2", "prednisoneMaxMgPerDay=10");

		Bundle count = client.search().forResource(Observation.class)
				.where(Observation.CODE.exactly().systemAndCode(TrialCodes.LUPUS_TRIAL, "ln-renal-response"))
				.and(Observation.FOCUS.hasId("ResearchSubject/ln-cr-enrolment"))
				.summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
		assertThat(count.getTotal()).isEqualTo(1);
	}

	/**
	 * A client retrying a slow call while the first is still running, or two users at once: every call is answered
	 * with the same stored pair (they were 409s naming HAPI's client-assigned id constraint), and one pair is stored.
	 */
	@Test
	void persistSentSeveralTimesAtOnceStoresOnce() throws Exception {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		in.addParameter("criteria", new CodeType("sri-4"));
		in.addParameter("persist", new BooleanType(true));
		List<Parameters> answers = org.msclupus.fhir.support.AtOnce.run(6, () -> client.operation()
				.onInstance("ResearchSubject/ln-si-enrolment").named("$evaluate-response").withParameters(in).execute());
		List<String> assessments = parts(answers.get(0).getParameterFirstRep(), "assessment");
		assertThat(assessments).hasSize(2);
		assertThat(answers).allSatisfy(a -> assertThat(parts(a.getParameterFirstRep(), "assessment"))
				.isEqualTo(assessments));
		Bundle count = client.search().forResource(Observation.class)
				.where(Observation.CODE.exactly().systemAndCode(TrialCodes.LUPUS_TRIAL, "sri-4"))
				.and(Observation.FOCUS.hasId("ResearchSubject/ln-si-enrolment"))
				.summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
		assertThat(count.getTotal()).isEqualTo(1);
	}

	@Test
	void persistsChangeFromBaselineAndNotEvaluableResultsToo() {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		in.addParameter("criteria", new CodeType("change-from-baseline"));
		in.addParameter("criteria", new CodeType("sri-4"));
		in.addParameter("persist", new BooleanType(true));
		Parameters out = client.operation().onInstance("ResearchSubject/ln-control-enrolment")
				.named("$evaluate-response").withParameters(in).execute();
		for (ParametersParameterComponent result : out.getParameter()) {
			assertThat(parts(result, "assessment")).hasSize(2);
		}
	}

	@Test
	void unknownSubjectIs404() {
		assertThatThrownBy(() -> client.operation().onInstance("ResearchSubject/nobody").named("$evaluate-response")
				.withNoParameters(Parameters.class).execute()).isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void unknownCriteriaIs400ListingTheKnownCodes() {
		assertThatThrownBy(() -> evaluate("ln-cr", "sri-4", "sri-6"))
				.isInstanceOfSatisfying(InvalidRequestException.class, e -> {
					OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
					assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo("Unknown criteria code(s) sri-6; "
							+ "known codes: ln-renal-response, sri-4, bilag-mcr-pcr, change-from-baseline");
				});
	}

	@Test
	void worksWithHttpGet() {
		Parameters out = client.operation().onInstance("ResearchSubject/ln-cr-enrolment").named("$evaluate-response")
				.withParameter(Parameters.class, "criteria", new CodeType("sri-4"))
				.andParameter("asOf", new DateType("2026-06-01")).useHttpGet().execute();
		ParametersParameterComponent sri = out.getParameterFirstRep();
		assertThat(response(sri)).isEqualTo("NE"); // week 24 is not due on 2026-06-01
		assertThat(parts(sri, "missing")).contains("week-24 visit: not due until 2026-06-27 (evaluated as of 2026-06-01)");
	}

	@Test
	void theOperationDefinitionIsPublishedAndReferenced() {
		String canonical = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-subject";
		Bundle found = client.search().forResource(OperationDefinition.class)
				.where(OperationDefinition.URL.matches().value(canonical)).returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(1);
		OperationDefinition definition = (OperationDefinition) found.getEntryFirstRep().getResource();
		assertThat(definition.getCode()).isEqualTo("evaluate-response");
		assertThat(definition.getParameter()).filteredOn(p -> p.getUse() == OperationDefinition.OperationParameterUse.IN)
				.extracting(OperationDefinition.OperationDefinitionParameterComponent::getName)
				.containsExactly("criteria", "asOf", "persist", "verifiedOnly");

		CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(capabilities.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("ResearchSubject"))
				.flatExtracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getOperation)
				.filteredOn(o -> o.getName().equals("evaluate-response"))
				.extracting(o -> o.getDefinition()).containsExactly(canonical);
	}
}
