package org.msclupus.fhir.study;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.response.VisitResult;
import org.msclupus.fhir.statistics.TwoMeans;
import org.msclupus.fhir.statistics.TwoProportions;

/**
 * The comparison of two arms a trial reports (NCT05631717's primary analysis compares the arms' week-24 response
 * rates): for each criteria set's outcomes, the counts of both arms with the risk difference, odds ratio, risk ratio
 * and Fisher's p; and for change from baseline, each measure's mean change at each visit with Welch's test.
 */
public final class StudyComparisons {

	private StudyComparisons() {
	}

	/** One outcome compared: counts always; estimates only when both denominators are positive. */
	public record OutcomeComparison(String criteria, String outcome, ArmComparison arms, int count, int denominator,
			int referenceCount, int referenceDenominator, TwoProportions.Comparison estimates) {
	}

	/** One measure at one visit compared: counts always; estimates only when Welch's test is defined. */
	public record ChangeComparison(String measure, String visit, ArmComparison arms, int n, int referenceN,
			Double meanChange, Double referenceMeanChange, TwoMeans.Comparison estimates) {
	}

	public static List<OutcomeComparison> outcomes(List<ResponseCriteria> rules, List<SubjectOutcome> outcomes,
			ArmComparison arms) {
		List<OutcomeComparison> comparisons = new ArrayList<>();
		for (ResponseCriteria rule : rules) {
			for (Map.Entry<String, Set<Response>> outcome : rule.comparedOutcomes().entrySet()) {
				int[] arm = counts(outcomes, rule.code(), arms.arm(), outcome.getValue(), arms.missingAs());
				int[] reference = counts(outcomes, rule.code(), arms.referenceArm(), outcome.getValue(),
						arms.missingAs());
				TwoProportions.Comparison estimates = arm[1] > 0 && reference[1] > 0
						? TwoProportions.compare(arm[0], arm[1], reference[0], reference[1]) : null;
				comparisons.add(new OutcomeComparison(rule.code(), outcome.getKey(), arms, arm[0], arm[1],
						reference[0], reference[1], estimates));
			}
		}
		return comparisons;
	}

	/** {count, denominator} of the arm's subjects with a category in {@code having}. */
	private static int[] counts(List<SubjectOutcome> outcomes, String criteria, String arm, Set<Response> having,
			ArmComparison.MissingAs missingAs) {
		int count = 0;
		int denominator = 0;
		for (SubjectOutcome o : outcomes) {
			if (!o.result().criteria().equals(criteria) || !arm.equals(o.arm())) {
				continue;
			}
			Response response = o.result().response();
			if ((response == null || response == Response.NE) && missingAs == ArmComparison.MissingAs.EXCLUDED) {
				continue;
			}
			denominator++;
			if (response != null && having.contains(response)) {
				count++;
			}
		}
		return new int[] {count, denominator};
	}

	/** Per measure and visit after baseline (in the order the results list them), the two arms' changes compared. */
	public static List<ChangeComparison> changes(List<ResponseCriteria> rules, List<SubjectOutcome> outcomes,
			ArmComparison arms) {
		Set<String> reporting = new LinkedHashSet<>();
		rules.stream().filter(ResponseCriteria::reportsChangeFromBaseline).forEach(r -> reporting.add(r.code()));
		Set<String> visits = new LinkedHashSet<>();
		Set<String> measures = new java.util.TreeSet<>();
		List<SubjectOutcome> relevant = outcomes.stream()
				.filter(o -> reporting.contains(o.result().criteria())).toList();
		for (SubjectOutcome o : relevant) {
			for (VisitResult v : o.result().visits()) {
				if (!v.label().equals(Visit.BASELINE)) {
					visits.add(v.label());
				}
				v.changes().forEach(c -> measures.add(c.measure().code()));
			}
		}
		// Every change once, by arm, visit and measure, rather than a pass over all subjects per measure and visit.
		Map<String, List<Double>> changes = new java.util.HashMap<>();
		for (SubjectOutcome o : relevant) {
			for (VisitResult v : o.result().visits()) {
				for (MeasureChange c : v.changes()) {
					if (c.change() != null) {
						changes.computeIfAbsent(key(o.arm(), v.label(), c.measure().code()), k -> new ArrayList<>())
								.add(c.change().doubleValue());
					}
				}
			}
		}
		List<ChangeComparison> comparisons = new ArrayList<>();
		for (String measure : measures) {
			for (String visit : visits) {
				double[] arm = values(changes, key(arms.arm(), visit, measure));
				double[] reference = values(changes, key(arms.referenceArm(), visit, measure));
				if (arm.length == 0 && reference.length == 0) {
					continue;
				}
				TwoMeans.Comparison estimates = null;
				try {
					estimates = TwoMeans.compare(arm, reference);
				} catch (IllegalArgumentException undefined) {
					// fewer than two changes in an arm, or no spread: means only
				}
				comparisons.add(new ChangeComparison(measure, visit, arms, arm.length, reference.length,
						mean(arm), mean(reference), estimates));
			}
		}
		return comparisons;
	}

	private static String key(String arm, String visit, String measure) {
		return arm + "|" + visit + "|" + measure;
	}

	private static double[] values(Map<String, List<Double>> changes, String key) {
		return changes.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static Double mean(double[] values) {
		return values.length == 0 ? null : java.util.Arrays.stream(values).average().orElseThrow();
	}
}
