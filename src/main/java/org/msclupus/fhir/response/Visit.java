package org.msclupus.fhir.response;

/**
 * A scheduled visit: its label ({@code week-24}, {@code month-9}) and its target day after day 0.
 */
public record Visit(String label, int targetDay) {

	public static final String BASELINE = "baseline";

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
}
