package org.msclupus.fhir.notification.operation;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.notification.PayloadContent;
import org.msclupus.fhir.notification.SubscriptionFilter;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.msclupus.fhir.notification.Topic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One rest-hook POST against a real local HTTP endpoint, and the client made only when something is sent. */
class RestHookSenderTest {

	private HttpServer endpoint;
	private final List<String> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startEndpoint() throws IOException {
		endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		endpoint.createContext("/hook", exchange -> {
			received.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		endpoint.createContext("/failing", exchange -> {
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		endpoint.createContext("/moved", exchange -> {
			exchange.getResponseHeaders().add("Location", "/hook");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		endpoint.start();
	}

	@AfterEach
	void stopEndpoint() {
		endpoint.stop(0);
	}

	@Test
	void makesNoHttpClientUntilTheFirstNotification() {
		Set<String> before = httpClientThreads();
		RestHookSender sender = new RestHookSender(Duration.ofSeconds(5));
		assertThat(httpClientThreads()).isSubsetOf(before);

		RestHookSender.Result result = sender.send(subscription("/hook"), "{}");

		assertThat(result.delivered()).isTrue();
		assertThat(httpClientThreads()).isNotEmpty().isNotEqualTo(before);
	}

	@Test
	void deliversTheBodyWithTheSubscriptionsHeaders() {
		RestHookSender.Result result = new RestHookSender(Duration.ofSeconds(5))
				.send(subscription("/hook"), "{\"resourceType\":\"Bundle\"}");

		assertThat(result).isEqualTo(new RestHookSender.Result(true, 200, null));
		assertThat(received).containsExactly("Bearer secret {\"resourceType\":\"Bundle\"}");
	}

	@Test
	void anAnswerOtherThan2xxIsAFailureThatSaysWhy() {
		assertThat(new RestHookSender(Duration.ofSeconds(5)).send(subscription("/failing"), "{}"))
				.isEqualTo(new RestHookSender.Result(false, 500, "HTTP 500"));
	}

	@Test
	void aRedirectIsNotFollowed() {
		assertThat(new RestHookSender(Duration.ofSeconds(5)).send(subscription("/moved"), "{}"))
				.isEqualTo(new RestHookSender.Result(false, 302, "HTTP 302"));
		assertThat(received).isEmpty();
	}

	private SubscriptionRequest subscription(String path) {
		URI uri = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + path);
		return new SubscriptionRequest("s1", Topic.SERIOUS_ADVERSE_EVENT, SubscriptionFilter.NONE, uri,
				List.of("Authorization: Bearer secret"), PayloadContent.ID_ONLY,
				SubscriptionRequest.DEFAULT_MIME_TYPE, null, null);
	}

	/** The JDK's HTTP client runs one selector thread per client, named after the client's number. */
	private static Set<String> httpClientThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
				.filter(name -> name.startsWith("HttpClient-")).collect(Collectors.toSet());
	}
}
