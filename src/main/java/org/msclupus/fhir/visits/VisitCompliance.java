package org.msclupus.fhir.visits;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Comparator;
import java.util.function.ToLongFunction;
import java.util.Set;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitAttribution;
import org.msclupus.fhir.design.VisitSchedule;

/**
 * Whether each planned visit of a subject took place in its window, for monitors chasing sites. Every dated value of a
 * measure belongs to the visit {@link VisitAttribution} gives it; a value in no window goes, for compliance only, to
 * the visit with the nearest target on its side of day 0 (it stays unused by the response rules). A visit is then {@code done} with a value in its window,
 * {@code out-of-window} with only values outside it (by {@code daysOff} days from the nearer edge: negative early,
 * positive late), {@code missed} when its window closed before the cut-off date with nothing, {@code not-expected}
 * when nothing came and the subject's participation ended before the window closed (a withdrawal: no site is chased
 * for it), and {@code not-yet-due} otherwise. Plain Java.
 */
public final class VisitCompliance {

	private VisitCompliance() {
	}

	public enum Status {
		DONE("done"), OUT_OF_WINDOW("out-of-window"), MISSED("missed"), NOT_YET_DUE("not-yet-due"),
		NOT_EXPECTED("not-expected");

		private final String code;

		Status(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/** One dated value of a measure (the measure's code). */
	public record Value(String measure, LocalDate date) {
	}

	/**
	 * One planned visit of one subject.
	 *
	 * @param date            the date used: the in-window value nearest the target, else the out-of-window value
	 *                        nearest the window; null when none
	 * @param daysOff         for {@code out-of-window}: signed days from the window's nearer edge
	 * @param missingMeasures the measures expected at the visit with no value attributed to it (none listed for a
	 *                        visit not yet due)
	 */
	public record SubjectVisit(Visit visit, LocalDate targetDate, Status status, Integer daysOff, LocalDate date,
			List<String> missingMeasures) {
	}

	/**
	 * @param defaultWindow the window, in days either side, of a visit without its own
	 * @param ended         the last day of the subject's participation (ResearchSubject.period.end); null while it lasts
	 */
	public static List<SubjectVisit> evaluate(VisitSchedule schedule, int defaultWindow, LocalDate day0,
			LocalDate asOf, LocalDate ended, List<Value> values) {
		Objects.requireNonNull(day0, "day0");
		VisitAttribution attribution = new VisitAttribution(schedule, defaultWindow);
		List<Visit> visits = schedule.visits();
		Map<Visit, List<Value>> inWindow = new LinkedHashMap<>();
		Map<Visit, List<Value>> outside = new LinkedHashMap<>();
		for (Visit v : visits) {
			inWindow.put(v, new ArrayList<>());
			outside.put(v, new ArrayList<>());
		}
		for (Value value : values) {
			if (value.date().isAfter(asOf)) {
				continue;
			}
			long day = ChronoUnit.DAYS.between(day0, value.date());
			Optional<Visit> holding = attribution.visitOf(day);
			if (holding.isPresent()) {
				inWindow.get(holding.get()).add(value);
			} else {
				attribution.nearestOnSameSide(day).ifPresent(nearest -> outside.get(nearest).add(value));
			}
		}
		List<SubjectVisit> result = new ArrayList<>(visits.size());
		for (Visit v : visits) {
			LocalDate target = day0.plusDays(v.targetDay());
			LocalDate closes = day0.plusDays(attribution.closes(v));
			List<Value> held = inWindow.get(v);
			List<Value> off = outside.get(v);
			if (!held.isEmpty()) {
				LocalDate date = held.stream().map(Value::date).min((a, b) -> VisitAttribution.compareForVisit(v,
						ChronoUnit.DAYS.between(day0, a), ChronoUnit.DAYS.between(day0, b))).orElseThrow();
				result.add(new SubjectVisit(v, target, Status.DONE, null, date, missing(v, held)));
			} else if (!off.isEmpty()) {
				ToLongFunction<LocalDate> daysOff = d -> attribution.daysOutside(v, ChronoUnit.DAYS.between(day0, d));
				LocalDate date = off.stream().map(Value::date)
						.min(Comparator.comparingLong((LocalDate d) -> Math.abs(daysOff.applyAsLong(d)))).orElseThrow();
				result.add(new SubjectVisit(v, target, Status.OUT_OF_WINDOW, (int) daysOff.applyAsLong(date), date,
						missing(v, off)));
			} else if (ended != null && !closes.isBefore(ended)) {
				result.add(new SubjectVisit(v, target, Status.NOT_EXPECTED, null, null, List.of()));
			} else if (closes.isBefore(asOf)) {
				result.add(new SubjectVisit(v, target, Status.MISSED, null, null, v.measures()));
			} else {
				result.add(new SubjectVisit(v, target, Status.NOT_YET_DUE, null, null, List.of()));
			}
		}
		return result;
	}

	private static List<String> missing(Visit visit, List<Value> attributed) {
		Set<String> present = new LinkedHashSet<>();
		attributed.forEach(v -> present.add(v.measure()));
		return visit.measures().stream().filter(m -> !present.contains(m)).toList();
	}

	/** Per visit and arm, how many subjects' visits have each status. */
	public record VisitSummary(String visit, String arm, Map<Status, Integer> counts) {
	}

	/**
	 * Per site: visits due (done, out-of-window, missed; not those not yet due or not expected), those done in window,
	 * and their share (null when none due).
	 */
	public record SiteSummary(String site, int due, int doneInWindow, Double share) {
	}

	/** A subject's visits with the arm and site they count for. */
	public record Attributed(String subject, String arm, String site, List<SubjectVisit> visits) {
	}

	public static List<VisitSummary> byVisitAndArm(VisitSchedule schedule, List<Attributed> subjects) {
		Set<String> arms = new LinkedHashSet<>();
		subjects.forEach(s -> arms.add(s.arm() == null ? "unassigned" : s.arm()));
		List<VisitSummary> summaries = new ArrayList<>();
		for (Visit v : schedule.visits()) {
			for (String arm : arms) {
				Map<Status, Integer> counts = new LinkedHashMap<>();
				for (Status status : Status.values()) {
					counts.put(status, 0);
				}
				for (Attributed s : subjects) {
					if (!arm.equals(s.arm() == null ? "unassigned" : s.arm())) {
						continue;
					}
					s.visits().stream().filter(sv -> sv.visit().equals(v))
							.forEach(sv -> counts.merge(sv.status(), 1, Integer::sum));
				}
				summaries.add(new VisitSummary(v.label(), arm, counts));
			}
		}
		return summaries;
	}

	public static List<SiteSummary> bySite(List<Attributed> subjects) {
		Map<String, int[]> sites = new LinkedHashMap<>();
		for (Attributed s : subjects) {
			int[] counts = sites.computeIfAbsent(s.site() == null ? "unknown" : s.site(), k -> new int[2]);
			for (SubjectVisit v : s.visits()) {
				if (v.status() != Status.NOT_YET_DUE && v.status() != Status.NOT_EXPECTED) {
					counts[0]++;
				}
				if (v.status() == Status.DONE) {
					counts[1]++;
				}
			}
		}
		List<SiteSummary> summaries = new ArrayList<>();
		sites.forEach((site, c) -> summaries.add(new SiteSummary(site, c[0], c[1],
				c[0] == 0 ? null : (double) c[1] / c[0])));
		return summaries;
	}
}
