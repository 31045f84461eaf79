package org.msclupus.fhir.safety;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitAttribution;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.statistics.ArmGroups;
import org.msclupus.fhir.statistics.Proportions;
import org.msclupus.fhir.safety.SafetyData.AdverseEvent;
import org.msclupus.fhir.safety.SafetyData.Infusion;
import org.msclupus.fhir.safety.SafetyData.LabResult;
import org.msclupus.fhir.safety.SafetyReport.Death;
import org.msclupus.fhir.safety.SafetyReport.EventCount;
import org.msclupus.fhir.safety.SafetyReport.LabCount;
import org.msclupus.fhir.safety.SafetyReport.OddsRatio;
import org.msclupus.fhir.safety.SafetyReport.Rate;

/**
 * Safety summary of a study, plain Java. Counts treatment-emergent adverse events (from day 0 to the cut-off date)
 * by seriousness, CTCAE grade and relatedness to the MSC infusion; infusion reactions per infusion; laboratory values
 * outside their own reference range at baseline and at months 1, 3, 6, 12 and years 2, 4, 6, as the 6-year
 * follow-up of UC-MSC transplantation did (Wang D et al., Clin Exp Med 2017;17:333); and the proportion of subjects
 * with an event per arm, with the odds ratio of MSC versus control as the MSC meta-analyses report it.
 *
 * <p>The odds ratio uses Woolf's logit interval. When a cell is zero the ratio and its interval are undefined, so
 * 0.5 is added to all four cells (the Haldane-Anscombe correction), and the report says so.
 */
public final class SafetySummary {

	private static final List<String> SERIOUSNESS = List.of("serious", "non-serious", "unknown");
	private static final List<String> GRADES = List.of("1", "2", "3", "4", "5", "unknown");

	private SafetySummary() {
	}

	/**
	 * The visits of the long-term safety follow-up, each with its own window: months 1, 3, 6 and 12
	 * ({@code monthVisitWindowDays}) and years 2, 4 and 6 ({@code yearVisitWindowDays}).
	 */
	public static VisitSchedule followUp(SafetyThresholds thresholds) {
		List<Visit> visits = new ArrayList<>();
		int month = thresholds.monthVisitWindowDays();
		for (int m : new int[] {1, 3, 6, 12}) {
			Visit visit = Visit.month(m);
			visits.add(new Visit(visit.label(), visit.targetDay(), month, month, null, List.of()));
		}
		int year = thresholds.yearVisitWindowDays();
		for (int y : new int[] {2, 4, 6}) {
			visits.add(new Visit("year-" + y, (int) Math.round(365.25 * y), year, year, null, List.of()));
		}
		return new VisitSchedule("safety-follow-up", visits);
	}

	/**
	 * @param asOf          only data dated on or before this day count
	 * @param mscArm        the arm given MSC, for the odds ratio; null for none
	 */
	public static SafetyReport summarize(List<SafetyData.Subject> subjects, SafetyThresholds thresholds,
			LocalDate asOf, String mscArm) {
		return summarize(subjects, thresholds, VitalSignCriteria.DEFAULTS, asOf, mscArm);
	}

	/**
	 * @param vitalCriteria when each vital sign is potentially clinically significant
	 * @param asOf          only data dated on or before this day count
	 * @param mscArm        the arm given MSC, for the odds ratio; null for none
	 */
	public static SafetyReport summarize(List<SafetyData.Subject> subjects, SafetyThresholds thresholds,
			Map<VitalSign, VitalSignCriteria> vitalCriteria, LocalDate asOf, String mscArm) {
		return summarize(subjects, thresholds, vitalCriteria, new VisitAttribution(followUp(thresholds), 0), asOf,
				mscArm);
	}

