package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JDK 25 launcher's rules (scripts/run-with-aot-cache.sh, ADR 0023 and 0029), through its {@code --identity}: which
 * JVM options the server starts with, and what makes the launcher prepare a new AOT cache.
 */
class AotLauncherScriptTest {

	private static final Path SCRIPT = Path.of("scripts", "run-with-aot-cache.sh").toAbsolutePath();
	private static final String JDK_25_RELEASE = "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n";
	private static final FileTime BUILT = FileTime.from(Instant.parse("2026-12-01T10:00:00Z"));

	@TempDir
	Path directory;
	private Path jar;
	private Path java;

	@BeforeEach
	void aJarAndAJdk() throws IOException {
		jar = Files.writeString(directory.resolve("server.jar"), "not really a jar");
		Files.setLastModifiedTime(jar, BUILT);
		java = fakeJdk("jdk-25", JDK_25_RELEASE);
	}

	@ParameterizedTest(name = "JAVA_OPTS=\"{0}\" -> \"{1}\"")
	@CsvSource(delimiter = '|', value = {
			"                                  | -XX:+UseParallelGC",
			"-Xmx512m                          | -Xmx512m -XX:+UseParallelGC",
			"-Xmx512m -XX:+UseCompactObjectHeaders | -Xmx512m -XX:+UseCompactObjectHeaders -XX:+UseParallelGC",
			"-Xmx512m -XX:+UseStringDeduplication  | -Xmx512m -XX:+UseStringDeduplication -XX:+UseParallelGC",
			"-Xmx512m -XX:+UseG1GC             | -Xmx512m -XX:+UseG1GC",
			"-XX:+UseZGC                       | -XX:+UseZGC",
			"-XX:+UseSerialGC -Xmx1g           | -XX:+UseSerialGC -Xmx1g",
			"-XX:-UseParallelGC                | -XX:-UseParallelGC"})
	void theParallelCollectorIsAddedUnlessTheOptionsNameOne(String javaOptions, String expected) throws Exception {
		String identity = identity(javaOptions == null ? "" : javaOptions);

		assertThat(identity).endsWith(" " + expected);
	}

	@Test
	void theCacheIsTiedToTheJarsSizeAndTimeTheJdkAndTheOptions() throws Exception {
		String first = identity("-Xmx512m");

		assertThat(identity("-Xmx512m")).isEqualTo(first);
		assertThat(first).contains(String.valueOf(Files.size(jar))).contains("2026-12-01")
				.contains("IMPLEMENTOR=\"Eclipse Adoptium\" JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"");
		assertThat(identity("-Xmx1g")).isNotEqualTo(first);

		java = fakeJdk("jdk-25-newer", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.4+7-LTS\"\n");
		assertThat(identity("-Xmx512m")).isNotEqualTo(first).contains("25.0.4+7-LTS");
		java = fakeJdk("jdk-25", JDK_25_RELEASE);
		assertThat(identity("-Xmx512m")).isEqualTo(first);

		Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T10:00:01Z")));
		assertThat(identity("-Xmx512m")).isNotEqualTo(first);

		Files.setLastModifiedTime(jar, BUILT);
		Files.writeString(jar, "not really a jar, and longer");
		Files.setLastModifiedTime(jar, BUILT);
		assertThat(identity("-Xmx512m")).isNotEqualTo(first);
	}

	@Test
	void aJdkWithoutAReleaseFileIsKnownByItsVersionLineAlone() throws Exception {
		java = fakeJdk("jdk-without-release", null);

		assertThat(identity("-Xmx512m")).contains("openjdk version \"25.0.3\" 2026-04-21 LTS -Xmx512m")
				.doesNotContain("Picked up").doesNotContain("Started recording");
	}

	@Test
	void aMissingJarIsNamed() throws Exception {
		Result result = run(Map.of("MSC_JAR", directory.resolve("missing.jar").toString(), "JAVA", java.toString()));

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.error()).contains("no jar at " + directory.resolve("missing.jar"));
	}

	@Test
	void aMissingJavaIsNamed() throws Exception {
		Path nowhere = directory.resolve("no-jdk/bin/java");
		Result result = run(Map.of("MSC_JAR", jar.toString(), "JAVA", nowhere.toString()));

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.error()).contains("no java at " + nowhere);
	}

	private String identity(String javaOptions) throws Exception {
		Result result = run(Map.of("MSC_JAR", jar.toString(), "JAVA", java.toString(), "JAVA_OPTS", javaOptions));
		assertThat(result.exitCode()).as(result.error()).isZero();
		return result.output().strip();
	}

	private record Result(int exitCode, String output, String error) {
	}

	/**
	 * A JDK's layout with its {@code release} file (none when null) and a {@code bin/java} that answers
	 * {@code -version} as a JVM does when JAVA_TOOL_OPTIONS asks it to start a flight recording.
	 */
	private Path fakeJdk(String name, String release) throws IOException {
		Path home = directory.resolve(name);
		Path bin = Files.createDirectories(home.resolve("bin"));
		Files.deleteIfExists(home.resolve("release"));
		if (release != null) {
			Files.writeString(home.resolve("release"), release);
		}
		Path java = bin.resolve("java");
		Files.writeString(java, """
				#!/bin/sh
				echo 'Picked up JAVA_TOOL_OPTIONS: -XX:StartFlightRecording' >&2
				echo '[0.3s][info][jfr,startup] Started recording 1.' >&2
				echo 'openjdk version "25.0.3" 2026-04-21 LTS' >&2
				echo 'OpenJDK Runtime Environment Temurin-25.0.3+9 (build 25.0.3+9-LTS)' >&2
				""");
		assertThat(java.toFile().setExecutable(true)).isTrue();
		return java;
	}

	private Result run(Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--identity");
		builder.environment().remove("JAVA_OPTS");
		builder.environment().putAll(environment);
		builder.environment().put("MSC_AOT_DIR", directory.resolve("aot").toString());
		Process process = builder.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(),
				new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}
}
