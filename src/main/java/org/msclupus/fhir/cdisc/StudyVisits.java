package org.msclupus.fhir.cdisc;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitAttribution;
import org.msclupus.fhir.design.VisitSchedule;

/**
 * VISITNUM, VISIT and EPOCH from the study's schedule. A visit's number is its place in the schedule (1 for the
 * earliest target day); a dated record belongs to the visit {@link VisitAttribution} gives it, as in every other
 * operation, and a record outside every window is unscheduled:
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
	private final VisitAttribution attribution;

	public StudyVisits(VisitSchedule schedule, int defaultWindow) {
		List<Planned> numbered = new ArrayList<>();
		if (schedule != null) {
			int number = 1;
			for (Visit v : schedule.visits()) {
				numbered.add(new Planned(number++, v));
			}
		}
		this.planned = List.copyOf(numbered);
		this.attribution = schedule == null ? null : new VisitAttribution(schedule, defaultWindow);
	}

	public List<Planned> planned() {
		return planned;
	}

	/** The first day (relative to day 0) of the visit's window, as every operation takes it. */
	public long opens(Visit visit) {
		return attribution.opens(visit);
	}

	/** The last day (relative to day 0) of the visit's window. */
	public long closes(Visit visit) {
		return attribution.closes(visit);
	}

	/** The visit the record belongs to ({@link VisitAttribution}); empty for an unscheduled record. */
	public Optional<Planned> at(LocalDate day0, LocalDate date) {
		if (day0 == null || date == null || attribution == null) {
			return Optional.empty();
		}
		return attribution.visitOf(ChronoUnit.DAYS.between(day0, date))
				.flatMap(v -> planned.stream().filter(p -> p.visit().equals(v)).findFirst());
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
