package org.msclupus.fhir.response.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's worked example loads scripts/demo/response-cohort.json: it must stay the cohort the integration tests
 * check. Regenerate it with {@code ./mvnw test -Dtest=DemoCohortFileTest -Ddemo.write=true}.
 */
class DemoCohortFileTest {

	static final Path FILE = Path.of("scripts/demo/response-cohort.json");

	@Test
	void theDemoFileIsTheTestedCohort() throws IOException {
		String expected = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true)
				.encodeResourceToString(ResponseScenarios.cohort()) + "\n";
		if (Boolean.getBoolean("demo.write")) {
			Files.writeString(FILE, expected);
		}
		assertThat(Files.readString(FILE)).isEqualTo(expected);
	}
}