	/**
	 * @param schedule the visits laboratory values and vital signs are counted at (those after day 0), and which visit
	 *                 each value belongs to
	 */
	public static SafetyReport summarize(List<SafetyData.Subject> subjects, SafetyThresholds thresholds,
			Map<VitalSign, VitalSignCriteria> vitalCriteria, VisitAttribution schedule, LocalDate asOf, String mscArm) {
		Map<String, List<SafetyData.Subject>> arms = byArm(subjects);
		Map<SafetyData.Subject, List<AdverseEvent>> emergent = new java.util.HashMap<>();
		subjects.forEach(s -> emergent.put(s, treatmentEmergent(s, asOf)));
		Map<SafetyData.Subject, SubjectValues> values = new java.util.HashMap<>();
		subjects.forEach(s -> values.put(s, SubjectValues.of(s, thresholds, schedule, asOf)));
		Map<SafetyData.Subject, Map<LabToxicity, LabToxicitySummary.SubjectGrades>> grades =
				LabToxicitySummary.gradesOf(subjects, thresholds.baselineWindowDays(), asOf);

		List<EventCount> events = new ArrayList<>();
		List<Death> deaths = new ArrayList<>();
		List<EventCount> reactions = new ArrayList<>();
		List<LabCount> labs = new ArrayList<>();
		List<Rate> rates = new ArrayList<>();
		List<SafetyReport.VitalCount> vitals = new ArrayList<>();
		List<LabToxicitySummary.ToxicityCount> toxicity = new ArrayList<>();
		List<LabToxicitySummary.ShiftCount> shifts = new ArrayList<>();
		for (Map.Entry<String, List<SafetyData.Subject>> arm : arms.entrySet()) {
			String name = arm.getKey();
			Map<SafetyData.Subject, List<AdverseEvent>> armEvents = new LinkedHashMap<>();
			arm.getValue().forEach(s -> armEvents.put(s, emergent.get(s)));
			events.add(count(name, "any", "any", armEvents, e -> true));
			for (String seriousness : SERIOUSNESS) {
				events.add(count(name, "seriousness", seriousness, armEvents, e -> seriousness.equals(seriousnessOf(e))));
			}
			for (String grade : GRADES) {
				events.add(count(name, "grade", grade, armEvents,
						e -> grade.equals(e.grade() == null ? "unknown" : String.valueOf(e.grade()))));
			}
			for (SafetyData.Relatedness relatedness : SafetyData.Relatedness.values()) {
				events.add(count(name, "relatedness", relatedness.code(), armEvents,
						e -> e.relatedness() == relatedness));
			}
			armEvents.forEach((subject, list) -> list.stream().filter(AdverseEvent::isDeath).forEach(e -> deaths.add(
					new Death(name, subject.subject(), e.reference(), dayAfterDay0(subject, e)))));
			reactions.addAll(infusionReactions(name, armEvents, thresholds));
			labs.addAll(labAbnormalities(name, arm.getValue(), values, schedule));
			vitals.addAll(vitalSigns(name, arm.getValue(), values, vitalCriteria, schedule));
			toxicity.addAll(LabToxicitySummary.toxicity(name, arm.getValue(), grades::get));
			shifts.addAll(LabToxicitySummary.shifts(name, arm.getValue(), grades::get));
			int withEvent = (int) armEvents.values().stream().filter(l -> !l.isEmpty()).count();
			rates.add(rate(name, withEvent, arm.getValue().size()));
		}
		return new SafetyReport(thresholds, events, deaths, reactions, labs, rates, oddsRatio(arms, emergent, mscArm),
				vitals, toxicity, shifts, List.of());
	}

	/**
	 * {subjects with at least one treatment-emergent adverse event (only serious ones when {@code seriousOnly}),
	 * subjects} of one arm: the counts a pooled analysis of adverse events takes from a study.
	 */
	public static int[] subjectsWithEvent(List<SafetyData.Subject> subjects, String arm, LocalDate asOf,
			boolean seriousOnly) {
		int with = 0;
		int total = 0;
		for (SafetyData.Subject subject : subjects) {
			if (!arm.equals(subject.arm())) {
				continue;
			}
			total++;
			if (treatmentEmergent(subject, asOf).stream()
					.anyMatch(e -> !seriousOnly || "serious".equals(seriousnessOf(e)))) {
				with++;
			}
		}
		return new int[] {with, total};
	}

