package org.msclupus.fhir.design;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which visit of a schedule a dated value belongs to: the one home of that decision, used by the response rules,
 * visit compliance, the safety summary and the CDISC export alike, so one value is never the value of two visits.
 *
 * <ul>
 * <li>A visit holds the days of its window: its own, else {@code defaultWindow} days either side of its target.</li>
 * <li>Day 0 divides the time line (trial specification §1, {@code ../shared/domain/response-criteria.md}: only values
 * dated after day 0 count for a visit): a visit at or before day 0 (screening, the day-0 visit) holds no day after
 * day 0, so pre-dose samples still count for it but nothing taken after the infusion does; a visit after day 0 holds
 * no day at or before day 0.</li>
 * <li>A day inside several windows belongs to the visit with the nearest target day; on a tie, the later visit
 * (ADR 0011).</li>
 * </ul>
 */
public final class VisitAttribution {

	private final List<Visit> visits;
	private final int defaultWindow;

	/**
	 * @param defaultWindow days either side of the target for a visit whose schedule gives it no window
	 */
	public VisitAttribution(VisitSchedule schedule, int defaultWindow) {
		this.visits = Objects.requireNonNull(schedule, "schedule").visits();
		this.defaultWindow = defaultWindow;
	}

	public List<Visit> visits() {
		return visits;
	}

	public int defaultWindow() {
		return defaultWindow;
	}

	/** The first day (relative to day 0) the visit's window holds. */
	public long opens(Visit visit) {
		long opens = (long) visit.targetDay() - visit.before(defaultWindow);
		return visit.targetDay() > 0 ? Math.max(opens, 1) : opens;
	}

	/** The last day (relative to day 0) the visit's window holds. */
	public long closes(Visit visit) {
		long closes = (long) visit.targetDay() + visit.after(defaultWindow);
		return visit.targetDay() > 0 ? closes : Math.min(closes, 0);
	}

	/** Whether the visit's window holds the day (relative to day 0), both edges included. */
	public boolean holds(Visit visit, long day) {
		return day >= opens(visit) && day <= closes(visit);
	}

	/** The visit the day (relative to day 0) belongs to; empty when no window holds it (an unscheduled value). */
	public Optional<Visit> visitOf(long day) {
		int index = indexOf(day);
		return index < 0 ? Optional.empty() : Optional.of(visits.get(index));
	}

	/**
	 * The position in {@link #visits()} of the visit the day belongs to ({@link #visitOf}); -1 when no window holds
	 * it. For callers that keep a value per visit in an array rather than hash visits.
	 */
	public int indexOf(long day) {
		int best = -1;
		for (int i = 0; i < visits.size(); i++) {
			Visit v = visits.get(i);
			if (holds(v, day) && (best < 0 || nearerOrLater(v, visits.get(best), day))) {
				best = i;
			}
		}
		return best;
	}

	/** Whether the day belongs to this visit. */
	public boolean belongsTo(Visit visit, long day) {
		return visitOf(day).filter(visit::equals).isPresent();
	}

	/**
	 * For a value no window holds, the visit it was meant for: the nearest target on its side of day 0 (the later
	 * on a tie); empty when the schedule has no visit on that side.
	 */
	public Optional<Visit> nearestOnSameSide(long day) {
		Visit best = null;
		for (Visit v : visits) {
			if ((v.targetDay() > 0) == (day > 0) && (best == null || nearerOrLater(v, best, day))) {
				best = v;
			}
		}
		return Optional.ofNullable(best);
	}

	/** Signed days from the window's nearer edge to the day: negative before it opens, positive after it closes. */
	public long daysOutside(Visit visit, long day) {
		return day < opens(visit) ? day - opens(visit) : Math.max(0, day - closes(visit));
	}

	/**
	 * Of two values a visit holds (days relative to day 0), which one counts for the visit: negative when the one of
	 * {@code day} does, positive when the one of {@code other} does. The nearer to the visit's target counts; equally
	 * near, the later; 0 for the same day, which each caller breaks as its records allow. The response rules, visit
	 * compliance and the safety summary all pick a visit's value by this one rule.
	 */
	public static int compareForVisit(Visit visit, long day, long other) {
		int byDistance = Long.compare(Math.abs(day - visit.targetDay()), Math.abs(other - visit.targetDay()));
		return byDistance != 0 ? byDistance : Long.compare(other, day);
	}

	private static boolean nearerOrLater(Visit candidate, Visit best, long day) {
		long distance = Math.abs(day - candidate.targetDay());
		long bestDistance = Math.abs(day - best.targetDay());
		return distance < bestDistance || (distance == bestDistance && candidate.targetDay() > best.targetDay());
	}
}
