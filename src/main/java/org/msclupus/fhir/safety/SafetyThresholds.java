package org.msclupus.fhir.safety;

/**
 * The windows the safety summary uses: an event is an infusion reaction when it starts within
 * {@code infusionReactionHours} of an MSC infusion (inclusive); a laboratory baseline is the latest value in
 * {@code baselineWindowDays} before day 0; a visit value is the one closest to the target day within
 * {@code monthVisitWindowDays} (month visits) or {@code yearVisitWindowDays} (year visits).
 */
public record SafetyThresholds(int infusionReactionHours, int baselineWindowDays, int monthVisitWindowDays,
		int yearVisitWindowDays) {

	public static final SafetyThresholds DEFAULTS = new SafetyThresholds(24, 30, 30, 90);
}
