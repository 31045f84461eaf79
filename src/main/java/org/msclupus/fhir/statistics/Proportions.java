package org.msclupus.fhir.statistics;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * Proportions and their comparison, for every operation that reports a rate: the Wilson score interval
 * (commons-math), and the odds ratio with Woolf's logit interval. Plain Java: no FHIR types.
 */
public final class Proportions {

	/** Every interval the server reports is a 95 % one. */
	public static final double CONFIDENCE = 0.95;
	/** Added to every cell of a 2 x 2 table with a zero cell (Haldane-Anscombe), so the odds ratio is finite. */
	public static final double ZERO_CELL_CORRECTION = 0.5;

	/** The standard normal quantile of a two-sided 95 % interval. */
	public static final double Z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);

	private Proportions() {
	}

	/** An estimate with its 95 % interval. */
	public record Estimate(double value, double lower, double upper) {
	}

	/**
	 * {@code count / n} with the Wilson score 95 % interval.
	 *
	 * @throws IllegalArgumentException when {@code n} is not positive or {@code count} is outside 0..n
	 */
	public static Estimate wilson(int count, int n) {
		ConfidenceInterval interval = new WilsonScoreInterval().createInterval(n, count, CONFIDENCE);
		return new Estimate((double) count / n, interval.getLowerBound(), interval.getUpperBound());
	}

	/** An odds ratio and the correction that was added to each cell to compute it (0 or 0.5). */
	public record OddsRatio(double correction, Estimate estimate) {
	}

	/**
	 * The odds ratio of a 2 x 2 table (a, b: events and non-events of the arm; c, d: of its comparator) with Woolf's
	 * 95 % interval on the log scale; when a cell is zero, {@link #ZERO_CELL_CORRECTION} is added to every cell.
	 */
	public static OddsRatio oddsRatio(int a, int b, int c, int d) {
		double correction = a == 0 || b == 0 || c == 0 || d == 0 ? ZERO_CELL_CORRECTION : 0;
		double ca = a + correction;
		double cb = b + correction;
		double cc = c + correction;
		double cd = d + correction;
		double ratio = (ca * cd) / (cb * cc);
		double se = Math.sqrt(1 / ca + 1 / cb + 1 / cc + 1 / cd);
		return new OddsRatio(correction, new Estimate(ratio, Math.exp(Math.log(ratio) - Z * se),
				Math.exp(Math.log(ratio) + Z * se)));
	}
}
