package org.msclupus.fhir.response;

import static org.msclupus.fhir.response.Decimals.show;

import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.ScheduleWindows;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each measure's value at every visit of the study's schedule with its absolute and percent change from baseline,
 * in the canonical unit: the per-subject half of results such as "SLEDAI 12.2±3.3 → 3.2±2.8 at 12 months"
 * (Liang J et al., Ann Rheum Dis 2010;69:1423). It grades no response.
 *
 * <p>The glucocorticoid dose comes from glucocorticoid-dose Observations when there are any, otherwise from the
 * MedicationStatements in effect on day 0 (baseline) and on each visit's target day.
 */
public final class ChangeFromBaseline extends BaseCriteria<ChangeFromBaseline.Thresholds> {

	public static final String CODE = "change-from-baseline";
	public static final String VERSION = "1";

	/**
	 * @param baselineWindowDays   days before day 0 in which a baseline value may lie
	 * @param weekVisitWindowDays  +/- days around a visit of a week schedule
	 * @param monthVisitWindowDays +/- days around a visit of a month schedule
	 */
	public record Thresholds(int baselineWindowDays, int weekVisitWindowDays, int monthVisitWindowDays) {

		public static final Thresholds DEFAULTS = new Thresholds(30, ScheduleWindows.DEFAULTS.weekDays(),
				ScheduleWindows.DEFAULTS.monthDays());

		/** The default visit windows of every study schedule. */
		public ScheduleWindows scheduleWindows() {
			return new ScheduleWindows(weekVisitWindowDays, monthVisitWindowDays);
		}
	}

	public ChangeFromBaseline(Thresholds thresholds) {
		super(CODE, VERSION, thresholds);
	}

	/** The window, in days either side, of a visit of this schedule without its own ({@link ScheduleWindows}). */
	public int windowDays(VisitSchedule schedule) {
		return thresholds.scheduleWindows().of(schedule);
	}

	/** The default visit windows of every study schedule ({@link ScheduleWindows}). */
	public ScheduleWindows scheduleWindows() {
		return thresholds.scheduleWindows();
	}

	/** Days before day 0 in which a baseline value may lie. */
	public int baselineWindowDays() {
		return thresholds.baselineWindowDays();
	}

	@Override
	public boolean reportsChangeFromBaseline() {
		return true;
	}

	@Override
	protected Response notEvaluable() {
		return null; // grades no response
	}

	@Override
	protected CriteriaResult evaluateFromDay0(SubjectTimeline timeline, LocalDate day0, CriteriaResult.Builder result) {
		VisitSchedule schedule = timeline.studySchedule();
		int window = windowDays(schedule);
		boolean doseFromStatements = timeline.values(Measure.GLUCOCORTICOID_DOSE).isEmpty()
				&& timeline.hasGlucocorticoidCourses();

		Map<Measure, BigDecimal> baselines = new java.util.EnumMap<>(Measure.class);
		List<MeasureChange> baselineValues = new ArrayList<>();
		for (Measure measure : Measure.values()) {
			Optional<BigDecimal> value;
			if (measure == Measure.GLUCOCORTICOID_DOSE && doseFromStatements) {
				SubjectTimeline.DoseOnDay dose = timeline.doseOn(day0);
				result.evidence(dose.evidence());
				value = Optional.of(dose.prednisoneMgPerDay());
			} else {
				Optional<Measurement> m = timeline.baseline(measure, thresholds.baselineWindowDays());
				m.ifPresent(result::evidence);
				value = m.map(Measurement::value);
			}
			value.ifPresent(v -> {
				baselines.put(measure, v);
				baselineValues.add(new MeasureChange(measure, v, null, null));
			});
		}
		result.visit(new VisitResult(Visit.BASELINE, day0, null, baselineValues));

		VisitResult lastWithData = null;
		for (Visit visit : schedule.afterDay0()) {
			List<MeasureChange> changes = new ArrayList<>();
			LocalDate latest = null;
			for (Measure measure : Measure.values()) {
				BigDecimal value;
				if (measure == Measure.GLUCOCORTICOID_DOSE && doseFromStatements) {
					if (!timeline.isDue(visit)) {
						continue;
					}
					SubjectTimeline.DoseOnDay dose = timeline.doseOn(timeline.targetDate(visit));
					result.evidence(dose.evidence());
					value = dose.prednisoneMgPerDay();
				} else {
					Optional<Measurement> m = timeline.atVisit(measure, visit, window);
					if (m.isEmpty()) {
						continue;
					}
					result.evidence(m.get());
					value = m.get().value();
					latest = latest == null || m.get().date().isAfter(latest) ? m.get().date() : latest;
				}
				BigDecimal baseline = baselines.get(measure);
				changes.add(new MeasureChange(measure, value, baseline == null ? null : value.subtract(baseline),
						baseline == null ? null : Decimals.percentChange(baseline, value)));
			}
			if (changes.isEmpty()) {
				continue;
			}
			VisitResult visitResult = new VisitResult(visit.label(),
					latest != null ? latest : timeline.targetDate(visit), null, changes);
			result.visit(visitResult);
			lastWithData = visitResult;
		}
		return result.explanation(explain(schedule, baselines, lastWithData)).build();
	}

	private static String explain(VisitSchedule schedule, Map<Measure, BigDecimal> baselines, VisitResult last) {
		String head = "Change from baseline on the " + schedule.code() + " schedule: " + baselines.size()
				+ " measure(s) with a baseline";
		if (last == null) {
			return head + "; no value at any visit yet.";
		}
		List<String> parts = new ArrayList<>();
		for (MeasureChange change : last.changes()) {
			if (change.change() != null && parts.size() < 3) {
				parts.add(change.measure().label() + " " + show(baselines.get(change.measure())) + " -> "
						+ show(change.value()) + " " + change.measure().canonicalUnit()
						+ (change.percentChange() == null ? "" : " (" + show(Decimals.rounded(change.percentChange(), 1))
								+ " %)"));
			}
		}
		return head + "; at " + last.label() + (parts.isEmpty() ? " no measure has a baseline to compare with"
				: ": " + String.join("; ", parts)) + ".";
	}
}
