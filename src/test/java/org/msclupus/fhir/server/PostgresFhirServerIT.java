package org.msclupus.fhir.server;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST contract on a real PostgreSQL 17 that the test starts itself (a new, empty database each run, so this
 * also proves schema creation from nothing), plus a second server node on the same database.
 */
@Import(EmbeddedPostgresConfiguration.class)
class PostgresFhirServerIT extends AbstractFhirServerIT {

	@Autowired
	EmbeddedPostgres postgres;

	/**
	 * Boots a second server with the environment that docker/compose.yaml gives its server container (postgres
	 * profile, MSC_DB_* variables), pointed at this test's PostgreSQL instead of the compose database.
	 */
	private ConfigurableApplicationContext startNodeAsComposeDoes() throws IOException {
		Map<String, Object> environment = new HashMap<>(composeServerEnvironment());
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres").containsKey("MSC_DB_HOST");
		environment.put("MSC_DB_HOST", "localhost");
		environment.put("MSC_DB_PORT", String.valueOf(postgres.getPort()));
		environment.put("MSC_DB_NAME", "postgres");
		environment.put("MSC_DB_USER", "postgres");
		environment.put("MSC_DB_PASSWORD", "postgres");
		environment.put("SERVER_PORT", "0");
		StandardEnvironment springEnvironment = new StandardEnvironment();
		springEnvironment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("compose", environment));
		return new SpringApplicationBuilder(MscLupusFhirApplication.class).environment(springEnvironment).run();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> composeServerEnvironment() throws IOException {
		try (var in = Files.newInputStream(Path.of("docker/compose.yaml"))) {
			Map<String, Object> compose = new Yaml().load(in);
			Map<String, Object> server = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("server");
			Map<String, Object> environment = new HashMap<>();
			// Compose substitutes ${NAME:-default}; with nothing set in the shell, the default applies.
			((Map<String, Object>) server.get("environment")).forEach((key, value) ->
					environment.put(key, String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
			return environment;
		}
	}

	@Test
	void twoNodesOnOnePostgresSeeEachOthersWrites() throws IOException {
		try (ConfigurableApplicationContext secondNode = startNodeAsComposeDoes()) {
			int secondPort = ((ServletWebServerApplicationContext) secondNode).getWebServer().getPort();
			IGenericClient nodeB = FHIR.newRestfulGenericClient("http://localhost:" + secondPort + "/fhir");

			String mrnA = unique();
			IIdType writtenOnA = client.create().resource(patient(mrnA)).execute().getId().toUnqualifiedVersionless();
			Patient readOnB = nodeB.read().resource(Patient.class).withId(writtenOnA).execute();
			assertThat(readOnB.getIdentifierFirstRep().getValue()).isEqualTo(mrnA);

			String mrnB = unique();
			IIdType writtenOnB = nodeB.create().resource(patient(mrnB)).execute().getId().toUnqualifiedVersionless();
			assertThat(writtenOnB.getIdPart()).isNotEqualTo(writtenOnA.getIdPart());
			assertThat(countPatientsWithMrn(mrnB)).isEqualTo(1);

			// An update on B is seen by A, and A's stale copy can no longer overwrite it.
			Patient onB = nodeB.read().resource(Patient.class).withId(writtenOnA).execute();
			nodeB.update().resource(onB.setActive(true)).execute();
			Patient onA = client.read().resource(Patient.class).withId(writtenOnA).execute();
			assertThat(onA.getActive()).isTrue();
			assertThat(onA.getMeta().getVersionId()).isEqualTo("2");
		}
	}
}
