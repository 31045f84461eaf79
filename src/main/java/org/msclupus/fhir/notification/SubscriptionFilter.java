package org.msclupus.fhir.notification;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of one subscription (the backport IG's {@code backport-filter-criteria}, each a search-style string
 * such as {@code AdverseEvent?study=ResearchStudy/12}). Several filters, and several parameters in one, must all
 * hold; a comma between values means any of them. A key the topic does not define is refused, never ignored: a
 * subscriber who misspells {@code study} must not receive every study's events.
 *
 * @param values per filter key, the values any of which an event must carry
 */
public record SubscriptionFilter(Map<String, Set<String>> values) {

	public static final SubscriptionFilter NONE = new SubscriptionFilter(Map.of());

	/**
	 * @param knownCriteria the criteria set codes a {@code criteria} filter may name
	 * @throws IllegalArgumentException naming the filter and what is wrong with it
	 */
	public static SubscriptionFilter parse(Topic topic, Collection<String> filters, Collection<String> knownCriteria) {
		Map<String, Set<String>> values = new LinkedHashMap<>();
		for (String filter : filters) {
			String query = filter == null ? "" : filter.trim();
			int question = query.indexOf('?');
			if (question >= 0) {
				String type = query.substring(0, question);
				if (!type.isEmpty() && !type.equals(topic.focusType())) {
					throw new IllegalArgumentException("Filter '" + filter + "' is on " + type + "; the topic "
							+ topic.canonical() + " filters " + topic.focusType());
				}
				query = query.substring(question + 1);
			}
			if (query.isBlank()) {
				throw new IllegalArgumentException("Filter '" + filter + "' names no parameter; the topic "
						+ topic.canonical() + " filters on " + String.join(", ", topic.filters()));
			}
			for (String parameter : query.split("&")) {
				int equals = parameter.indexOf('=');
				String key = equals < 0 ? parameter : parameter.substring(0, equals);
				String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
				if (!topic.filters().contains(key)) {
					throw new IllegalArgumentException("Unknown filter '" + key + "' in '" + filter + "': the topic "
							+ topic.canonical() + " filters on " + String.join(", ", topic.filters()));
				}
				Set<String> any = new LinkedHashSet<>();
				for (String one : value.split(",")) {
					if (!one.isBlank()) {
						any.add(normalised(key, one.trim(), knownCriteria, filter));
					}
				}
				if (any.isEmpty()) {
					throw new IllegalArgumentException("Filter '" + filter + "' gives " + key + " no value");
				}
				// Two filters on one key must both hold: keep the values common to both.
				values.merge(key, any, (a, b) -> {
					Set<String> both = new LinkedHashSet<>(a);
					both.retainAll(b);
					return both;
				});
			}
		}
		return new SubscriptionFilter(Map.copyOf(values));
	}

	private static String normalised(String key, String value, Collection<String> knownCriteria, String filter) {
		if (key.equals("study")) {
			String id = value.startsWith("ResearchStudy/") ? value.substring("ResearchStudy/".length()) : value;
			if (id.isEmpty() || id.contains("/")) {
				throw new IllegalArgumentException("Filter '" + filter + "': study must be ResearchStudy/<id> or <id>");
			}
			return "ResearchStudy/" + id;
		}
		if (key.equals("criteria") && !knownCriteria.contains(value)) {
			throw new IllegalArgumentException("Filter '" + filter + "': unknown criteria set '" + value + "'; known: "
					+ String.join(", ", knownCriteria));
		}
		return value;
	}

	/** Whether an event carrying these values (per key, e.g. study → the subject's studies) passes every filter. */
	public boolean matches(Map<String, ? extends Collection<String>> event) {
		for (Map.Entry<String, Set<String>> filter : values.entrySet()) {
			Collection<String> carried = event.containsKey(filter.getKey()) ? event.get(filter.getKey()) : List.of();
			if (carried.stream().noneMatch(filter.getValue()::contains)) {
				return false;
			}
		}
		return true;
	}

	/** The studies the filter names, empty when it names none (every study). */
	public Set<String> studies() {
		return values.getOrDefault("study", Set.of());
	}
}
