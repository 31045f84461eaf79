package org.msclupus.fhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard as a SMART App Launch client (standalone launch, authorization code with PKCE) in headless Chromium
 * against a stand-in identity provider: the page goes to the authorization endpoint the server advertises, comes
 * back with a code, exchanges it with the PKCE verifier (the provider checks it against the S256 challenge), shows
 * only what the token allows (a site user sees its site's subjects), and writes the token to no storage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
	"msc.storage.data-dir=target/it-data/dashboard-login",
	"msc.security.enabled=true",
	"msc.security.issuer-uri=" + TestTokens.ISSUER
})
class DashboardLoginIT {

	static final String SITE_A = "Organization/login-site-a";
	static final String TOKEN = TestTokens.token("user/*.rs").site(SITE_A).subject("pi-site-a").build();
	static final Map<String, String> SEEN = new ConcurrentHashMap<>();
	static HttpServer provider;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) throws IOException {
		provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		provider.createContext("/authorize", DashboardLoginIT::authorize);
		provider.createContext("/token", DashboardLoginIT::token);
		provider.start();
		String base = "http://127.0.0.1:" + provider.getAddress().getPort();
		registry.add("msc.security.public-key-location", () -> "file:" + TestTokens.publicKeyPem());
		registry.add("msc.security.authorization-endpoint", () -> base + "/authorize");
		registry.add("msc.security.token-endpoint", () -> base + "/token");
	}

	@AfterAll
	static void stopProvider() {
		provider.stop(0);
	}

	static Map<String, String> form(String text) {
		Map<String, String> values = new HashMap<>();
		for (String pair : text == null ? new String[0] : text.split("&")) {
			String[] kv = pair.split("=", 2);
			values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
					kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
		}
		return values;
	}

	/** Approves at once: back to the redirect URI with a code, remembering the PKCE challenge. */
	static void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		SEEN.putAll(query);
		exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=the-code&state="
				+ query.get("state"));
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	/** The code for a token, only with the verifier whose SHA-256 is the challenge. */
	static void token(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
		Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String verifier = body.getOrDefault("code_verifier", "");
		String challenge;
		try {
			challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
					.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		boolean good = "authorization_code".equals(body.get("grant_type")) && "the-code".equals(body.get("code"))
				&& "msc-dashboard".equals(body.get("client_id")) && challenge.equals(SEEN.get("code_challenge"))
				&& body.get("redirect_uri") != null && body.get("redirect_uri").equals(SEEN.get("redirect_uri"));
		SEEN.put("token-request", good ? "good" : "bad: " + body);
		byte[] answer = (good ? "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
				: "{\"error\":\"invalid_grant\"}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(good ? 200 : 400, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	void load() {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhir.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token("system/*.cruds").build()));
		TrialRecords records = new TrialRecords();
		String study = records.study("login-trial", "NCT05555555", "weeks-24", List.of("ln-renal-response"));
		String siteA = records.site("login-site-a", "Site A");
		String siteB = records.site("login-site-b", "Site B");
		records.subject("login-a1", study, "uc-msc", LocalDate.of(2025, 1, 6), siteA);
		records.subject("login-a2", study, "control", LocalDate.of(2025, 1, 6), siteA);
		records.subject("login-b1", study, "uc-msc", LocalDate.of(2025, 1, 6), siteB);
		client.transaction().withBundle(records.bundle()).execute();
	}

	@Test
	void theDashboardLogsInWithPkceAndShowsOnlyWhatTheTokenAllows() {
		load();
		WebDriver browser = HeadlessChromium.start();
		try {
			browser.get("http://localhost:" + port + "/#/");
			// the page leaves for the identity provider and comes back: elements of the first load go stale
			new WebDriverWait(browser, Duration.ofSeconds(60))
					.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
				String state = d.findElement(By.id("main")).getAttribute("data-loaded");
				return "true".equals(state) || "error".equals(state);
			});
			String page = browser.findElement(By.id("main")).getText();
			assertThat(SEEN.get("token-request")).as(page).isEqualTo("good");
			assertThat(SEEN.get("code_challenge_method")).isEqualTo("S256");
			assertThat(SEEN.get("client_id")).isEqualTo("msc-dashboard");
			assertThat(SEEN.get("redirect_uri")).isEqualTo("http://localhost:" + port + "/");
			assertThat(browser.findElement(By.id("main")).getAttribute("data-loaded")).as(page).isEqualTo("true");
			assertThat(page).contains("login-site-a: 2").doesNotContain("login-site-b");
			assertThat(browser.getCurrentUrl()).doesNotContain("code=");
			Object stored = ((JavascriptExecutor) browser).executeScript(
					"return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
			assertThat(stored.toString()).doesNotContain(TOKEN.substring(0, 40));
		} finally {
			browser.quit();
		}
	}
}
