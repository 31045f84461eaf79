package org.msclupus.fhir.statistics;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Compares the mean of an arm with a reference arm without assuming equal variances: Welch's two-sample t test
 * (commons-statistics) and the 95 % interval of the difference on the Welch-Satterthwaite degrees of freedom, as
 * R's {@code t.test} computes them by default.
 */
public final class TwoMeans {

	private TwoMeans() {
	}

	/**
	 * @param mean           the arm's mean
	 * @param referenceMean  the reference arm's mean
	 * @param difference     mean minus reference mean, with its 95 % interval
	 * @param pValue         two-sided
	 * @param degreesOfFreedom Welch-Satterthwaite
	 */
	public record Comparison(double mean, double referenceMean, Proportions.Estimate difference, double pValue,
			double degreesOfFreedom) {
	}

	/**
	 * @throws IllegalArgumentException when an arm has fewer than two values, or both have no spread
	 */
	public static Comparison compare(double[] values, double[] reference) {
		if (values.length < 2 || reference.length < 2) {
			throw new IllegalArgumentException("Welch's test needs at least two values in each arm");
		}
		double m1 = mean(values);
		double m2 = mean(reference);
		double v1 = variance(values, m1) / values.length;
		double v2 = variance(reference, m2) / reference.length;
		if (v1 + v2 == 0) {
			throw new IllegalArgumentException("Welch's test needs some spread in the values");
		}
		TTest.Result test = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(values, reference);
		double df = test.getDegreesOfFreedom();
		double half = TDistribution.of(df).inverseSurvivalProbability((1 - Proportions.CONFIDENCE) / 2)
				* Math.sqrt(v1 + v2);
		double difference = m1 - m2;
		return new Comparison(m1, m2, new Proportions.Estimate(difference, difference - half, difference + half),
				test.getPValue(), df);
	}

	private static double mean(double[] values) {
		return Arrays.stream(values).sum() / values.length;
	}

	private static double variance(double[] values, double mean) {
		return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
	}
}