	/**
	 * Events from day 0 (all of them without a day 0) up to the cut-off date, both included, by the day written at
	 * the site (as ADAE's TRTEMFL and every other operation's dates).
	 */
	public static List<AdverseEvent> treatmentEmergent(SafetyData.Subject subject, LocalDate asOf) {
		return subject.events().stream().filter(e -> (subject.day0() == null || !e.day().isBefore(subject.day0()))
				&& !e.day().isAfter(asOf)).toList();
	}

	private static String seriousnessOf(AdverseEvent event) {
		return event.serious() == null ? "unknown" : event.serious() ? "serious" : "non-serious";
	}

	private static Integer dayAfterDay0(SafetyData.Subject subject, AdverseEvent event) {
		return subject.day0() == null ? null
				: (int) ChronoUnit.DAYS.between(subject.day0(), event.day());
	}

	private static EventCount count(String arm, String dimension, String category,
			Map<SafetyData.Subject, List<AdverseEvent>> events, java.util.function.Predicate<AdverseEvent> filter) {
		int eventCount = 0;
		int subjects = 0;
		List<String> evidence = new ArrayList<>();
		for (List<AdverseEvent> list : events.values()) {
			List<AdverseEvent> matching = list.stream().filter(filter).toList();
			eventCount += matching.size();
			subjects += matching.isEmpty() ? 0 : 1;
			matching.forEach(e -> evidence.add(e.reference()));
		}
		return new EventCount(arm, dimension, category, eventCount, subjects, evidence);
	}

	/**
	 * Events starting at or after an infusion and at most the window after it, attributed to the latest such
	 * infusion; one count per infusion number given in the arm.
	 */
	static List<EventCount> infusionReactions(String arm, Map<SafetyData.Subject, List<AdverseEvent>> events,
			SafetyThresholds thresholds) {
		Duration window = Duration.ofHours(thresholds.infusionReactionHours());
		Map<Integer, Map<SafetyData.Subject, List<AdverseEvent>>> byInfusion = new TreeMap<>();
		events.keySet().forEach(s -> s.infusions().forEach(i -> byInfusion.computeIfAbsent(i.number(),
				n -> new LinkedHashMap<>())));
		events.forEach((subject, list) -> {
			for (AdverseEvent event : list) {
				subject.infusions().stream()
						.filter(i -> !event.start().isBefore(i.start())
								&& !event.start().isAfter(i.start().plus(window)))
						.max(Comparator.comparing(Infusion::start))
						.ifPresent(i -> byInfusion.get(i.number()).computeIfAbsent(subject, k -> new ArrayList<>())
								.add(event));
			}
		});
		List<EventCount> counts = new ArrayList<>();
		byInfusion.forEach((number, reactions) -> counts.add(count(arm, "infusion", String.valueOf(number), reactions,
				e -> true)));
		return counts;
	}

