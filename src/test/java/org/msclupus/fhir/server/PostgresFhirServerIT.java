package org.msclupus.fhir.server;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.conformance.ConformanceInstaller;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.msclupus.fhir.conformance.DefinitionStoresMeet;
import org.msclupus.fhir.conformance.DefinitionsInRepository;
import org.msclupus.fhir.reliability.RacingConditionalCreates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.msclupus.fhir.security.TestTokens;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST contract on a real PostgreSQL 17 that the test starts itself (a new, empty database each run, so this
 * also proves schema creation from nothing), plus two more nodes started together on one new database, through
 * which eight feeds then race in their own orders.
 */
@Import(EmbeddedPostgresConfiguration.class)
class PostgresFhirServerIT extends AbstractFhirServerIT {

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	DataSource dataSource;

	/**
	 * Boots a server node with the environment that docker/compose.yaml gives its server container (postgres
	 * profile, MSC_DB_* variables), pointed at the given database of this test's PostgreSQL.
	 */
	private ConfigurableApplicationContext startNodeAsComposeDoes(String database) throws IOException {
		Map<String, Object> environment = new HashMap<>(composeServerEnvironment());
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres").containsKey("MSC_DB_HOST");
		environment.put("MSC_DB_HOST", "localhost");
		environment.put("MSC_DB_PORT", String.valueOf(postgres.getPort()));
		environment.put("MSC_DB_NAME", database);
		environment.put("MSC_DB_USER", "postgres");
		environment.put("MSC_DB_PASSWORD", "postgres");
		environment.put("SERVER_PORT", "0");
		// The compose file turns security on and reads the token key from docker/keys; here, the test's own key.
		assertThat(environment).containsKey("MSC_SECURITY_PUBLIC_KEY_LOCATION");
		environment.put("MSC_SECURITY_PUBLIC_KEY_LOCATION", "file:" + TestTokens.publicKeyPem());
		StandardEnvironment springEnvironment = new StandardEnvironment();
		springEnvironment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("compose", environment));
		return new SpringApplicationBuilder(MscLupusFhirApplication.class, DefinitionStoresMeet.InEachNode.class)
				.environment(springEnvironment).run();
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

	private static String baseUrlOf(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((ServletWebServerApplicationContext) node).getWebServer().getPort() + "/fhir";
	}

