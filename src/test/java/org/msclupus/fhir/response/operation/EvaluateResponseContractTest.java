package org.msclupus.fhir.response.operation;

import org.msclupus.fhir.response.operation.ResultParameters;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.VisitResult;

/** The published OperationDefinition is the contract: the provider must take exactly its input parameters. */
class EvaluateResponseContractTest {

	@org.junit.jupiter.params.ParameterizedTest(name = "{1}")
	@org.junit.jupiter.params.provider.CsvSource({
		"org.msclupus.fhir.response.operation.EvaluateResponseProvider, evaluate-response-subject, ResearchSubject",
		"org.msclupus.fhir.study.operation.StudyEvaluateResponseProvider, evaluate-response-study, ResearchStudy",
		"org.msclupus.fhir.study.operation.StudyEvaluationStatusProvider, evaluate-response-status, ",
		"org.msclupus.fhir.safety.operation.SafetySummaryProvider, safety-summary, ResearchStudy",
		"org.msclupus.fhir.eligibility.operation.CheckEligibilityProvider, check-eligibility, Patient",
		"org.msclupus.fhir.pooling.operation.MetaAnalysisProvider, meta-analysis, ResearchStudy",
		"org.msclupus.fhir.visits.operation.VisitComplianceProvider, visit-compliance, ResearchStudy",
		"org.msclupus.fhir.cdisc.operation.CdiscExportProvider, cdisc-export, ResearchStudy",
		"org.msclupus.fhir.cdisc.operation.CdiscExportStatusProvider, cdisc-export-status, "})
	void providerParametersMatchTheOperationDefinition(String provider, String definitionId, String resourceType)
			throws Exception {
		OperationDefinition definition = FhirContext.forR4Cached().newJsonParser().parseResource(OperationDefinition.class,
				Files.readString(Path.of("profiles/generated/OperationDefinition-" + definitionId + ".json")));
		Method method = Arrays.stream(Class.forName(provider).getMethods())
				.filter(m -> m.isAnnotationPresent(Operation.class)).findFirst().orElseThrow();
		Operation operation = method.getAnnotation(Operation.class);
		assertThat(operation.name()).isEqualTo("$" + definition.getCode());
		assertThat(operation.canonicalUrl()).isEqualTo(definition.getUrl());
		if (resourceType == null) {
			assertThat(definition.getSystem()).as("a system-level operation").isTrue();
			assertThat(definition.getResource()).isEmpty();
		} else {
			assertThat(definition.getResource()).extracting(r -> r.getValue()).containsExactly(resourceType);
		}

		List<String> declared = definition.getParameter().stream().filter(p -> p.getUse() == OperationParameterUse.IN)
				.map(p -> p.getName() + " " + p.getMin() + ".." + p.getMax() + " " + p.getType()).toList();
		List<String> implemented = Arrays.stream(method.getParameters())
				.filter(p -> p.isAnnotationPresent(OperationParam.class)).map(EvaluateResponseContractTest::describe)
				.toList();
		assertThat(implemented).isEqualTo(declared);
	}

	@Test
	void everyOutputPartTheProviderWritesIsDeclared() {
		OperationDefinition definition = FhirContext.forR4Cached().newJsonParser().parseResource(OperationDefinition.class,
				readQuietly("profiles/generated/OperationDefinition-evaluate-response-subject.json"));
		List<String> declared = definition.getParameter().stream().filter(p -> p.getName().equals("result"))
				.flatMap(p -> p.getPart().stream()).map(OperationDefinitionParameterComponent::getName).toList();
		CriteriaResult full = new CriteriaResult("bilag-mcr-pcr", "1", java.util.Map.of("visitWindowDays", 30),
				Response.MCR, java.time.LocalDate.EPOCH, 91, 168, true, "month-9", java.time.LocalDate.EPOCH,
				List.of(new VisitResult("month-1", java.time.LocalDate.EPOCH, Response.NR, List.of())),
				new java.util.TreeSet<>(List.of("Observation/1/_history/1")), List.of("missing"), List.of("ignored"),
				"explanation");
		List<String> written = ResultParameters.toParameter(full, List.of("Observation/ra-1/_history/1")).getPart()
				.stream().map(Parameters.ParametersParameterComponent::getName).distinct().toList();
		assertThat(declared).containsAll(written);
		assertThat(written).containsAll(declared);
	}

	private static String describe(Parameter parameter) {
		OperationParam p = parameter.getAnnotation(OperationParam.class);
		String max = p.max() == OperationParam.MAX_UNLIMITED ? "*" : String.valueOf(p.max());
		// A parameter made of parts has no type, in the annotation ("") as in the definition (null).
		return p.name() + " " + p.min() + ".." + max + " " + (p.typeName().isEmpty() ? null : p.typeName());
	}

	private static String readQuietly(String path) {
		try {
			return Files.readString(Path.of(path));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
