package org.msclupus.fhir.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.response.VisitResult;
import org.msclupus.fhir.statistics.ArmGroups;
import org.msclupus.fhir.statistics.Proportions;

/**
 * The numbers a trial report gives, per arm and for all arms together: response categories over the enrolled
 * subjects, relapses by visit over the responders (MCR + PCR, as Wang D et al., Arthritis Res Ther 2014;16:R79 report
 * 3/24 = 12.5 % at month 9), and for change from baseline the mean ± SD of each measure per visit with the paired
 * t test against baseline (as Liang J et al., Ann Rheum Dis 2010;69:1423 report SLEDAI 12.2±3.3 to 3.2±2.8).
 * Plain Java with commons-math for the distributions.
 */
public final class StudyAggregator {

	public static final String RELAPSE = "relapse";

	private StudyAggregator() {
	}

	/**
	 * Counts per criteria set, arm ("all" first, then each arm in order of appearance) and category, for the sets
	 * among {@code rules} that grade a response; relapses per visit over the responders for the sets that judge one.
	 */
	public static List<CategoryCount> categoryCounts(List<ResponseCriteria> rules, List<SubjectOutcome> outcomes) {
		Map<String, ResponseCriteria> byCode = new LinkedHashMap<>();
		rules.forEach(r -> byCode.put(r.code(), r));
		List<CategoryCount> counts = new ArrayList<>();
		for (Map.Entry<String, List<SubjectOutcome>> byCriteria : groupByCriteria(outcomes).entrySet()) {
			String criteria = byCriteria.getKey();
			ResponseCriteria rule = byCode.get(criteria);
			List<Response> categories = rule == null ? List.of() : rule.categories();
			if (categories.isEmpty()) {
				continue; // change from baseline grades no response
			}
			for (Map.Entry<String, List<SubjectOutcome>> byArm : groupByArm(byCriteria.getValue()).entrySet()) {
				List<SubjectOutcome> arm = byArm.getValue();
				for (Response category : categories) {
					int count = (int) arm.stream().filter(o -> o.result().response() == category).count();
					counts.add(count(criteria, byArm.getKey(), category.name(), null, count, arm.size()));
				}
				if (!rule.relapseVisits().isEmpty()) {
					int responders = (int) arm.stream()
							.filter(o -> o.result().response() != null && o.result().response().isResponse()).count();
					for (String visit : rule.relapseVisits()) {
						int relapses = (int) arm.stream().filter(o -> visit.equals(o.result().relapseVisit())).count();
						counts.add(count(criteria, byArm.getKey(), RELAPSE, visit, relapses, responders));
					}
				}
			}
		}
		return counts;
	}

	/**
	 * Change-from-baseline statistics per measure, arm and visit (baseline included), for the visits with values, of
	 * the sets among {@code rules} that report change from baseline.
	 */
	public static List<MeasureStatistic> changeStatistics(List<ResponseCriteria> rules, List<SubjectOutcome> outcomes) {
		Set<String> reportingChange = new java.util.HashSet<>();
		rules.stream().filter(ResponseCriteria::reportsChangeFromBaseline).forEach(r -> reportingChange.add(r.code()));
		List<MeasureStatistic> statistics = new ArrayList<>();
		List<SubjectOutcome> changes = outcomes.stream()
				.filter(o -> reportingChange.contains(o.result().criteria())).toList();
		Set<String> visitLabels = new LinkedHashSet<>();
		Set<String> measures = new TreeSet<>();
		for (SubjectOutcome o : changes) {
			for (VisitResult v : o.result().visits()) {
				visitLabels.add(v.label());
				v.changes().forEach(c -> measures.add(c.measure().code()));
			}
		}
		// Each subject's changes by visit and measure, looked up once per statistic instead of searched.
		Map<SubjectOutcome, Map<String, MeasureChange>> index = new java.util.IdentityHashMap<>();
		for (SubjectOutcome o : changes) {
			Map<String, MeasureChange> byKey = new java.util.HashMap<>();
			for (VisitResult v : o.result().visits()) {
				v.changes().forEach(c -> byKey.putIfAbsent(v.label() + "|" + c.measure().code(), c));
			}
			index.put(o, byKey);
		}
		for (Map.Entry<String, List<SubjectOutcome>> byArm : groupByArm(changes).entrySet()) {
			for (String measure : measures) {
				for (String visit : visitLabels) {
					MeasureStatistic statistic = statistic(measure, byArm.getKey(), visit, byArm.getValue(), index);
					if (statistic.n() > 0) {
						statistics.add(statistic);
					}
				}
			}
		}
		return statistics;
	}

