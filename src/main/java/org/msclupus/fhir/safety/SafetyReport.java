package org.msclupus.fhir.safety;

import java.util.List;

/**
 * The safety summary of a study: adverse-event counts, deaths, infusion reactions, laboratory abnormalities per
 * visit, event rates and, for two arms, the odds ratio. Every count lists the resources behind it.
 */
public record SafetyReport(SafetyThresholds thresholds, List<EventCount> adverseEvents, List<Death> deaths,
		List<EventCount> infusionReactions, List<LabCount> labAbnormalities, List<Rate> rates, OddsRatio oddsRatio,
		List<VitalCount> vitalSigns, List<LabToxicitySummary.ToxicityCount> labToxicity,
		List<LabToxicitySummary.ShiftCount> labShift, List<SusarCandidates.Candidate> susarCandidates) {

	/** The report with its expedited-reporting candidates. */
	public SafetyReport withSusarCandidates(List<SusarCandidates.Candidate> candidates) {
		return new SafetyReport(thresholds, adverseEvents, deaths, infusionReactions, labAbnormalities, rates,
				oddsRatio, vitalSigns, labToxicity, labShift, List.copyOf(candidates));
	}

	/**
	 * One visit after day 0 in one arm: subjects with a vital sign at the visit ({@code evaluated}) and those with a
	 * potentially clinically significant value or change from baseline, with the Observations that were.
	 */
	public record VitalCount(String arm, String visit, int evaluated, int significant, List<String> evidence) {
	}


	/**
	 * Events and subjects with at least one event in one category of one dimension ({@code any}, {@code seriousness},
	 * {@code grade}, {@code relatedness}, or {@code infusion} for infusion reactions, whose category is the infusion
	 * number).
	 */
	public record EventCount(String arm, String dimension, String category, int events, int subjects,
			List<String> evidence) {
	}

	/** A death (grade 5 or a fatal outcome) and its day after day 0 (null when day 0 is unknown). */
	public record Death(String arm, String subject, String event, Integer day) {
	}

	/**
	 * One laboratory test at one visit in one arm: subjects with a value ({@code evaluated}), above and below the
	 * value's own reference range, and those within range at baseline who are out of range at this visit
	 * ({@code newAbnormal}, over {@code normalAtBaseline} subjects; both 0 at baseline itself).
	 */
	public record LabCount(String arm, SafetyLab lab, String visit, int evaluated, int above, int below,
			int normalAtBaseline, int newAbnormal, List<String> aboveEvidence, List<String> belowEvidence,
			List<String> newAbnormalEvidence) {
	}

	/** Subjects with at least one adverse event over the subjects of the arm, with the Wilson 95 % interval. */
	public record Rate(String arm, int subjectsWithEvent, int subjects, Double proportion, Double low, Double high) {
	}

	/**
	 * Odds of at least one adverse event in the MSC arm over the control arm: cells a, b (MSC with, without) and c, d
	 * (control with, without); {@code correction} is what was added to every cell when one was zero.
	 */
	public record OddsRatio(String mscArm, String controlArm, int a, int b, int c, int d, double correction,
			double ratio, double low, double high) {
	}
}
