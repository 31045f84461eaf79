package org.msclupus.fhir.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.Sri4;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.VisitResult;

class StudyAggregatorTest {

	/** The criteria sets as shipped: each says which categories it grades and where it judges relapse. */
	static final List<ResponseCriteria> SETS = List.of(new LnRenalResponse(LnRenalResponse.Thresholds.DEFAULTS),
			new Sri4(Sri4.Thresholds.DEFAULTS), new BilagMcrPcr(BilagMcrPcr.Thresholds.DEFAULTS),
			new ChangeFromBaseline(ChangeFromBaseline.Thresholds.DEFAULTS));

	private static final double Z = 1.959963984540054; // two-sided 95 %

	private static SubjectOutcome outcome(String arm, String criteria, Response response, String relapseVisit) {
		CriteriaResult result = new CriteriaResult(criteria, "1", Map.of(), response, null, null, null,
				relapseVisit != null, relapseVisit, null, List.of(), new TreeSet<>(), List.of(), List.of(), "");
		return new SubjectOutcome("ResearchSubject/" + Math.random(), arm, result);
	}

	/** The Wilson score interval written out, to check the library against. */
	private static double[] wilson(int k, int n) {
		double p = (double) k / n;
		double denominator = 1 + Z * Z / n;
		double centre = (p + Z * Z / (2 * n)) / denominator;
		double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / denominator;
		return new double[] {centre - half, centre + half};
	}

	@Test
	void relapsesAreCountedOverTheRespondersAsTheMulticenterStudyReportsThem() {
		// 40 subjects: 13 MCR, 11 PCR, 16 NR; of the 24 responders, 3 relapse at month 9 and 4 at month 12.
		List<SubjectOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			Response response = i < 13 ? Response.MCR : i < 24 ? Response.PCR : Response.NR;
			String relapse = i < 3 ? "month-9" : i >= 13 && i < 17 ? "month-12" : null;
			outcomes.add(outcome("uc-msc", "bilag-mcr-pcr", response, relapse));
		}
		List<CategoryCount> counts = StudyAggregator.categoryCounts(SETS, outcomes);
		CategoryCount mcr = counts.stream().filter(c -> c.arm().equals("all") && c.category().equals("MCR")).findFirst()
				.orElseThrow();
		assertThat(mcr.count()).isEqualTo(13);
		assertThat(mcr.denominator()).isEqualTo(40);
		assertThat(mcr.rate()).isEqualTo(0.325);
		assertThat(mcr.ciLower()).isCloseTo(wilson(13, 40)[0], within(1e-12));
		assertThat(mcr.ciUpper()).isCloseTo(wilson(13, 40)[1], within(1e-12));

