package org.msclupus.fhir.server;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msclupus.fhir.support.H2ServerTest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract on the embedded default (H2 in a file), plus every Synthea EHR sample bundle as is. */
@H2ServerTest
class H2FhirServerIT extends AbstractFhirServerIT {

	static List<Path> ehrSampleBundles() throws IOException {
		try (Stream<Path> files = Files.list(EHR_SAMPLES)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
		}
	}

	@ParameterizedTest
	@MethodSource("ehrSampleBundles")
	void everyEhrSampleBundleIsAcceptedAsIs(Path bundle) throws Exception {
		Bundle sent = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(bundle));
		HttpResponse<String> response = send("POST", "", "application/fhir+json", Files.readString(bundle));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Bundle result = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
		assertThat(result.getEntry()).hasSameSizeAs(sent.getEntry())
				.allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
	}
}
