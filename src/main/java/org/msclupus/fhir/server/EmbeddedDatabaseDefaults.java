package org.msclupus.fhir.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * When no {@code spring.datasource.url} is configured, points the server at the embedded H2 database file under
 * {@code msc.storage.data-dir}. The path is made absolute here because H2 refuses implicitly relative paths, and a
 * relative data directory ({@code MSC_STORAGE_DATA_DIR=data}) is what people naturally type.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

	static final String DATABASE_FILE_NAME = "msc-lupus-fhir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")) {
			return;
		}
		Path dataDir = Path.of(environment.getProperty("msc.storage.data-dir", "./data")).toAbsolutePath().normalize();
		// WRITE_DELAY=0: H2 writes each commit to its file before the commit returns. With its default (a
		// background write up to 0.5 s later), a killed process lost transactions it had already acknowledged
		// (CrashSafetyIT). Writes then happen on the committing thread, and an interrupt there (a pool shutting
		// down, a cancelled job) closes a plain file channel and with it the database for the whole JVM; the retry:
		// file system reopens the channel and repeats the operation instead.
		String url = "jdbc:h2:retry:" + dataDir.resolve(DATABASE_FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
		environment.getPropertySources().addLast(new MapPropertySource("msc-embedded-database", Map.of(
				"spring.datasource.url", url,
				"spring.datasource.username", "sa",
				"spring.datasource.password", "")));
	}
}
