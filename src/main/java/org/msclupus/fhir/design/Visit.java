package org.msclupus.fhir.design;

import java.util.List;

/**
 * A scheduled visit: its label ({@code week-24}, {@code month-9}), its target day after day 0 and, when its schedule
 * says so, its own window (days before and after the target), its epoch ({@code SCREENING}, {@code TREATMENT},
 * {@code FOLLOW-UP}) and the measure codes expected there. Without its own window, a visit takes the window of the
 * criteria set or schedule that uses it.
 */
public record Visit(String label, int targetDay, Integer windowBefore, Integer windowAfter, String epoch,
		List<String> measures) {

	public static final String BASELINE = "baseline";

	public Visit {
		measures = measures == null ? List.of() : List.copyOf(measures);
	}

	/** A visit without a window, epoch or measures of its own. */
	public Visit(String label, int targetDay) {
		this(label, targetDay, null, null, null, List.of());
	}

	/** Week w is day 7w. */
	public static Visit week(int week) {
		return new Visit("week-" + week, 7 * week);
	}

	/** Month m is day round(30.44 m), so month-3 is day 91 and month-12 day 365. */
	public static Visit month(int month) {
		return new Visit("month-" + month, (int) Math.round(30.44 * month));
	}

	/** A visit at an arbitrary day, named as a week when the day is a whole number of weeks. */
	public static Visit atDay(int day) {
		return day % 7 == 0 ? week(day / 7) : new Visit("day-" + day, day);
	}

	/** Days before the target day a value may lie: the visit's own, else {@code defaultWindow}. */
	public int before(int defaultWindow) {
		return windowBefore != null ? windowBefore : defaultWindow;
	}

	/** Days after the target day a value may lie: the visit's own, else {@code defaultWindow}. */
	public int after(int defaultWindow) {
		return windowAfter != null ? windowAfter : defaultWindow;
	}
}