	static List<LabCount> labAbnormalities(String arm, List<SafetyData.Subject> subjects,
			Map<SafetyData.Subject, SubjectValues> valuesOf, VisitAttribution schedule) {
		List<SubjectValues> armValues = subjects.stream().map(valuesOf::get).toList();
		int[] afterDay0 = afterDay0(schedule);
		List<LabCount> counts = new ArrayList<>();
		for (SafetyLab lab : SafetyLab.values()) {
			// Keyed by subject reference, in the arm's order: baselines, and the values at each visit by its position.
			Map<String, LabResult> baselines = new LinkedHashMap<>();
			List<Map<String, LabResult>> atVisits = new ArrayList<>(schedule.visits().size());
			schedule.visits().forEach(v -> atVisits.add(new LinkedHashMap<>()));
			for (int s = 0; s < subjects.size(); s++) {
				String subject = subjects.get(s).subject();
				SubjectValues values = armValues.get(s);
				LabResult baseline = values.labBaselines.get(lab);
				if (baseline != null) {
					baselines.put(subject, baseline);
				}
				for (int visitIndex : afterDay0) {
					LabResult value = values.labAt(lab, visitIndex);
					if (value != null) {
						atVisits.get(visitIndex).put(subject, value);
					}
				}
			}
			if (!baselines.isEmpty()) {
				counts.add(labCount(arm, lab, Visit.BASELINE, baselines, Map.of()));
			}
			for (int visitIndex : afterDay0) {
				if (!atVisits.get(visitIndex).isEmpty()) {
					counts.add(labCount(arm, lab, schedule.visits().get(visitIndex).label(), atVisits.get(visitIndex),
							baselines));
				}
			}
		}
		return counts;
	}

	/**
	 * Per visit after day 0: the subjects with a vital sign there, and those with a significant value or change from
	 * their baseline (the latest value from {@code baselineWindowDays} before day 0 to day 0, as for laboratory
	 * values); the value at a visit is the one closest to its target day within the window, the later on a tie.
	 */
	static List<SafetyReport.VitalCount> vitalSigns(String arm, List<SafetyData.Subject> subjects,
			Map<SafetyData.Subject, SubjectValues> valuesOf, Map<VitalSign, VitalSignCriteria> criteria,
			VisitAttribution schedule) {
		List<SafetyReport.VitalCount> counts = new ArrayList<>();
		for (int visitIndex : afterDay0(schedule)) {
			Visit visit = schedule.visits().get(visitIndex);
			int evaluated = 0;
			Set<String> significantSubjects = new LinkedHashSet<>();
			List<String> evidence = new ArrayList<>();
			for (SafetyData.Subject subject : subjects) {
				SubjectValues values = valuesOf.get(subject);
				boolean any = false;
				for (VitalSign sign : VitalSign.values()) {
					SafetyData.VitalValue value = values.vitalAt(sign, visitIndex);
					if (value == null) {
						continue;
					}
					any = true;
					VitalSignCriteria rule = criteria.get(sign);
					SafetyData.VitalValue baseline = values.vitalBaselines.get(sign);
					if (rule != null && rule.significant(value.value(), baseline == null ? null : baseline.value())) {
						significantSubjects.add(subject.subject());
						evidence.add(value.reference());
					}
				}
				evaluated += any ? 1 : 0;
			}
			if (evaluated > 0) {
				counts.add(new SafetyReport.VitalCount(arm, visit.label(), evaluated, significantSubjects.size(),
						evidence));
			}
		}
		return counts;
	}

	/**
	 * One subject's laboratory values and vital signs as the tables count them: each test's and sign's baseline and
	 * value at each visit after day 0. Worked out once per summary: the whole study's tables and its arm's read the
	 * same subject, and each value is looked at once per test rather than once per test, visit and arm. The values at
	 * visits are kept by the visit's position in the schedule ({@link VisitAttribution#indexOf}).
	 */
	static final class SubjectValues {

		final Map<SafetyLab, LabResult> labBaselines = new java.util.EnumMap<>(SafetyLab.class);
		final Map<SafetyLab, List<LabResult>> labsAtVisits = new java.util.EnumMap<>(SafetyLab.class);
		final Map<VitalSign, SafetyData.VitalValue> vitalBaselines = new java.util.EnumMap<>(VitalSign.class);
		final Map<VitalSign, List<SafetyData.VitalValue>> vitalsAtVisits = new java.util.EnumMap<>(VitalSign.class);

