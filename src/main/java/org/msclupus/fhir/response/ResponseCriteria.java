package org.msclupus.fhir.response;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
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

	/** Whether the set reports each measure's change from baseline per visit rather than a response. */
	default boolean reportsChangeFromBaseline() {
		return false;
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
