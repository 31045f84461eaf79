package org.msclupus.fhir.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How every answer of a study that needs source-data verification says how many values it counted unverified
 * (issue 27): the output and CSV column {@code unverifiedValues}, last in the CSV so that a study that needs none
 * answers exactly as before.
 */
public final class UnverifiedValues {

	/** The output part, parameter and CSV column. */
	public static final String NAME = "unverifiedValues";

	private UnverifiedValues() {
	}

	/** The CSV columns: {@code columns}, with {@link #NAME} last when the study needs verification ({@code bySubject} not null). */
	public static List<String> columns(List<String> columns, Map<String, Integer> bySubject) {
		if (bySubject == null) {
			return columns;
		}
		List<String> all = new ArrayList<>(columns);
		all.add(NAME);
		return List.copyOf(all);
	}

	/** The study's total of the subjects' counts. */
	public static int total(Map<String, Integer> bySubject) {
		return bySubject.values().stream().mapToInt(Integer::intValue).sum();
	}
}
