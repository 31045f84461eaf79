package org.msclupus.fhir.safety.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A serious adverse event must say why (issue 28): without a seriousness criterion it is refused with 422 naming
 * the rule, with R4's code as with THO's, and nothing is stored; with one it is stored and counted as serious.
 */
@H2ServerTest
class SeriousnessCriteriaIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 4, 1);

	@LocalServerPort
	int port;

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/"
				+ path)).header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@ValueSource(strings = {"Serious", "serious"})
	void aSeriousEventWithoutCriteriaIsRefusedAndOneWithCriteriaCounts(String code) throws Exception {
		String key = "sae-" + code.toLowerCase() + "-" + System.nanoTime();
		TrialRecords records = new TrialRecords();
		String study = records.study(key, "NCT0" + Math.abs(key.hashCode() % 10_000_000), "weeks-24",
				List.of("ln-renal-response"));
		TrialRecords.Subject subject = records.subject(key + "-s", study, "uc-msc", DAY0.minusDays(2));
		String infusion = subject.infusion(DAY0, 1);
		String event = subject.adverseEvent(study, "Pneumonia", DAY0.plusDays(20).atTime(10, 0), true, 3, infusion,
				"Possible");
		Bundle bundle = records.bundle();
		AdverseEvent serious = (AdverseEvent) bundle.getEntry().get(bundle.getEntry().size() - 1).getResource();
		serious.setSeriousness(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", code, null)));
		AdverseEvent withoutCriteria = serious.copy();
		withoutCriteria.getExtension().removeIf(e -> e.getUrl().equals(org.msclupus.fhir.design.TrialCodes.SERIOUSNESS_CRITERIA_EXTENSION));
		bundle.getEntry().get(bundle.getEntry().size() - 1).setResource(withoutCriteria);

		HttpResponse<String> refused = send("POST", "", FHIR.newJsonParser().encodeResourceToString(bundle));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("msc-serious-criteria");
		assertThat(send("GET", "ResearchStudy/" + key, null).statusCode()).as("nothing stored").isEqualTo(404);

		bundle.getEntry().get(bundle.getEntry().size() - 1).setResource(serious);
		assertThat(send("POST", "", FHIR.newJsonParser().encodeResourceToString(bundle)).statusCode()).isEqualTo(200);
		Parameters summary = FHIR.newJsonParser().parseResource(Parameters.class,
				send("GET", study + "/$safety-summary?asOf=" + DAY0.plusDays(60), null).body());
		ParametersParameterComponent seriousCount = summary.getParameter().stream()
				.filter(p -> p.getName().equals("adverseEvents"))
				.filter(p -> p.getPart().stream().anyMatch(x -> x.getName().equals("arm")
						&& "uc-msc".equals(x.getValue().primitiveValue())))
				.filter(p -> p.getPart().stream().anyMatch(x -> x.getName().equals("category")
						&& "serious".equals(x.getValue().primitiveValue())))
				.findFirst().orElseThrow();
		assertThat(seriousCount.getPart().stream().filter(x -> x.getName().equals("events")).findFirst()
				.orElseThrow().getValue().primitiveValue()).isEqualTo("1");
		// serious, possibly related to the infusion, and the study expects nothing: a candidate for expedited reporting
		ParametersParameterComponent candidate = summary.getParameter().stream()
				.filter(p -> p.getName().equals("susarCandidate")).findFirst().orElseThrow();
		assertThat(candidate.getPart()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("adverseEvent"))
				.anySatisfy(p -> assertThat(p.getValue().primitiveValue()).isEqualTo("Pneumonia"));
		assertThat(((org.hl7.fhir.r4.model.Reference) candidate.getPart().stream()
				.filter(p -> p.getName().equals("adverseEvent")).findFirst().orElseThrow().getValue()).getReference())
				.startsWith(event);

		// once the study lists pneumonia as expected, it is no candidate any more
		org.hl7.fhir.r4.model.ResearchStudy listed = FHIR.newJsonParser().parseResource(
				org.hl7.fhir.r4.model.ResearchStudy.class, send("GET", study, null).body());
		listed.addExtension(org.msclupus.fhir.design.TrialCodes.EXPECTED_ADVERSE_EVENT_EXTENSION,
				new CodeableConcept().setText("pneumonia"));
		assertThat(send("PUT", study, FHIR.newJsonParser().encodeResourceToString(listed)).statusCode()).isEqualTo(200);
		Parameters after = FHIR.newJsonParser().parseResource(Parameters.class,
				send("GET", study + "/$safety-summary?asOf=" + DAY0.plusDays(60), null).body());
		assertThat(after.getParameter()).noneMatch(p -> p.getName().equals("susarCandidate"));
	}
}
