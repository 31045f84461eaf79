package org.msclupus.fhir.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver (packages chromium, chromium-driver; .ci/run installs them), headless, with
 * the flags that keep it off the network. In CI their absence is a failure; elsewhere the test is skipped.
 */
public final class HeadlessChromium {

	private HeadlessChromium() {
	}

	public static WebDriver start() {
		boolean present = new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
		}
		assumeTrue(present, "Chromium and ChromeDriver are not installed");
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
				"--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,800");
		ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
		return new ChromeDriver(service, options);
	}
}
