package org.msclupus.fhir.cdisc;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.msclupus.fhir.response.Visit;
import org.msclupus.fhir.response.VisitSchedule;

/**
 * VISITNUM, VISIT and EPOCH from the study's schedule. A visit's number is its place in the schedule (1 for the
 * earliest target day); a dated record belongs to the visit whose window holds it (the nearer target when two
 * windows do, the later on a tie, as visit compliance decides), and a record outside every window is unscheduled:
 * no VISITNUM, never the nearest visit. EPOCH is the epoch of the record's visit, else of the last visit whose target
 * day it has reached (SCREENING before day 0).
 */
public final class StudyVisits {

	public static final String SCREENING = "SCREENING";
	public static final String TREATMENT = "TREATMENT";
	public static final String FOLLOW_UP = "FOLLOW-UP";

	/** A planned visit as SDTM numbers it. */
	public record Planned(int number, Visit visit) {
	}

	private final List<Planned> planned;
	private final int defaultWindow;

	public StudyVisits(VisitSchedule schedule, int defaultWindow) {
		this.defaultWindow = defaultWindow;
		List<Planned> numbered = new ArrayList<>();
		if (schedule != null) {
			int number = 1;
			for (Visit v : schedule.visits()) {
				numbered.add(new Planned(number++, v));
			}
		}
		this.planned = List.copyOf(numbered);
	}

	public List<Planned> planned() {
		return planned;
	}

	public int defaultWindow() {
		return defaultWindow;
	}

	/** The visit whose window holds the day (relative to day 0); empty for an unscheduled record. */
	public Optional<Planned> at(LocalDate day0, LocalDate date) {
		if (day0 == null || date == null) {
			return Optional.empty();
		}
		long day = ChronoUnit.DAYS.between(day0, date);
		Planned best = null;
		long bestDistance = Long.MAX_VALUE;
		for (Planned p : planned) {
			if (p.visit().inWindow(day, defaultWindow)) {
				long distance = Math.abs(day - p.visit().targetDay());
				if (distance <= bestDistance) {
					best = p;
					bestDistance = distance;
				}
			}
		}
		return Optional.ofNullable(best);
	}

	/** The epoch of a dated record; null when the schedule names no epochs or the date is not known to the day. */
	public String epoch(LocalDate day0, LocalDate date) {
		if (day0 == null || date == null || epochs().isEmpty()) {
			return null;
		}
		Optional<Planned> visit = at(day0, date);
		if (visit.isPresent() && visit.get().visit().epoch() != null) {
			return visit.get().visit().epoch();
		}
		long day = ChronoUnit.DAYS.between(day0, date);
		if (day < 0) {
			return SCREENING;
		}
		String epoch = null;
		for (Planned p : planned) {
			if (p.visit().targetDay() <= day && p.visit().epoch() != null) {
				epoch = p.visit().epoch();
			}
		}
		return epoch == null ? TREATMENT : epoch;
	}

	/** The schedule's epochs in order of first visit, SCREENING first when any visit precedes day 0. */
	public List<String> epochs() {
		LinkedHashSet<String> epochs = new LinkedHashSet<>();
		for (Planned p : planned) {
			if (p.visit().epoch() != null) {
				epochs.add(p.visit().epoch());
			}
		}
		return List.copyOf(epochs);
	}
}
