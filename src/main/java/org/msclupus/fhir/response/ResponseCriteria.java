package org.msclupus.fhir.response;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** One criteria set of the trial specification: a code, a version, named thresholds and the rule itself. */
public interface ResponseCriteria {

	String code();

	String version();

	/** The threshold values in force, by their specification names, in declaration order. */
	Map<String, Object> thresholds();

	CriteriaResult evaluate(SubjectTimeline timeline);

	/** The response categories the set grades, in the order a report lists them; empty for a set that grades none. */
	default List<Response> categories() {
		return List.of();
	}

	/**
	 * The visits at which the set judges a relapse against an earlier response, in order; empty for a set without
	 * relapse.
	 */
	default List<String> relapseVisits() {
		return List.of();
	}

	/**
	 * The outcomes an arm comparison reports for the set, by name (in report order), each with the categories that
	 * count as having it; empty for a set that grades no response.
	 */
	default Map<String, Set<Response>> comparedOutcomes() {
		return Map.of();
	}

	/**
	 * The events whose time from day 0 the set reports, by name (in report order), each with the visit categories
	 * that count as the event having happened; empty for a set judged at a single visit.
	 */
	default Map<String, Set<Response>> timedEvents() {
		return Map.of();
	}

	/** Whether the set reports each measure's change from baseline per visit rather than a response. */
	default boolean reportsChangeFromBaseline() {
		return false;
	}

	/** The event of the first visit with a response of any degree. */
	String RESPONSE_EVENT = "response";
	/** The event of the first visit with the set's best category. */
	String COMPLETE_RESPONSE_EVENT = "complete-response";
	/** The event of the first relapse after a response, timed from that response. */
	String RELAPSE_EVENT = "relapse";

	/** Two entries in the order given, for the maps above. */
	static Map<String, Set<Response>> ordered(String first, Set<Response> firstSet, String second,
			Set<Response> secondSet) {
		Map<String, Set<Response>> map = new LinkedHashMap<>();
		map.put(first, firstSet);
		map.put(second, secondSet);
		return java.util.Collections.unmodifiableMap(map);
	}

	/** The components of a thresholds record as a name-to-value map. */
	static Map<String, Object> namedValues(Record thresholds) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (RecordComponent component : thresholds.getClass().getRecordComponents()) {
			try {
				values.put(component.getName(), component.getAccessor().invoke(thresholds));
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
		}
		return values;
	}
}
