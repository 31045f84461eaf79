package org.msclupus.fhir.statistics;

import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Compares the proportion of an outcome in an arm (x1 of n1) with a reference arm (x2 of n2), as trial reports do:
 * the risk difference with Newcombe's hybrid score interval (method 10 of Newcombe, Stat Med 1998;17:873-890, built
 * from the two Wilson intervals), the odds ratio with Woolf's logit interval, the risk ratio with the log-method
 * interval, and the two-sided p of Fisher's exact test as R's {@code fisher.test} computes it (commons-statistics).
 * When a cell of the 2 x 2 table is zero, the odds and risk ratios are computed with 0.5 added to every cell, and
 * the comparison says so; the risk difference and Fisher's p use the counts as they are.
 */
public final class TwoProportions {

	private TwoProportions() {
	}

	/**
	 * @param riskDifference x1/n1 - x2/n2 with Newcombe's 95 % interval
	 * @param oddsRatio      with Woolf's 95 % interval; null when either arm is empty
	 * @param riskRatio      with the log-method 95 % interval; null when either arm is empty
	 * @param correction     what was added to every cell for the ratios: 0 or {@link Proportions#ZERO_CELL_CORRECTION}
	 * @param pValue         two-sided, Fisher's exact test
	 */
	public record Comparison(Proportions.Estimate riskDifference, Proportions.Estimate oddsRatio,
			Proportions.Estimate riskRatio, double correction, double pValue) {
	}

	/**
	 * @throws IllegalArgumentException when an arm has no subjects or a count lies outside 0..n
	 */
	public static Comparison compare(int x1, int n1, int x2, int n2) {
		if (n1 < 1 || n2 < 1 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
			throw new IllegalArgumentException("Counts that do not fit: " + x1 + "/" + n1 + " against " + x2 + "/" + n2);
		}
		Proportions.Estimate first = Proportions.wilson(x1, n1);
		Proportions.Estimate second = Proportions.wilson(x2, n2);
		double difference = first.value() - second.value();
		double lower = difference - Math.sqrt(square(first.value() - first.lower()) + square(second.upper()
				- second.value()));
		double upper = difference + Math.sqrt(square(first.upper() - first.value()) + square(second.value()
				- second.lower()));
		Proportions.Estimate riskDifference = new Proportions.Estimate(difference, lower, upper);

		Proportions.OddsRatio odds = Proportions.oddsRatio(x1, n1 - x1, x2, n2 - x2);
		double c = odds.correction();
		double a = x1 + c;
		double m1 = n1 + 2 * c;
		double b = x2 + c;
		double m2 = n2 + 2 * c;
		double ratio = (a / m1) / (b / m2);
		double se = Math.sqrt(1 / a - 1 / m1 + 1 / b - 1 / m2);
		Proportions.Estimate riskRatio = new Proportions.Estimate(ratio, Math.exp(Math.log(ratio) - Proportions.Z * se),
				Math.exp(Math.log(ratio) + Proportions.Z * se));

		double p = FisherExactTest.withDefaults().test(new int[][] {{x1, n1 - x1}, {x2, n2 - x2}}).getPValue();
		return new Comparison(riskDifference, odds.estimate(), riskRatio, c, p);
	}

	private static double square(double value) {
		return value * value;
	}
}
