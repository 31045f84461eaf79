package org.msclupus.fhir.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Makes every embedded H2 database durable. When no {@code spring.datasource.url} is configured, points the server at
 * the H2 file under {@code msc.storage.data-dir} (made absolute: H2 refuses implicitly relative paths, and a relative
 * data directory is what people naturally type). When an H2 file URL is configured, gives it the same durability
 * settings, and refuses to start when it asks for delayed writes.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

	static final String DATABASE_FILE_NAME = "msc-lupus-fhir";
	private static final String URL = "spring.datasource.url";
	/*
	 * WRITE_DELAY=0: H2 writes each commit to its file before the commit returns. With its default (a background
	 * write up to 0.5 s later), a killed process lost transactions it had already acknowledged (CrashSafetyIT).
	 * Writes then happen on the committing thread, and an interrupt there (a pool shutting down, a cancelled job)
	 * closes a plain file channel and with it the database for the whole JVM; the retry: file system reopens the
	 * channel and repeats the operation instead.
	 */
	private static final String DURABLE = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(URL);
		if (configured == null) {
			Path dataDir = Path.of(environment.getProperty("msc.storage.data-dir", "./data")).toAbsolutePath()
					.normalize();
			environment.getPropertySources().addLast(new MapPropertySource("msc-embedded-database", Map.of(
					URL, "jdbc:h2:retry:" + dataDir.resolve(DATABASE_FILE_NAME) + DURABLE,
					"spring.datasource.username", "sa",
					"spring.datasource.password", "")));
			return;
		}
		String durable = durable(configured);
		if (!durable.equals(configured)) {
			environment.getPropertySources().addFirst(new MapPropertySource("msc-durable-h2", Map.of(URL, durable)));
		}
	}

	/**
	 * The configured URL with H2's durability settings: an embedded H2 file database gets the retry: file system and
	 * {@code WRITE_DELAY=0}; other databases (PostgreSQL, in-memory or remote H2) are left as they are.
	 *
	 * @throws IllegalStateException when the URL sets a WRITE_DELAY other than 0
	 */
	static String durable(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:") || lower.startsWith("jdbc:h2:tcp:")
				|| lower.startsWith("jdbc:h2:ssl:")) {
			return url;
		}
		String[] parts = url.split(";");
		String location = parts[0].substring("jdbc:h2:".length());
		StringBuilder settings = new StringBuilder();
		boolean writeDelay = false;
		boolean closeOnExit = false;
		for (int i = 1; i < parts.length; i++) {
			String setting = parts[i].trim();
			if (setting.isEmpty()) {
				continue;
			}
			String name = setting.split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
			if (name.equals("WRITE_DELAY")) {
				String value = setting.contains("=") ? setting.split("=", 2)[1].trim() : "";
				if (!value.equals("0")) {
					throw new IllegalStateException("spring.datasource.url sets WRITE_DELAY=" + value + ": this server"
							+ " acknowledges a write only once it is on disk, and H2 would write it up to that many"
							+ " milliseconds later. Remove WRITE_DELAY from the URL, or set WRITE_DELAY=0.");
				}
				writeDelay = true;
			}
			closeOnExit |= name.equals("DB_CLOSE_ON_EXIT");
			settings.append(';').append(setting);
		}
		if (!closeOnExit) {
			settings.append(";DB_CLOSE_ON_EXIT=FALSE");
		}
		if (!writeDelay) {
			settings.append(";WRITE_DELAY=0");
		}
		String path = location.startsWith("retry:") ? location
				: "retry:" + (location.startsWith("file:") ? location.substring("file:".length()) : location);
		return "jdbc:h2:" + path + settings;
	}
}
