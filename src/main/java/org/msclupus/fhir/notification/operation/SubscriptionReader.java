package org.msclupus.fhir.notification.operation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Subscription;
import org.msclupus.fhir.notification.BackportIg;
import org.msclupus.fhir.notification.NotificationEndpoint;
import org.msclupus.fhir.notification.PayloadContent;
import org.msclupus.fhir.notification.SubscriptionFilter;
import org.msclupus.fhir.notification.SubscriptionRequest;
import org.msclupus.fhir.notification.Topic;

/** Reads an R4 Subscription in the backport IG's shape into what it asks for, refusing what cannot be served. */
final class SubscriptionReader {

	private SubscriptionReader() {
	}

	/**
	 * @param knownCriteria the criteria set codes a {@code criteria} filter may name
	 * @throws IllegalArgumentException naming the element and what is wrong with it
	 */
	static SubscriptionRequest read(Subscription subscription, Collection<String> knownCriteria) {
		String criteria = subscription.getCriteria();
		Topic topic = Topic.ofCanonical(criteria).orElseThrow(() -> new IllegalArgumentException(
				"Subscription.criteria must be the canonical URL of a topic this server publishes ("
						+ String.join(", ", Topic.canonicals()) + "); '" + criteria + "' is not one"
						+ " (query-based subscriptions are not offered)"));
		List<String> filters = subscription.getCriteriaElement()
				.getExtensionsByUrl(BackportIg.FILTER_CRITERIA).stream().map(SubscriptionReader::text).toList();
		SubscriptionFilter filter = SubscriptionFilter.parse(topic, filters, knownCriteria);

		Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
		if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK
				|| channel.getTypeElement().hasExtension(BackportIg.CHANNEL_TYPE)) {
			throw new IllegalArgumentException("Subscription.channel.type must be rest-hook, the only channel offered");
		}
		String mime = channel.hasPayload() ? channel.getPayload() : SubscriptionRequest.DEFAULT_MIME_TYPE;
		String bareMime = mime.contains(";") ? mime.substring(0, mime.indexOf(';')).trim() : mime;
		if (!SubscriptionRequest.MIME_TYPES.contains(bareMime)) {
			throw new IllegalArgumentException("Subscription.channel.payload '" + mime + "' is not offered; use one of "
					+ String.join(", ", SubscriptionRequest.MIME_TYPES));
		}
		Extension content = channel.getPayloadElement().getExtensionByUrl(BackportIg.PAYLOAD_CONTENT);
		PayloadContent payload = content == null ? PayloadContent.DEFAULT
				: PayloadContent.ofCode(text(content)).orElseThrow(() -> new IllegalArgumentException(
						"Subscription.channel.payload content '" + text(content)
								+ "' is not one of empty, id-only, full-resource"));
		return new SubscriptionRequest(subscription.getIdElement().getIdPart(), topic, filter,
				NotificationEndpoint.check(channel.getEndpoint()),
				channel.getHeader().stream().map(PrimitiveType::getValue).toList(), payload, bareMime,
				seconds(channel, BackportIg.HEARTBEAT_PERIOD, "heartbeat period"),
				seconds(channel, BackportIg.TIMEOUT, "timeout"));
	}

	private static Duration seconds(Subscription.SubscriptionChannelComponent channel, String url, String what) {
		Extension extension = channel.getExtensionByUrl(url);
		if (extension == null) {
			return null;
		}
		String value = text(extension);
		try {
			long seconds = Long.parseLong(value);
			if (seconds < 1) {
				throw new NumberFormatException();
			}
			return Duration.ofSeconds(seconds);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("Subscription.channel " + what + " must be a positive number of seconds,"
					+ " not '" + value + "'");
		}
	}

	private static String text(Extension extension) {
		return extension.getValue() == null ? null : extension.getValue().primitiveValue();
	}
}
