package org.msclupus.fhir.response.operation;

import static org.assertj.core.api.Assertions.assertThat;

import org.msclupus.fhir.response.operation.ResultParameters;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.VisitResult;

/** The published OperationDefinition is the contract: every output part $evaluate-response writes is declared. */
class EvaluateResponseContractTest {

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

	private static String readQuietly(String path) {
		try {
			return Files.readString(Path.of(path));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
