package org.msclupus.fhir.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Freireich 6-MP leukaemia trial (Freireich EJ et al., Blood 1963;21:699; the data as Gehan, Biometrika
 * 1965;52:203 gives them, weeks in remission, 21 patients per arm), the classic data set of survival analysis.
 * Expected values: the Kaplan-Meier table with Greenwood standard errors and log-log intervals as R's
 * {@code survfit(Surv(time, cens) ~ 1, conf.type = "log-log")} prints it for the 6-MP arm (also tabulated in Kleinbaum
 * and Klein, Survival Analysis, 3rd ed., ch. 2), and the log-rank test as R's {@code survdiff} prints it for
 * {@code MASS::gehan}: observed 9 against 19.25 expected in the 6-MP arm, chi-square 16.8 on 1 df.
 */
class KaplanMeierTest {

	/** 6-MP arm: times in weeks; a negative time is censored. */
	static final int[] SIX_MP = {6, 6, 6, -6, 7, -9, 10, -10, -11, 13, 16, -17, -19, -20, 22, 23, -25, -32, -32, -34,
			-35};
	static final int[] PLACEBO = {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23};

	static List<KaplanMeier.Observation> observations(int[] times) {
		List<KaplanMeier.Observation> list = new ArrayList<>();
		for (int t : times) {
			list.add(new KaplanMeier.Observation(Math.abs(t), t > 0));
		}
		return list;
	}

	@Test
	void theSixMpCurveIsThePublishedOne() {
		KaplanMeier.Curve curve = KaplanMeier.estimate(observations(SIX_MP));
		// time, n at risk, events, survival, lower, upper (log-log)
		double[][] published = {
				{6, 21, 3, 0.857, 0.620, 0.952},
				{7, 17, 1, 0.807, 0.563, 0.923},
				{10, 15, 1, 0.753, 0.503, 0.889},
				{13, 12, 1, 0.690, 0.432, 0.849},
				{16, 11, 1, 0.627, 0.368, 0.805},
				{22, 7, 1, 0.538, 0.268, 0.747},
				{23, 6, 1, 0.448, 0.188, 0.680}};
		for (double[] row : published) {
			KaplanMeier.Step step = curve.steps().stream().filter(s -> s.time() == row[0]).findFirst().orElseThrow();
			assertThat(step.atRisk()).as("at risk at %s", row[0]).isEqualTo((int) row[1]);
			assertThat(step.events()).isEqualTo((int) row[2]);
			assertThat(step.survival()).as("S(%s)", row[0]).isCloseTo(row[3], within(0.0005));
			assertThat(step.lower()).as("lower at %s", row[0]).isCloseTo(row[4], within(0.0005));
			assertThat(step.upper()).as("upper at %s", row[0]).isCloseTo(row[5], within(0.0005));
		}
		assertThat(curve.n()).isEqualTo(21);
		assertThat(curve.events()).isEqualTo(9);
		assertThat(curve.censored()).isEqualTo(12);
		// A censoring at 6 weeks, the time of three events, leaves after them: 17 at risk at week 7.
		assertThat(curve.steps().get(0).censored()).isEqualTo(1);
		assertThat(curve.median()).isEqualTo(23.0);
		assertThat(curve.medianLower()).isEqualTo(13.0);
		assertThat(curve.medianUpper()).as("the upper limit is never reached").isNull();
	}

	@Test
	void theLogRankTestIsThePublishedOne() {
		KaplanMeier.LogRank test = KaplanMeier.logRank(observations(SIX_MP), observations(PLACEBO));
		assertThat(test.observed()).isEqualTo(9);
		assertThat(test.expected()).isCloseTo(19.25, within(0.005));
		assertThat(test.chiSquare()).isCloseTo(16.79, within(0.005));
		assertThat(test.pValue()).isCloseTo(4.17e-5, within(0.005e-5));
	}

	@Test
	void theMedianOfTheControlArmIsEightWeeks() {
		assertThat(KaplanMeier.estimate(observations(PLACEBO)).median()).isEqualTo(8.0);
	}

	@Test
	void everyoneCensoredLeavesTheMedianUnreached() {
		KaplanMeier.Curve curve = KaplanMeier.estimate(List.of(new KaplanMeier.Observation(56, false),
				new KaplanMeier.Observation(112, false)));
		assertThat(curve.median()).isNull();
		assertThat(curve.medianLower()).isNull();
		assertThat(curve.events()).isZero();
		assertThat(curve.steps()).allSatisfy(s -> assertThat(s.survival()).isEqualTo(1.0));
	}

	@Test
	void aCurveExactlyAtOneHalfTakesTheMidpoint() {
		// 4 subjects: events at 10 and 20 (S = 0.5 from 20), then 30 (S = 0.25): the median is (20 + 30) / 2.
		KaplanMeier.Curve curve = KaplanMeier.estimate(List.of(new KaplanMeier.Observation(10, true),
				new KaplanMeier.Observation(20, true), new KaplanMeier.Observation(30, true),
				new KaplanMeier.Observation(40, false)));
		assertThat(curve.median()).isEqualTo(25.0);
	}
}
