package org.msclupus.fhir.notification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.support.NotificationReceiver;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Notifications survive an outage of the receiver and a restart of the server (issue 29): three serious adverse
 * events recorded while the receiver is down all arrive, once each and in order, when it is back after the server
 * restarted; $events returns them by number.
 */
class NotificationDurabilityIT {

	@Test
	void eventsRecordedWhileTheReceiverIsDownArriveAfterARestart(@TempDir Path data) throws Exception {
		List<String> storage = List.of("--msc.storage.data-dir=" + data);
		String key = "outage-" + System.nanoTime() % 1_000_000;
		try (NotificationReceiver receiver = NotificationReceiver.down()) {
			String subscription;
			try (ConfigurableApplicationContext node = NotificationNodes.start(storage)) {
				String study = NotificationNodes.loadStudy(node, key);
				subscription = NotificationNodes.subscribe(node, receiver.endpoint(), study);
				Thread.sleep(2500);
				for (int n = 1; n <= 3; n++) {
					NotificationNodes.seriousEvent(node, key, study, n);
				}
				Thread.sleep(5000); // several attempts fail while nobody listens
				Parameters status = (Parameters) NotificationNodes.FHIR.newJsonParser().parseResource(Bundle.class,
						NotificationNodes.send(node, "GET", "Subscription/" + subscription + "/$status", null).body())
						.getEntryFirstRep().getResource();
				assertThat(value(status, "status")).as("failing deliveries show as error").isEqualTo("error");
				assertThat(value(status, "events-since-subscription-start")).isEqualTo("3");
			}
			receiver.listen();
			try (ConfigurableApplicationContext restarted = NotificationNodes.start(storage)) {
				receiver.await(Duration.ofSeconds(60), r -> r.size() >= 3);
				Thread.sleep(2000); // nothing more comes
				assertThat(receiver.ofType("event-notification")).extracting(r -> r.eventNumbers().get(0))
						.containsExactly("1", "2", "3");

				Bundle events = NotificationNodes.FHIR.newJsonParser().parseResource(Bundle.class,
						NotificationNodes.send(restarted, "GET", "Subscription/" + subscription
								+ "/$events?eventsSinceNumber=2", null).body());
				Parameters status = (Parameters) events.getEntryFirstRep().getResource();
				assertThat(status.getParameter()).filteredOn(p -> p.getName().equals("notification-event"))
						.extracting(p -> p.getPart().get(0).getValue().primitiveValue()).containsExactly("2", "3");
				Parameters now = (Parameters) NotificationNodes.FHIR.newJsonParser().parseResource(Bundle.class,
						NotificationNodes.send(restarted, "GET", "Subscription/" + subscription + "/$status", null)
								.body()).getEntryFirstRep().getResource();
				assertThat(value(now, "status")).isEqualTo("active");
			}
		}
	}

	static String value(Parameters parameters, String name) {
		return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
				.map(p -> p.getValue().primitiveValue()).orElse(null);
	}
}