	private static IGenericClient clientFor(ConfigurableApplicationContext node) {
		int port = ((ServletWebServerApplicationContext) node).getWebServer().getPort();
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token("system/*.cruds").build()));
		return client;
	}

	/**
	 * Issue 30's race: the same Observations from eight clients each in its own order, as conditional creates and as
	 * conditional updates. Transactions sharing match URLs take turns on a node; a lost race is repeated on the
	 * server, and a lock time-out never costs a connection: no 5xx, no 409.
	 */
	@Test
	void clientsRacingInTheirOwnOrdersGetNoErrorAtAll() throws Exception {
		Map<Integer, Integer> statuses = RacingConditionalCreates.runInOwnOrders(baseUrl(), 8, 300).statuses();
		assertThat(statuses.keySet()).as("every transaction was answered 200 the first time: " + statuses)
				.containsExactly(200);
		statuses = RacingConditionalCreates.runConditionalUpdatesInOwnOrders(baseUrl(), 8, 300).statuses();
		assertThat(statuses.keySet()).as("every conditional update answered 200 the first time: " + statuses)
				.containsExactly(200);
	}

	/** Issue 16's race on PostgreSQL: a conditional create that loses to an identical one gets the winner. */
	@Test
	void clientsRacingWithTheSameBundlesGetTheWinnerNotAnError() throws Exception {
		Map<Integer, Integer> statuses = RacingConditionalCreates.run(baseUrl(), 8, 300).statuses();
		assertThat(statuses.keySet()).as("every transaction was answered 200 the first time: " + statuses)
				.containsExactly(200);
	}

	@Test
	void twoNodesStartedTogetherOnAnEmptyDatabaseShareOneStore() throws Exception {
		String database = "fresh_" + System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		ExecutorService starter = Executors.newFixedThreadPool(2);
		try {
			// Both nodes find no schema and try to create it at once; the schema lock makes them take turns.
			Future<ConfigurableApplicationContext> startingB = starter.submit(() -> startNodeAsComposeDoes(database));
			Future<ConfigurableApplicationContext> startingC = starter.submit(() -> startNodeAsComposeDoes(database));
			try (ConfigurableApplicationContext nodeB = startingB.get(5, TimeUnit.MINUTES);
					ConfigurableApplicationContext nodeC = startingC.get(5, TimeUnit.MINUTES)) {
				// As deployed by compose, a node refuses requests without a token.
				int portB = ((ServletWebServerApplicationContext) nodeB).getWebServer().getPort();
				assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
						"http://localhost:" + portB + "/fhir/Patient")).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
				IGenericClient clientB = clientFor(nodeB);
				IGenericClient clientC = clientFor(nodeC);

				// Both nodes stored the trial's definitions beside their first requests (ADR 0035), into one database
				// at the same moment (DefinitionStoresMeet): the loser, refused by HAPI (a second code system with
				// the same URL and version) reads again and finds them stored. Each ends stored, not failed, and the
				// repository holds one version of each.
				for (ConfigurableApplicationContext node : List.of(nodeB, nodeC)) {
					for (String installer : List.of("conformanceInstaller", "eligibilityLibraryInstaller")) {
						assertThat(node.getBean(installer, ConformanceInstaller.class)
								.awaitBackgroundStore(Duration.ofMinutes(2))).as(installer).isTrue();
					}
					assertThat(node.getBean("definitionsInRepository", DefinitionsInRepository.class).failure()).isEmpty();
					assertThat(node.getBean("definitionsInRepository", DefinitionsInRepository.class).isStored()).isTrue();
					assertThat(node.getBean("eligibilityLibrariesInRepository", DefinitionsInRepository.class).isStored())
							.isTrue();
				}
				for (MetadataResource definition : nodeB.getBean(ConformanceResources.class).all()) {
					String id = definition.fhirType() + "/" + definition.getIdElement().getIdPart();
					Bundle versions = clientC.history().onInstance(id).returnBundle(Bundle.class).execute();
					assertThat(versions.getEntry()).as(id).hasSize(1);
				}

				String mrnB = unique();
				IIdType writtenOnB = clientB.create().resource(patient(mrnB)).execute().getId().toUnqualifiedVersionless();
				Patient readOnC = clientC.read().resource(Patient.class).withId(writtenOnB).execute();
				assertThat(readOnC.getIdentifierFirstRep().getValue()).isEqualTo(mrnB);

				IIdType writtenOnC = clientC.create().resource(patient(unique())).execute().getId().toUnqualifiedVersionless();
				assertThat(writtenOnC.getIdPart()).isNotEqualTo(writtenOnB.getIdPart());

				// An update on C is seen by B at once, and B's stale copy can no longer overwrite it.
				Patient staleOnB = clientB.read().resource(Patient.class).withId(writtenOnB).execute();
				Patient onC = clientC.read().resource(Patient.class).withId(writtenOnB).execute();
				clientC.update().resource(onC.setActive(true)).execute();
				Patient nowOnB = clientB.read().resource(Patient.class).withId(writtenOnB).execute();
				assertThat(nowOnB.getActive()).isTrue();
				assertThat(nowOnB.getMeta().getVersionId()).isEqualTo("2");
				assertThatThrownBy(() -> clientB.update().resource(staleOnB.setActive(false)).execute())
						.isInstanceOfSatisfying(BaseServerResponseException.class,
								e -> assertThat(e.getStatusCode()).isIn(409, 412));

				// Feeds racing in their own orders through both nodes: the match-URL locks order each node's own
				// requests only; across nodes PostgreSQL waits, detects deadlocks, and the loser is repeated.
				RacingConditionalCreates.Outcome race = RacingConditionalCreates.runInOwnOrdersAcrossNodes(
						List.of(baseUrlOf(nodeB), baseUrlOf(nodeC)),
						"Bearer " + TestTokens.token("system/*.cruds").build(), 8, 300);
				assertThat(race.statuses().keySet()).as("every transaction answered 200 the first time: " + race)
						.containsExactly(200);
			}
		} finally {
			starter.shutdownNow();
		}
	}
}
