package org.msclupus.fhir.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The subscription topics this server publishes. Their canonical URLs are the published interface subscribers name
 * in {@code Subscription.criteria}; the filters are the only keys a subscription may filter on.
 */
public enum Topic {

	/** An AdverseEvent of a trial subject recorded serious, or made serious, once per event. */
	SERIOUS_ADVERSE_EVENT("http://msc-lupus.org/fhir/SubscriptionTopic/serious-adverse-event", "AdverseEvent",
			"Serious adverse event of a trial subject",
			"An adverse event of a trial subject is created serious or becomes serious (once per event).",
			List.of("study")),

	/** A trial subject's category for a criteria set of the study's default evaluation changes. */
	RESPONSE_CHANGED("http://msc-lupus.org/fhir/SubscriptionTopic/response-changed", "ResearchSubject",
			"Response category of a trial subject changed",
			"A write changes a subject's category for a criteria set the study evaluates by default (every value"
					+ " counted), compared with the last category recorded for it.",
			List.of("study", "criteria"));

	private final String canonical;
	private final String focusType;
	private final String title;
	private final String trigger;
	private final List<String> filters;

	Topic(String canonical, String focusType, String title, String trigger, List<String> filters) {
		this.canonical = canonical;
		this.focusType = focusType;
		this.title = title;
		this.trigger = trigger;
		this.filters = filters;
	}

	public String canonical() {
		return canonical;
	}

	/** The resource type an event of this topic is about. */
	public String focusType() {
		return focusType;
	}

	public String title() {
		return title;
	}

	/** The trigger in words, for the CapabilityStatement and the documentation. */
	public String trigger() {
		return trigger;
	}

	/** The filter keys a subscription to this topic may use. */
	public List<String> filters() {
		return filters;
	}

	/** The topic of a canonical URL, with or without a {@code |version}. */
	public static Optional<Topic> ofCanonical(String canonical) {
		if (canonical == null) {
			return Optional.empty();
		}
		String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
		return Arrays.stream(values()).filter(t -> t.canonical.equals(url)).findFirst();
	}

	public static List<String> canonicals() {
		return Arrays.stream(values()).map(Topic::canonical).toList();
	}
}
