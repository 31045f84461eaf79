package org.msclupus.fhir.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How study results are split by arm: all subjects first, then each arm in the order its first subject came. */
public final class ArmGroups {

	/** The group of every subject, whatever the arm. */
	public static final String ALL = "all";
	/** The group of subjects assigned to no arm. */
	public static final String UNASSIGNED = "unassigned";

	private ArmGroups() {
	}

	public static <T> Map<String, List<T>> byArm(List<T> items, Function<T, String> armOf) {
		Map<String, List<T>> groups = new LinkedHashMap<>();
		groups.put(ALL, items);
		for (T item : items) {
			String arm = armOf.apply(item);
			groups.computeIfAbsent(arm == null ? UNASSIGNED : arm, k -> new ArrayList<>()).add(item);
		}
		return groups;
	}
}
