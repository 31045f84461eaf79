package org.msclupus.fhir.dashboard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.SyntheticCohort;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard on a generated lupus nephritis trial of N subjects ({@code -Dbench.subjects}, default 1000) on the
 * embedded H2, in headless Chromium: for each view of the study, the time from navigation until the page is
 * interactive (its controls respond: DOMContentLoaded) and until the operation's numbers are drawn, three times.
 * Run it with {@code ./mvnw -Pbench verify -Dit.test=DashboardBenchmark}.
 */
class DashboardBenchmark {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void studyViews(@TempDir Path dataDir) {
		int subjects = Integer.getInteger("bench.subjects", 1000);
		List<String> args = List.of("--server.port=0", "--msc.storage.data-dir=" + dataDir,
				"--logging.level.root=WARN", "--msc.conformance.validate-on-write=false");
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MscLupusFhirApplication.class)
				.run(args.toArray(String[]::new))) {
			FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
			FHIR.getRestfulClientFactory().setSocketTimeout(1_800_000);
			int port = ((ServletWebServerApplicationContext) server).getWebServer().getPort();
			IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
			for (Bundle bundle : SyntheticCohort.lupusNephritisTrial("bench-dash", subjects, 11)) {
				client.transaction().withBundle(bundle).execute();
			}
			operationTimes(port);
			ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
					"--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
					"--window-size=1280,800");
			WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
					.usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
			try {
				System.out.printf("%nBENCHMARK dashboard on H2, %d subjects (lupus nephritis trial)%n", subjects);
				for (String tab : List.of("response", "time", "trajectories", "safety", "visits")) {
					StringBuilder line = new StringBuilder();
					for (int run = 0; run < 3; run++) {
						browser.get("about:blank");
						long start = System.nanoTime();
						browser.get("http://localhost:" + port + "/#/study/bench-dash?tab=" + tab);
						double interactive = (System.nanoTime() - start) / 1e9; // get() returns after DOMContentLoaded
						new WebDriverWait(browser, Duration.ofMinutes(5)).until(d -> !"false".equals(
								d.findElement(By.id("main")).getAttribute("data-loaded"))
								&& d.findElement(By.id("main")).getAttribute("data-loaded") != null);
						double drawn = (System.nanoTime() - start) / 1e9;
						Object navigation = ((JavascriptExecutor) browser).executeScript(
								"return performance.getEntriesByType('navigation')[0].domInteractive");
						line.append(String.format(" run %d: interactive %.2f s (domInteractive %.0f ms), drawn %.1f s;",
								run + 1, interactive, ((Number) navigation).doubleValue(), drawn));
					}
					System.out.printf("BENCHMARK   %-13s%s%n", tab, line);
				}
			} finally {
				browser.quit();
			}
		}
	}

	/**
	 * The two study operations behind the dashboard's views, called directly over HTTP one after the other (three
	 * calls each to warm up, then nine each, alternating), so that their server times compare within one run: issue
	 * 30 asks that {@code $safety-summary} be no slower than {@code $evaluate-response} of the same study. With one
	 * warm-up call and five timed ones, the JIT still compiling either operation's code decided the comparison.
	 */
	static void operationTimes(int port) {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		Map<String, List<Double>> times = new LinkedHashMap<>();
		int warmUp = 3;
		for (int run = 0; run < warmUp + 9; run++) {
			// The response view's question: the study's two criteria sets.
			for (String operation : List.of("$evaluate-response?criteria=ln-renal-response&criteria=sri-4",
					"$safety-summary")) {
				long start = System.nanoTime();
				try {
					java.net.http.HttpResponse<byte[]> response = http.send(java.net.http.HttpRequest.newBuilder(
									java.net.URI.create("http://localhost:" + port + "/fhir/ResearchStudy/bench-dash/"
											+ operation)).timeout(Duration.ofMinutes(10)).build(),
							java.net.http.HttpResponse.BodyHandlers.ofByteArray());
					if (response.statusCode() != 200) {
						throw new IllegalStateException(operation + " answered " + response.statusCode() + ": "
								+ new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
					}
				} catch (java.io.IOException e) {
					throw new java.io.UncheckedIOException(e);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(e);
				}
				if (run >= warmUp) {
					times.computeIfAbsent(operation, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
				}
			}
		}
		times.forEach((operation, seconds) -> {
			List<Double> sorted = seconds.stream().sorted().toList();
			System.out.printf("BENCHMARK   %-62s median %.2f s (min %.2f, max %.2f; %s)%n", operation,
					sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), seconds.stream()
							.map(t -> String.format("%.2f", t)).collect(java.util.stream.Collectors.joining(", ")));
		});
	}
}
