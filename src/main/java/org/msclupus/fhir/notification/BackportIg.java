package org.msclupus.fhir.notification;

/**
 * The names the Subscriptions R5 Backport IG 1.1.0 gives (hl7.fhir.uv.subscriptions-backport): profiles, extensions
 * and operations, in one place.
 */
public final class BackportIg {

	public static final String BASE = "http://hl7.org/fhir/uv/subscriptions-backport";
	public static final String SUBSCRIPTION_PROFILE = BASE + "/StructureDefinition/backport-subscription";
	public static final String STATUS_PROFILE = BASE + "/StructureDefinition/backport-subscription-status-r4";
	public static final String NOTIFICATION_PROFILE = BASE + "/StructureDefinition/backport-subscription-notification-r4";
	public static final String FILTER_CRITERIA = BASE + "/StructureDefinition/backport-filter-criteria";
	public static final String PAYLOAD_CONTENT = BASE + "/StructureDefinition/backport-payload-content";
	public static final String HEARTBEAT_PERIOD = BASE + "/StructureDefinition/backport-heartbeat-period";
	public static final String TIMEOUT = BASE + "/StructureDefinition/backport-timeout";
	public static final String MAX_COUNT = BASE + "/StructureDefinition/backport-max-count";
	public static final String CHANNEL_TYPE = BASE + "/StructureDefinition/backport-channel-type";
	public static final String TOPIC_CANONICAL = BASE + "/StructureDefinition/capabilitystatement-subscriptiontopic-canonical";
	public static final String STATUS_OPERATION = BASE + "/OperationDefinition/backport-subscription-status";
	public static final String EVENTS_OPERATION = BASE + "/OperationDefinition/backport-subscription-events";
	public static final String SUBSCRIPTION_ERROR = "http://terminology.hl7.org/CodeSystem/subscription-error";

	private BackportIg() {
	}
}
