package org.msclupus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps its data in a file: what was written before a restart is there after it, and start-up
 * work that stores resources (the trial definitions) does not repeat itself.
 */
class H2RestartIT {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(MscLupusFhirApplication.class)
				.run("--server.port=0", "--msc.storage.data-dir=" + dataDir);
	}

	private static IGenericClient clientFor(ConfigurableApplicationContext context) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
		return FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
	}

	@Test
	void dataSurvivesARestartOnTheSameFile(@TempDir Path dataDir) {
		IIdType id;
		try (ConfigurableApplicationContext first = start(dataDir)) {
			Patient patient = new Patient();
			patient.addIdentifier().setSystem("http://hospital.example.org/mrn").setValue("restart-1");
			id = clientFor(first).create().resource(patient).execute().getId().toUnqualifiedVersionless();
		}
		assertThat(Files.exists(dataDir.resolve(EmbeddedDatabaseDefaults.DATABASE_FILE_NAME + ".mv.db"))).isTrue();

		try (ConfigurableApplicationContext second = start(dataDir)) {
			Patient read = clientFor(second).read().resource(Patient.class).withId(id).execute();
			assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("restart-1");
			// The trial definitions stored at the first start are not stored again: still version 1.
			StructureDefinition sledai = clientFor(second).read().resource(StructureDefinition.class).withId("sledai-2k").execute();
			assertThat(sledai.getMeta().getVersionId()).isEqualTo("1");
		}
	}
}