		CategoryCount month9 = counts.stream().filter(c -> c.arm().equals("all") && c.category().equals("relapse")
				&& "month-9".equals(c.visit())).findFirst().orElseThrow();
		assertThat(month9.count()).isEqualTo(3);
		assertThat(month9.denominator()).isEqualTo(24);
		assertThat(month9.rate()).isEqualTo(0.125);
		assertThat(month9.ciLower()).isCloseTo(wilson(3, 24)[0], within(1e-12));
		CategoryCount month12 = counts.stream().filter(c -> c.arm().equals("all") && "month-12".equals(c.visit()))
				.findFirst().orElseThrow();
		assertThat(month12.rate()).isCloseTo(4.0 / 24, within(1e-12)); // 16.7 %
	}

	@Test
	void everyArmAndAllArmsGetEveryCategoryEvenWhenEmpty() {
		List<SubjectOutcome> outcomes = List.of(outcome("uc-msc", "ln-renal-response", Response.CR, null),
				outcome("uc-msc", "ln-renal-response", Response.NE, null),
				outcome("il-2", "ln-renal-response", Response.PR, null));
		List<CategoryCount> counts = StudyAggregator.categoryCounts(SETS, outcomes);
		assertThat(counts).extracting(c -> c.arm() + " " + c.category() + " " + c.count() + "/" + c.denominator())
				.containsExactly("all CR 1/3", "all PR 1/3", "all NR 0/3", "all NE 1/3",
						"uc-msc CR 1/2", "uc-msc PR 0/2", "uc-msc NR 0/2", "uc-msc NE 1/2",
						"il-2 CR 0/1", "il-2 PR 1/1", "il-2 NR 0/1", "il-2 NE 0/1");
		CategoryCount none = counts.get(8); // il-2 CR 0/1
		assertThat(none.rate()).isZero();
		assertThat(none.ciLower()).isZero();
		assertThat(none.ciUpper()).isCloseTo(wilson(0, 1)[1], within(1e-12));
	}

	@Test
	void relapseWithoutRespondersHasNoRate() {
		List<CategoryCount> counts = StudyAggregator.categoryCounts(SETS, List.of(outcome("a", "bilag-mcr-pcr", Response.NR, null)));
		CategoryCount relapse = counts.stream().filter(c -> c.category().equals("relapse")).findFirst().orElseThrow();
		assertThat(relapse.denominator()).isZero();
		assertThat(relapse.rate()).isNull();
		assertThat(relapse.ciLower()).isNull();
	}

	private static SubjectOutcome sledai(String arm, int baseline, Integer month12) {
		List<VisitResult> visits = new ArrayList<>();
		visits.add(new VisitResult("baseline", null, null,
				List.of(new MeasureChange(Measure.SLEDAI_2K, BigDecimal.valueOf(baseline), null, null))));
		if (month12 != null) {
			visits.add(new VisitResult("month-12", null, null, List.of(new MeasureChange(Measure.SLEDAI_2K,
					BigDecimal.valueOf(month12), BigDecimal.valueOf(month12 - baseline), null))));
		}
		CriteriaResult result = new CriteriaResult("change-from-baseline", "1", Map.of(), null, null, null, null, null,
				null, null, visits, new TreeSet<>(), List.of(), List.of(), "");
		return new SubjectOutcome("ResearchSubject/" + baseline, arm, result);
	}

	@Test
	void changeFromBaselineGivesMeanSdMedianAndThePairedTTest() {
		List<SubjectOutcome> outcomes = List.of(sledai("uc-msc", 12, 3), sledai("uc-msc", 16, 8), sledai("uc-msc", 9, 0),
				sledai("uc-msc", 14, 7), sledai("uc-msc", 10, null));
		List<MeasureStatistic> statistics = StudyAggregator.changeStatistics(SETS, outcomes);
		MeasureStatistic baseline = statistics.stream().filter(s -> s.arm().equals("all") && s.visit().equals("baseline"))
				.findFirst().orElseThrow();
		assertThat(baseline.n()).isEqualTo(5);
		assertThat(baseline.mean()).isCloseTo(12.2, within(1e-12));
		assertThat(baseline.median()).isEqualTo(12.0);
		assertThat(baseline.sd()).isCloseTo(Math.sqrt((0.04 + 14.44 + 10.24 + 3.24 + 4.84) / 4), within(1e-12));
		assertThat(baseline.pValue()).isNull();

		MeasureStatistic month12 = statistics.stream().filter(s -> s.arm().equals("all") && s.visit().equals("month-12"))
				.findFirst().orElseThrow();
		assertThat(month12.n()).isEqualTo(4);
		assertThat(month12.mean()).isCloseTo(4.5, within(1e-12));
		assertThat(month12.median()).isEqualTo(5.0);
		assertThat(month12.nPaired()).isEqualTo(4);
		// Changes -9, -8, -9, -7: mean -8.25, SD 0.9574; t = mean / (SD / sqrt(4)) with 3 degrees of freedom.
		double sd = Math.sqrt((0.5625 + 0.0625 + 0.5625 + 1.5625) / 3);
		assertThat(month12.meanChange()).isCloseTo(-8.25, within(1e-12));
		assertThat(month12.sdChange()).isCloseTo(sd, within(1e-12));
		double t = -8.25 / (sd / 2);
		double p = 2 * new TDistribution(3).cumulativeProbability(-Math.abs(t));
		assertThat(month12.pValue()).isCloseTo(p, within(1e-12)).isLessThan(0.001);
	}

	/**
	 * The 95 % t interval of a mean on Student's sleep data (1908; R's {@code sleep}, group 1): mean 0.75, interval
	 * -0.5297804 to 2.0297804, as R's {@code t.test(sleep$extra[sleep$group == 1])} prints it.
	 */
	@Test
	void theMeansIntervalIsStudentsT() {
		org.apache.commons.math3.stat.descriptive.DescriptiveStatistics values =
				new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(
						new double[] {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0});
		double[] interval = StudyAggregator.meanInterval(values);
		assertThat(interval[0]).isCloseTo(-0.5297804, org.assertj.core.api.Assertions.within(1e-7));
		assertThat(interval[1]).isCloseTo(2.0297804, org.assertj.core.api.Assertions.within(1e-7));
		assertThat(StudyAggregator.meanInterval(new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(
				new double[] {1.0}))).isNull();
	}
}
