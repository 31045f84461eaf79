package org.msclupus.fhir.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Replays the corpus of hostile and broken requests in src/test/resources/hostile-requests/corpus.json (written by
 * generate.py next to it): every case expected to fail gets a 4xx with an OperationOutcome, none a 5xx, the server
 * stays up, and nothing is stored. Injection strings in free-text fields are data: they are stored and come back
 * unchanged.
 */
@H2ServerTest
class HostileRequestsIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	record Answer(int status, String contentType, String body) {
	}

	Answer replay(JsonNode c) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"
				+ c.path("path").asText())).timeout(Duration.ofSeconds(120));
		c.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		if (c.has("body")) {
			body = HttpRequest.BodyPublishers.ofString(c.path("body").asText());
		} else if (c.has("bodyBase64")) {
			body = HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(c.path("bodyBase64").asText()));
		} else if (c.has("bodyRepeat")) {
			JsonNode r = c.path("bodyRepeat");
			body = HttpRequest.BodyPublishers.ofString(r.path("prefix").asText()
					+ r.path("unit").asText().repeat(r.path("times").asInt()) + r.path("suffix").asText());
		}
		request.method(c.path("method").asText(), body);
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}

	int versionsSince(java.time.Instant since) throws Exception {
		return SystemHistory.versionsSince(http, "http://localhost:" + port + "/fhir", since);
	}

	boolean serverUp() throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata?_summary=true"))
				.build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
	}

	static boolean isOperationOutcome(Answer answer) {
		try {
			IBaseResource parsed = answer.contentType().contains("xml")
					? FHIR.newXmlParser().parseResource(answer.body())
					: FHIR.newJsonParser().parseResource(answer.body());
			return parsed instanceof OperationOutcome outcome && outcome.hasIssue();
		} catch (RuntimeException e) {
			return false;
		}
	}

	static JsonNode corpus() throws Exception {
		try (InputStream in = HostileRequestsIT.class.getResourceAsStream("/hostile-requests/corpus.json")) {
			return new ObjectMapper().readTree(in);
		}
	}

	@Test
	void everyHostileRequestIsRefusedWithA4xxAndNothingIsStored() throws Exception {
		JsonNode corpus = corpus();
		java.time.Instant start = java.time.Instant.now().minusMillis(5);
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> byStatus = new TreeMap<>();
		int replayed = 0;
		for (JsonNode c : corpus) {
			if (!c.path("expect").asText().equals("4xx")) {
				continue;
			}
			Answer answer = replay(c);
			replayed++;
			byStatus.merge(answer.status(), 1, Integer::sum);
			if (answer.status() < 400 || answer.status() > 499) {
				failures.add(c.path("id").asText() + ": " + answer.status() + " " + abbreviate(answer.body()));
			} else if (!isOperationOutcome(answer)) {
				failures.add(c.path("id").asText() + ": " + answer.status() + " without an OperationOutcome: "
						+ abbreviate(answer.body()));
			}
			if (replayed % 50 == 0) {
				assertThat(serverUp()).as("server up after " + replayed + " cases").isTrue();
			}
		}
		System.out.println("Hostile requests: " + replayed + " replayed, responses by status " + byStatus);
		assertThat(failures).isEmpty();
		assertThat(replayed).isGreaterThanOrEqualTo(200);
		assertThat(serverUp()).isTrue();
		assertThat(versionsSince(start)).as("nothing stored, not even in part").isZero();
	}

	@Test
	void injectionStringsInFreeTextAreStoredAndReturnedUnchanged() throws Exception {
		for (JsonNode c : corpus()) {
			if (!c.path("expect").asText().equals("verbatim")) {
				continue;
			}
			String expected = new ObjectMapper().readTree(c.path("body").asText()).path("name").get(0).path("family")
					.asText();
			Answer created = replay(c);
			assertThat(created.status()).as(c.path("id").asText()).isEqualTo(201);
			Patient stored = FHIR.newJsonParser().parseResource(Patient.class, created.body());
			assertThat(stored.getNameFirstRep().getFamily()).isEqualTo(expected);
			HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
					+ "/fhir/Patient?identifier=" + URLEncoder.encode("urn:hostile-data|" + expected, StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(found.statusCode()).isEqualTo(200);
			Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, found.body());
			assertThat(bundle.getEntry()).extracting(e -> ((Patient) e.getResource()).getNameFirstRep().getFamily())
					.contains(expected);
		}
		assertThat(serverUp()).isTrue();
	}

	static String abbreviate(String body) {
		String oneLine = body.replaceAll("\\s+", " ");
		return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
	}
}
