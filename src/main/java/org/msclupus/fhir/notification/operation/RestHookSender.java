package org.msclupus.fhir.notification.operation;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.springframework.util.function.SingletonSupplier;

/**
 * POSTs one notification bundle to a subscription's rest-hook with its headers: delivered when the endpoint answers
 * 2xx within the timeout, failed otherwise (the answer or the error says why). Redirects are not followed: the
 * endpoint a subscriber registered, and was checked, is the only one that receives clinical data.
 */
class RestHookSender {

	/** What came of one attempt. */
	record Result(boolean delivered, int status, String error) {
	}

	private final Duration defaultTimeout;
	/**
	 * Made when the first notification is sent: making an HTTP client sets up TLS (the JDK's trust store, some 200
	 * classes, about 0.2 s) and starts its selector thread, which a server that has no rest-hook subscription should
	 * not pay for at every start (issue 30).
	 */
	private final SingletonSupplier<HttpClient> client;

	RestHookSender(Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
		this.client = SingletonSupplier.of(() -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(defaultTimeout).build());
	}

	Result send(SubscriptionRequest subscription, String body) {
		Duration timeout = subscription.timeout() != null && subscription.timeout().compareTo(defaultTimeout) < 0
				? subscription.timeout() : defaultTimeout;
		HttpRequest.Builder request = HttpRequest.newBuilder(subscription.endpoint()).timeout(timeout)
				.header("Content-Type", subscription.mimeType() + "; charset=UTF-8")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		for (String header : subscription.headers()) {
			int colon = header == null ? -1 : header.indexOf(':');
			if (colon > 0) {
				try {
					request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
				} catch (IllegalArgumentException e) {
					return new Result(false, 0, "header '" + header.substring(0, colon).trim() + "' cannot be sent");
				}
			}
		}
		try {
			HttpResponse<Void> response = client.obtain().send(request.build(), HttpResponse.BodyHandlers.discarding());
			boolean ok = response.statusCode() / 100 == 2;
			return new Result(ok, response.statusCode(), ok ? null : "HTTP " + response.statusCode());
		} catch (IOException e) {
			return new Result(false, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Result(false, 0, "interrupted");
		}
	}
}