		static SubjectValues of(SafetyData.Subject subject, SafetyThresholds thresholds, VisitAttribution schedule,
				LocalDate asOf) {
			SubjectValues values = new SubjectValues();
			if (subject.day0() == null) {
				return values;
			}
			Map<SafetyLab, List<LabResult>> labs = subject.labs().stream().filter(r -> !r.date().isAfter(asOf))
					.collect(java.util.stream.Collectors.groupingBy(LabResult::lab,
							() -> new java.util.EnumMap<>(SafetyLab.class), java.util.stream.Collectors.toList()));
			labs.forEach((lab, results) -> {
				baseline(subject, results, thresholds).ifPresent(b -> values.labBaselines.put(lab, b));
				values.labsAtVisits.put(lab, atVisits(subject, results, schedule, LabResult::date, LabResult::reference));
			});
			Map<VitalSign, List<SafetyData.VitalValue>> vitals = subject.vitals().stream()
					.filter(v -> !v.date().isAfter(asOf))
					.collect(java.util.stream.Collectors.groupingBy(SafetyData.VitalValue::sign,
							() -> new java.util.EnumMap<>(VitalSign.class), java.util.stream.Collectors.toList()));
			vitals.forEach((sign, signValues) -> {
				vitalBaseline(subject, signValues, thresholds).ifPresent(b -> values.vitalBaselines.put(sign, b));
				values.vitalsAtVisits.put(sign, atVisits(subject, signValues, schedule, SafetyData.VitalValue::date,
						SafetyData.VitalValue::reference));
			});
			return values;
		}

		/** The value of the visit at {@code visitIndex} in the schedule; null without one. */
		LabResult labAt(SafetyLab lab, int visitIndex) {
			List<LabResult> atVisits = labsAtVisits.get(lab);
			return atVisits == null ? null : atVisits.get(visitIndex);
		}

		/** The value of the visit at {@code visitIndex} in the schedule; null without one. */
		SafetyData.VitalValue vitalAt(VitalSign sign, int visitIndex) {
			List<SafetyData.VitalValue> atVisits = vitalsAtVisits.get(sign);
			return atVisits == null ? null : atVisits.get(visitIndex);
		}
	}

	/**
	 * Of one test's or sign's values up to the cut-off, the value of each visit after day 0, by the visit's position
	 * in the schedule (null where none): of the values the visit holds ({@link VisitAttribution}), the closest to its
	 * target; on a tie the later, then the first reference. One pass over the values.
	 */
	static <T> List<T> atVisits(SafetyData.Subject subject, List<T> values, VisitAttribution schedule,
			Function<T, LocalDate> date, Function<T, String> reference) {
		List<Visit> visits = schedule.visits();
		List<T> chosen = new ArrayList<>(java.util.Collections.nCopies(visits.size(), null));
		for (T value : values) {
			long day = ChronoUnit.DAYS.between(subject.day0(), date.apply(value));
			int index = schedule.indexOf(day);
			if (index < 0 || visits.get(index).targetDay() <= 0) {
				continue;
			}
			T best = chosen.get(index);
			if (best == null || countsBefore(visits.get(index), subject.day0(), value, best, date, reference)) {
				chosen.set(index, value);
			}
		}
		return chosen;
	}

	/** {@link VisitAttribution#compareForVisit}; two values of one day by reference, the first counting. */
	private static <T> boolean countsBefore(Visit visit, LocalDate day0, T value, T than, Function<T, LocalDate> date,
			Function<T, String> reference) {
		int order = VisitAttribution.compareForVisit(visit, ChronoUnit.DAYS.between(day0, date.apply(value)),
				ChronoUnit.DAYS.between(day0, date.apply(than)));
		return order != 0 ? order < 0 : reference.apply(value).compareTo(reference.apply(than)) < 0;
	}

	/** Of one sign's values up to the cut-off, the latest dated from {@code baselineWindowDays} before day 0 to day 0. */
	static Optional<SafetyData.VitalValue> vitalBaseline(SafetyData.Subject subject,
			List<SafetyData.VitalValue> values, SafetyThresholds thresholds) {
		LocalDate from = subject.day0().minusDays(thresholds.baselineWindowDays());
		return values.stream().filter(v -> !v.date().isBefore(from) && !v.date().isAfter(subject.day0()))
				.max(Comparator.comparing(SafetyData.VitalValue::date).thenComparing(SafetyData.VitalValue::reference));
	}

