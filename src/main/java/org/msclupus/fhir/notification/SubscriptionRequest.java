package org.msclupus.fhir.notification;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What one subscription asks for, checked: its topic and filters, the rest-hook endpoint with the headers to send,
 * the payload's content and MIME type, and how often to send a heartbeat (null: never).
 */
public record SubscriptionRequest(String id, Topic topic, SubscriptionFilter filter, URI endpoint, List<String> headers,
		PayloadContent content, String mimeType, Duration heartbeat, Duration timeout) {

	public static final String DEFAULT_MIME_TYPE = "application/fhir+json";

	/** The MIME types a notification can be sent as. */
	public static final List<String> MIME_TYPES = List.of(DEFAULT_MIME_TYPE, "application/fhir+xml");

	public boolean xml() {
		return mimeType.startsWith("application/fhir+xml");
	}
}
