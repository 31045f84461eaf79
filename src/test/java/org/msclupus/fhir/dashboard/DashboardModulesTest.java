package org.msclupus.fhir.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's modules: Node's own test runner on the Parameters decoding and the bounded concurrency
 * ({@code src/test/js}), and the shape of the code (small modules, each type-annotated for {@code // @ts-check}).
 * The views themselves are tested in Chromium ({@link DashboardIT}).
 */
class DashboardModulesTest {

	static final Path MODULES = Path.of("src/main/resources/static/dashboard");

	@Test
	void nodesTestRunnerPassesTheModulesTests() throws Exception {
		boolean present = nodeAvailable();
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must have Node.js (it runs SUSHI, see .ci/run)");
		}
		assumeTrue(present, "Node.js is not installed");
		Process node = new ProcessBuilder("node", "--test", "src/test/js/").redirectErrorStream(true).start();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as(output).isZero();
		assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
	}

	/**
	 * The TypeScript compiler (pinned in src/test/js/package.json, installed by .ci/run) checks every module's JSDoc
	 * types, as {@code // @ts-check} asks an editor to.
	 */
	@Test
	void theModulesTypeCheck() throws Exception {
		Path tsc = Path.of("src/test/js/node_modules/.bin/tsc");
		boolean present = nodeAvailable() && Files.isExecutable(tsc);
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must install the type checker: (cd src/test/js && npm ci), see .ci/run");
		}
		assumeTrue(present, "TypeScript is not installed: (cd src/test/js && npm ci)");
		Process check = new ProcessBuilder(tsc.toString(), "-p", "src/test/js/tsconfig.json").redirectErrorStream(true)
				.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
	}

	@Test
	void everyModuleIsSmallAndTypeChecked() throws IOException {
		List<Path> modules;
		try (Stream<Path> files = Files.walk(MODULES)) {
			modules = files.filter(f -> f.toString().endsWith(".js")).toList();
		}
		assertThat(modules).hasSizeGreaterThan(8);
		for (Path module : modules) {
			List<String> lines = Files.readAllLines(module);
			assertThat(lines.size()).as("%s lines", module).isLessThanOrEqualTo(250);
			assertThat(lines.get(0)).as(module.toString()).isEqualTo("// @ts-check");
		}
	}

	private static boolean nodeAvailable() {
		try {
			Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
		} catch (IOException | InterruptedException e) {
			return false;
		}
	}
}
