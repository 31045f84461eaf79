package org.msclupus.fhir.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a rest-hook may point: https anywhere, plain http only to this machine's loopback addresses (local receivers
 * and tests), so a notification never crosses a network in clear text.
 */
public final class NotificationEndpoint {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

	private NotificationEndpoint() {
	}

	/**
	 * @return the endpoint as a URI
	 * @throws IllegalArgumentException saying why the endpoint is refused
	 */
	public static URI check(String endpoint) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new IllegalArgumentException("Subscription.channel.endpoint is required for a rest-hook");
		}
		URI uri;
		try {
			uri = new URI(endpoint.trim());
		} catch (URISyntaxException e) {
			throw new IllegalArgumentException("Subscription.channel.endpoint '" + endpoint + "' is not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new IllegalArgumentException("Subscription.channel.endpoint '" + endpoint
					+ "' must be an absolute https URL");
		}
		if (uri.getUserInfo() != null) {
			throw new IllegalArgumentException("Subscription.channel.endpoint must not carry credentials in the URL;"
					+ " use Subscription.channel.header");
		}
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new IllegalArgumentException("Subscription.channel.endpoint '" + endpoint + "' must use https;"
					+ " plain http is allowed only to 127.0.0.1, [::1] and localhost");
		}
		return uri;
	}

	static boolean isLoopback(String host) {
		return LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
	}
}
