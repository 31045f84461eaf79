package org.msclupus.fhir.notification.operation;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.notification.BackportIg;
import org.msclupus.fhir.notification.PayloadContent;

/**
 * Notification bundles in the backport IG's R4 shape: a {@code history} Bundle whose first entry is the
 * subscription's status (a Parameters of profile backport-subscription-status-r4), then per event its focus — a
 * reference only ({@code id-only}) or the resource as it was at the event ({@code full-resource}); an {@code empty}
 * payload carries neither focus nor topic.
 */
final class NotificationBundles {

	/** The notification types of the IG (subscription-notification-type). */
	enum Type {
		HANDSHAKE("handshake"), HEARTBEAT("heartbeat"), EVENT_NOTIFICATION("event-notification"),
		QUERY_STATUS("query-status"), QUERY_EVENT("query-event");

		final String code;

		Type(String code) {
			this.code = code;
		}
	}

	/** One event of the subscription: its number, when it happened, its focus (versioned) and the resource. */
	record Event(long number, Date timestamp, String focus, List<String> additionalContext, Resource resource) {
	}

	/** Where a subscription stands, for the status entry. */
	record Status(String subscription, String topic, String status, long eventsSinceStart, String error) {
	}

	private NotificationBundles() {
	}

	/** @param base the server's base URL, for the subscription and focus references (empty: relative references) */
	static Bundle bundle(String base, Status status, Type type, PayloadContent content, List<Event> events) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
		bundle.setId(UUID.randomUUID().toString());
		bundle.setTimestamp(new Date());
		Parameters parameters = statusParameters(base, status, type, content, events);
		String statusId = UUID.randomUUID().toString();
		parameters.setId(statusId);
		Bundle.BundleEntryComponent first = bundle.addEntry().setFullUrl("urn:uuid:" + statusId).setResource(parameters);
		first.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(status.subscription() + "/$status");
		first.getResponse().setStatus("200");
		if (content == PayloadContent.EMPTY) {
			return bundle;
		}
		for (Event event : events) {
			IdType focus = new IdType(event.focus());
			Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(absolute(base, focus.toVersionless().getValue()));
			boolean created = "1".equals(focus.getVersionIdPart());
			entry.getRequest().setMethod(created ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT)
					.setUrl(created ? focus.getResourceType() : focus.toVersionless().getValue());
			entry.getResponse().setStatus(created ? "201" : "200");
			if (content == PayloadContent.FULL_RESOURCE && event.resource() != null) {
				entry.setResource(event.resource());
			}
		}
		return bundle;
	}

	/** The status entry alone (for $status, a searchset of these). */
	static Parameters statusParameters(String base, Status status, Type type, PayloadContent content,
			List<Event> events) {
		Parameters parameters = new Parameters();
		parameters.getMeta().addProfile(BackportIg.STATUS_PROFILE);
		parameters.addParameter().setName("subscription")
				.setValue(new Reference(absolute(base, status.subscription())));
		if (content != PayloadContent.EMPTY && status.topic() != null) {
			parameters.addParameter().setName("topic").setValue(new CanonicalType(status.topic()));
		}
		parameters.addParameter().setName("status").setValue(new CodeType(status.status()));
		parameters.addParameter().setName("type").setValue(new CodeType(type.code));
		parameters.addParameter().setName("events-since-subscription-start")
				.setValue(new StringType(Long.toString(status.eventsSinceStart())));
		for (Event event : events) {
			Parameters.ParametersParameterComponent notification = parameters.addParameter().setName("notification-event");
			notification.addPart().setName("event-number").setValue(new StringType(Long.toString(event.number())));
			notification.addPart().setName("timestamp").setValue(new InstantType(event.timestamp()));
			if (content != PayloadContent.EMPTY) {
				notification.addPart().setName("focus")
						.setValue(new Reference(absolute(base, new IdType(event.focus()).toVersionless().getValue())));
				for (String context : event.additionalContext()) {
					notification.addPart().setName("additional-context").setValue(new Reference(absolute(base, context)));
				}
			}
		}
		if (status.error() != null) {
			parameters.addParameter().setName("error").setValue(new CodeableConcept(
					new Coding(BackportIg.SUBSCRIPTION_ERROR, "no-response", "No Response")).setText(status.error()));
		}
		return parameters;
	}

	private static String absolute(String base, String relative) {
		return base == null || base.isEmpty() ? relative : base + "/" + relative;
	}
}
