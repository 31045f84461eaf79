package org.msclupus.fhir.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A study's visit schedule: its visits in order of target day (day 0 and screening visits included). A study reads
 * it from the PlanDefinition its protocol references; the two schedules the trials started with are also known by
 * code (CodeSystem visit-schedule): weeks 4-24 of the lupus nephritis trial NCT05631717 and months 1-12 of the UC-MSC
 * multicenter study (Wang D et al., Arthritis Res Ther 2014;16:R79). Those two are also the fixed assessment visits
 * of {@code ln-renal-response} and {@code bilag-mcr-pcr}.
 */
public final class VisitSchedule {

	public static final VisitSchedule WEEKS_24 = new VisitSchedule("weeks-24",
			List.of(Visit.week(4), Visit.week(8), Visit.week(16), Visit.week(20), Visit.week(24)));
	public static final VisitSchedule MONTHS_12 = new VisitSchedule("months-12",
			List.of(Visit.month(1), Visit.month(3), Visit.month(6), Visit.month(9), Visit.month(12)));

	private static final Map<String, VisitSchedule> KNOWN = Map.of(WEEKS_24.code, WEEKS_24, MONTHS_12.code, MONTHS_12);

	private final String code;
	private final List<Visit> visits;

	public VisitSchedule(String code, List<Visit> visits) {
		this.code = code;
		this.visits = visits.stream().sorted(Comparator.comparingInt(Visit::targetDay)).toList();
	}

	/** The schedule's name: a visit-schedule code, or the PlanDefinition's name. */
	public String code() {
		return code;
	}

	/** Every visit, in order of target day. */
	public List<Visit> visits() {
		return visits;
	}

	/** The visits after day 0, where change from baseline is measured. */
	public List<Visit> afterDay0() {
		return visits.stream().filter(v -> v.targetDay() > 0).toList();
	}

	/** A schedule of whole weeks (every visit after day 0 on a multiple of 7 days) takes the criteria's week window. */
	public boolean weekly() {
		return afterDay0().stream().allMatch(v -> v.targetDay() % 7 == 0);
	}

	public Optional<Visit> visit(String label) {
		return visits.stream().filter(v -> v.label().equals(label)).findFirst();
	}

	/**
	 * What makes a schedule unusable, each naming its visit: duplicate names, negative windows, target days that do
	 * not increase within an epoch (in the order given). Empty when the schedule is coherent.
	 */
	public static List<String> problems(List<Visit> inGivenOrder) {
		List<String> problems = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Map<String, Visit> lastInEpoch = new java.util.HashMap<>();
		for (Visit v : inGivenOrder) {
			if (!names.add(v.label())) {
				problems.add("visit '" + v.label() + "' is named twice");
			}
			if ((v.windowBefore() != null && v.windowBefore() < 0) || (v.windowAfter() != null && v.windowAfter() < 0)) {
				problems.add("visit '" + v.label() + "' has a negative window (" + v.windowBefore() + " before, "
						+ v.windowAfter() + " after its target day)");
			}
			String epoch = v.epoch() == null ? "" : v.epoch();
			Visit previous = lastInEpoch.put(epoch, v);
			if (previous != null && previous.targetDay() >= v.targetDay()) {
				problems.add("visit '" + v.label() + "' (day " + v.targetDay() + ") does not come after '"
						+ previous.label() + "' (day " + previous.targetDay() + ")"
						+ (epoch.isEmpty() ? "" : " in epoch " + epoch));
			}
		}
		return problems;
	}

	/** A schedule known by its visit-schedule code. */
	public static Optional<VisitSchedule> byCode(String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(KNOWN.get(code));
	}

	@Override
	public String toString() {
		return code;
	}
}
