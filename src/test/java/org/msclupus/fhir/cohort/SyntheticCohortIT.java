package org.msclupus.fhir.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Synthetic studies pass validation on write and evaluate end to end at study level. */
@H2ServerTest
class SyntheticCohortIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;

	@Test
	void bothStudyShapesAreAcceptedAndEvaluated() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// A subject's transaction (about 90 resources, validated) can take seconds on a cold server.
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		int adverseEvents = 0;
		for (List<Bundle> study : List.of(SyntheticCohort.multicenterStudy("it-multicenter", 12, 5),
				SyntheticCohort.lupusNephritisTrial("it-ln", 10, 5))) {
			for (Bundle bundle : study) {
				client.transaction().withBundle(bundle).execute();
				adverseEvents += (int) bundle.getEntry().stream()
						.filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.AdverseEvent).count();
			}
		}
		Bundle storedEvents = client.search().forResource(org.hl7.fhir.r4.model.AdverseEvent.class)
				.where(new ca.uhn.fhir.rest.gclient.ReferenceClientParam("study").hasAnyOfIds(
						"ResearchStudy/it-multicenter", "ResearchStudy/it-ln"))
				.summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
		assertThat(adverseEvents).isPositive();
		assertThat(storedEvents.getTotal()).as("adverse events pass the trial profile and are stored").isEqualTo(adverseEvents);

		int summarised = 0;
		for (String study : List.of("it-multicenter", "it-ln")) {
			Parameters in = new Parameters();
			in.addParameter("asOf", new DateType("2040-12-31"));
			Parameters safety = client.operation().onInstance("ResearchStudy/" + study).named("$safety-summary")
					.withParameters(in).execute();
			ParametersParameterComponent any = safety.getParameter().stream()
					.filter(p -> p.getName().equals("adverseEvents") && "all".equals(part(p, "arm"))
							&& "any".equals(part(p, "dimension"))).findFirst().orElseThrow();
			summarised += Integer.parseInt(part(any, "events"));
			assertThat(safety.getParameter().stream().filter(p -> p.getName().equals("labAbnormalities")))
					.as("safety labs at baseline and visits").hasSizeGreaterThan(10);
		}
		assertThat(summarised).as("every adverse event is treatment-emergent and counted once").isEqualTo(adverseEvents);

		Map<String, Integer> multicenter = counts(client, "it-multicenter", "bilag-mcr-pcr");
		assertThat(multicenter.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
		assertThat(multicenter.get("MCR") + multicenter.get("PCR")).isPositive();

		Map<String, Integer> renal = counts(client, "it-ln", "ln-renal-response");
		assertThat(renal.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
		assertThat(renal.get("CR") + renal.get("PR")).isPositive();
	}

	/** Counts per category, all arms. */
	private static Map<String, Integer> counts(IGenericClient client, String study, String criteria) {
		Parameters in = new Parameters();
		in.addParameter("criteria", new CodeType(criteria));
		in.addParameter("asOf", new DateType("2026-11-01"));
		Parameters out = client.operation().onInstance("ResearchStudy/" + study).named("$evaluate-response")
				.withParameters(in).execute();
		List<ParametersParameterComponent> all = out.getParameter().stream()
				.filter(p -> p.getName().equals("summary") && value(p, "arm").equals("all")
						&& !value(p, "category").equals("relapse"))
				.toList();
		return all.stream().collect(Collectors.toMap(p -> value(p, "category"), p -> Integer.parseInt(value(p, "count"))));
	}

	private static String value(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow().getValue()
				.primitiveValue();
	}

	private static String part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(x -> x.getValue().primitiveValue())
				.findFirst().orElse(null);
	}
}