	/** {@code values} and {@code baselines} are keyed by subject reference. */
	private static LabCount labCount(String arm, SafetyLab lab, String visit, Map<String, LabResult> values,
			Map<String, LabResult> baselines) {
		List<String> above = values.values().stream().filter(LabResult::above).map(LabResult::reference).toList();
		List<String> below = values.values().stream().filter(LabResult::below).map(LabResult::reference).toList();
		int normalAtBaseline = 0;
		List<String> newAbnormal = new ArrayList<>();
		for (Map.Entry<String, LabResult> value : values.entrySet()) {
			LabResult baseline = baselines.get(value.getKey());
			if (baseline != null && !baseline.abnormal()) {
				normalAtBaseline++;
				if (value.getValue().abnormal()) {
					newAbnormal.add(value.getValue().reference());
				}
			}
		}
		return new LabCount(arm, lab, visit, values.size(), above.size(), below.size(), normalAtBaseline,
				newAbnormal.size(), above, below, newAbnormal);
	}

	/** Of one test's values up to the cut-off, the latest dated from {@code baselineWindowDays} before day 0 to day 0, both included. */
	static Optional<LabResult> baseline(SafetyData.Subject subject, List<LabResult> results,
			SafetyThresholds thresholds) {
		LocalDate from = subject.day0().minusDays(thresholds.baselineWindowDays());
		return results.stream().filter(r -> !r.date().isBefore(from) && !r.date().isAfter(subject.day0()))
				.max(Comparator.comparing(LabResult::date).thenComparing(LabResult::reference));
	}

	/** The positions in the schedule of the visits after day 0, in the schedule's order. */
	private static int[] afterDay0(VisitAttribution schedule) {
		return java.util.stream.IntStream.range(0, schedule.visits().size())
				.filter(i -> schedule.visits().get(i).targetDay() > 0).toArray();
	}

	static Rate rate(String arm, int withEvent, int subjects) {
		if (subjects == 0) {
			return new Rate(arm, 0, 0, null, null, null);
		}
		Proportions.Estimate wilson = Proportions.wilson(withEvent, subjects);
		return new Rate(arm, withEvent, subjects, wilson.value(), wilson.lower(), wilson.upper());
	}

	private static OddsRatio oddsRatio(Map<String, List<SafetyData.Subject>> arms,
			Map<SafetyData.Subject, List<AdverseEvent>> emergent, String mscArm) {
		Set<String> names = new LinkedHashSet<>(arms.keySet());
		names.remove(ArmGroups.ALL);
		if (mscArm == null || names.size() != 2 || !names.contains(mscArm)) {
			return null;
		}
		String control = names.stream().filter(n -> !n.equals(mscArm)).findFirst().orElseThrow();
		int a = (int) arms.get(mscArm).stream().filter(s -> !emergent.get(s).isEmpty()).count();
		int c = (int) arms.get(control).stream().filter(s -> !emergent.get(s).isEmpty()).count();
		return oddsRatio(mscArm, control, a, arms.get(mscArm).size() - a, c, arms.get(control).size() - c);
	}

	/** Odds ratio with Woolf's 95 % interval, correcting every cell by 0.5 when one is zero. */
	static OddsRatio oddsRatio(String mscArm, String controlArm, int a, int b, int c, int d) {
		Proportions.OddsRatio or = Proportions.oddsRatio(a, b, c, d);
		return new OddsRatio(mscArm, controlArm, a, b, c, d, or.correction(), or.estimate().value(),
				or.estimate().lower(), or.estimate().upper());
	}

	private static Map<String, List<SafetyData.Subject>> byArm(List<SafetyData.Subject> subjects) {
		return ArmGroups.byArm(subjects, SafetyData.Subject::arm);
	}
}
