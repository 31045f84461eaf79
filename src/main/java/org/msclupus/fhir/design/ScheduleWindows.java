package org.msclupus.fhir.design;

/**
 * The window of a visit whose schedule gives it none: one default per schedule, the same in every operation. A
 * schedule of whole weeks takes {@code weekDays} either side of the target, any other schedule {@code monthDays}
 * (trial specification §1: 14 for week schedules, 30 for month schedules). The values are change-from-baseline's
 * configured {@code weekVisitWindowDays} and {@code monthVisitWindowDays}, so its results say which window applied.
 */
public record ScheduleWindows(int weekDays, int monthDays) {

	public static final ScheduleWindows DEFAULTS = new ScheduleWindows(14, 30);

	public ScheduleWindows {
		if (weekDays < 0 || monthDays < 0) {
			throw new IllegalArgumentException("visit windows cannot be negative");
		}
	}

	/** The default window of the schedule's visits. */
	public int of(VisitSchedule schedule) {
		return schedule.weekly() ? weekDays : monthDays;
	}

	/** Which visit each value of the schedule belongs to, with the schedule's default window. */
	public VisitAttribution attribution(VisitSchedule schedule) {
		return new VisitAttribution(schedule, of(schedule));
	}
}
