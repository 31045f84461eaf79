package org.msclupus.fhir.notification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.notification.Topic;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Server nodes started and stopped by a test, each on its own port, with quick retries, and a study to write to. */
final class NotificationNodes {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 4, 1);

	private NotificationNodes() {
	}

	/** A node with retries every second, looking for work five times a second. */
	static ConfigurableApplicationContext start(List<String> storage) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--msc.notifications.poll-interval=200ms",
				"--msc.notifications.retry-delays=1s"));
		arguments.addAll(storage);
		return new SpringApplicationBuilder(MscLupusFhirApplication.class).run(arguments.toArray(String[]::new));
	}

	static String base(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((ServletWebServerApplicationContext) node).getWebServer().getPort() + "/fhir/";
	}

	static HttpResponse<String> send(ConfigurableApplicationContext node, String method, String path, String body)
			throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(node) + path))
				.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A study with one subject; returns the study reference. */
	static String loadStudy(ConfigurableApplicationContext node, String key) throws Exception {
		TrialRecords records = new TrialRecords();
		String study = records.study(key, "NCT0" + Math.abs(key.hashCode() % 10_000_000), "weeks-24",
				List.of("ln-renal-response"));
		records.subject(key + "-s", study, "uc-msc", DAY0.minusDays(2)).infusion(DAY0, 1);
		HttpResponse<String> loaded = send(node, "POST", "", FHIR.newJsonParser().encodeResourceToString(records.bundle()));
		assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
		return study;
	}

	/** The subject's n-th serious adverse event, written on {@code node}; returns its reference. */
	static String seriousEvent(ConfigurableApplicationContext node, String key, String study, int n) throws Exception {
		TrialRecords records = new TrialRecords();
		TrialRecords.Subject subject = records.subject(key + "-s", study, "uc-msc", DAY0.minusDays(2));
		String event = null;
		for (int i = 1; i <= n; i++) {
			event = subject.adverseEvent(study, "Serious event " + i, DAY0.plusDays(10 + i).atTime(10, 0), true, 3,
					null, null);
		}
		Bundle only = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		only.addEntry(records.bundle().getEntry().get(records.bundle().getEntry().size() - 1));
		HttpResponse<String> written = send(node, "POST", "", FHIR.newJsonParser().encodeResourceToString(only));
		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		return event;
	}

	static String subscribe(ConfigurableApplicationContext node, String endpoint, String study) throws Exception {
		Subscription subscription = NotificationIT.subscription(Topic.SERIOUS_ADVERSE_EVENT, endpoint, null,
				"AdverseEvent?study=" + study);
		HttpResponse<String> created = send(node, "POST", "Subscription",
				FHIR.newJsonParser().encodeResourceToString(subscription));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return FHIR.newJsonParser().parseResource(Subscription.class, created.body()).getIdElement().getIdPart();
	}
}