	private static MeasureStatistic statistic(String measure, String arm, String visit, List<SubjectOutcome> subjects,
			Map<SubjectOutcome, Map<String, MeasureChange>> index) {
		DescriptiveStatistics values = new DescriptiveStatistics();
		List<double[]> pairs = new ArrayList<>();
		for (SubjectOutcome subject : subjects) {
			Map<String, MeasureChange> changes = index.get(subject);
			MeasureChange atVisit = changes.get(visit + "|" + measure);
			if (atVisit == null) {
				continue;
			}
			values.addValue(atVisit.value().doubleValue());
			MeasureChange atBaseline = changes.get(Visit.BASELINE + "|" + measure);
			if (atBaseline != null && atVisit.change() != null && !visit.equals(Visit.BASELINE)) {
				pairs.add(new double[] {atBaseline.value().doubleValue(), atVisit.value().doubleValue()});
			}
		}
		int n = (int) values.getN();
		DescriptiveStatistics change = new DescriptiveStatistics();
		pairs.forEach(p -> change.addValue(p[1] - p[0]));
		Double pValue = null;
		if (pairs.size() >= 2 && change.getStandardDeviation() > 0) {
			double[] before = pairs.stream().mapToDouble(p -> p[0]).toArray();
			double[] after = pairs.stream().mapToDouble(p -> p[1]).toArray();
			pValue = new TTest().pairedTTest(after, before);
		}
		double[] interval = meanInterval(values);
		return new MeasureStatistic(measure, arm, visit, n, n > 0 ? values.getMean() : null,
				n > 1 ? values.getStandardDeviation() : null, n > 0 ? values.getPercentile(50) : null, pairs.size(),
				pairs.isEmpty() ? null : change.getMean(), pairs.size() > 1 ? change.getStandardDeviation() : null,
				pValue, interval == null ? null : interval[0], interval == null ? null : interval[1]);
	}

	/** The two-sided 95 % t interval of the mean: mean ± t(0.975, n − 1) · SD / √n; null below two values. */
	static double[] meanInterval(DescriptiveStatistics values) {
		long n = values.getN();
		if (n < 2) {
			return null;
		}
		double half = new org.apache.commons.math3.distribution.TDistribution(n - 1).inverseCumulativeProbability(0.975)
				* values.getStandardDeviation() / Math.sqrt(n);
		return new double[] {values.getMean() - half, values.getMean() + half};
	}

	private static CategoryCount count(String criteria, String arm, String category, String visit, int count,
			int denominator) {
		if (denominator == 0) {
			return new CategoryCount(criteria, arm, category, visit, count, 0, null, null, null);
		}
		Proportions.Estimate wilson = Proportions.wilson(count, denominator);
		return new CategoryCount(criteria, arm, category, visit, count, denominator, wilson.value(), wilson.lower(),
				wilson.upper());
	}

	private static Map<String, List<SubjectOutcome>> groupByCriteria(List<SubjectOutcome> outcomes) {
		Map<String, List<SubjectOutcome>> groups = new LinkedHashMap<>();
		outcomes.forEach(o -> groups.computeIfAbsent(o.result().criteria(), k -> new ArrayList<>()).add(o));
		return groups;
	}

	private static Map<String, List<SubjectOutcome>> groupByArm(List<SubjectOutcome> outcomes) {
		return ArmGroups.byArm(outcomes, SubjectOutcome::arm);
	}
}
