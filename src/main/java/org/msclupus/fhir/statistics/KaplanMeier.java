package org.msclupus.fhir.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The Kaplan-Meier estimate of the time to an event, with Greenwood's variance and 95 % intervals on the log-log
 * scale, the median with the Brookmeyer-Crowley interval on the same scale, and the log-rank (Mantel-Cox) test of two
 * groups. Ties between an event and a censoring at the same time count the event first: the censored subject is
 * still at risk at that time. Plain Java; checked against published analyses of the Freireich 6-MP leukaemia data.
 */
public final class KaplanMeier {

	private KaplanMeier() {
	}

	/** One subject's time (days) and whether the event happened then (false: censored then). */
	public record Observation(double time, boolean event) {
	}

	/**
	 * One distinct time of the curve.
	 *
	 * @param atRisk   subjects at risk just before the time
	 * @param events   events at the time
	 * @param censored censorings at the time
	 * @param survival the estimate just after the time, with its 95 % interval (log-log; absent when undefined)
	 */
	public record Step(double time, int atRisk, int events, int censored, double survival, Double lower,
			Double upper) {
	}

	/**
	 * @param median      the first time at which survival falls to 0.5 or below; null when not reached
	 * @param medianLower the Brookmeyer-Crowley 95 % lower limit; null when undefined
	 * @param medianUpper the upper limit; null when not reached
	 */
	public record Curve(int n, int events, int censored, List<Step> steps, Double median, Double medianLower,
			Double medianUpper) {
	}

	/** @param observed and {@code expected} events of the first group; {@code chiSquare} on 1 degree of freedom */
	public record LogRank(double observed, double expected, double chiSquare, double pValue) {
	}

	public static Curve estimate(List<Observation> observations) {
		TreeMap<Double, int[]> byTime = new TreeMap<>(); // time -> {events, censored}
		for (Observation o : observations) {
			int[] counts = byTime.computeIfAbsent(o.time(), t -> new int[2]);
			counts[o.event() ? 0 : 1]++;
		}
		List<Step> steps = new ArrayList<>();
		int atRisk = observations.size();
		double survival = 1;
		double greenwood = 0;
		int events = 0;
		for (var entry : byTime.entrySet()) {
			int d = entry.getValue()[0];
			int c = entry.getValue()[1];
			if (d > 0) {
				survival *= 1 - (double) d / atRisk;
				greenwood += d < atRisk ? (double) d / ((double) atRisk * (atRisk - d)) : Double.POSITIVE_INFINITY;
			}
			events += d;
			double[] interval = logLog(survival, greenwood);
			steps.add(new Step(entry.getKey(), atRisk, d, c, survival, interval == null ? null : interval[0],
					interval == null ? null : interval[1]));
			atRisk -= d + c;
		}
		Double median = firstTimeAtOrBelow(steps, s -> s.survival());
		Double lower = firstTimeAtOrBelow(steps, s -> s.lower() == null ? s.survival() : s.lower());
		Double upper = firstTimeAtOrBelow(steps, s -> s.upper() == null ? s.survival() : s.upper());
		return new Curve(observations.size(), events, observations.size() - events, steps, median, lower, upper);
	}

	/**
	 * The 95 % interval of S on the log-log scale, as R's {@code survfit(conf.type = "log-log")}: exp(-exp(log(-log S)
	 * +/- z * se)), se being Greenwood's standard error of log S over |log S|. Undefined at S = 1 and S = 0.
	 */
	private static double[] logLog(double survival, double greenwood) {
		if (survival <= 0 || survival >= 1 || Double.isInfinite(greenwood)) {
			return null;
		}
		double logS = Math.log(survival);
		double se = Math.sqrt(greenwood) / Math.abs(logS);
		double centre = Math.log(-logS);
		return new double[] {Math.exp(-Math.exp(centre + Proportions.Z * se)),
				Math.exp(-Math.exp(centre - Proportions.Z * se))};
	}

	/**
	 * The first time at which {@code value} is 0.5 or below. Applied to the lower limits of the curve's interval this
	 * is the Brookmeyer-Crowley lower limit of the median (the first time whose interval reaches down to 0.5);
	 * applied to the upper limits, its upper limit.
	 */
	private static Double firstTimeAtOrBelow(List<Step> steps, java.util.function.ToDoubleFunction<Step> value) {
		for (int i = 0; i < steps.size(); i++) {
			double at = value.applyAsDouble(steps.get(i));
			if (at <= 0.5 + EXACT) {
				if (Math.abs(at - 0.5) <= EXACT) {
					// Exactly one half over an interval: its midpoint, as R's survfit takes it.
					for (int j = i + 1; j < steps.size(); j++) {
						if (value.applyAsDouble(steps.get(j)) < 0.5 - EXACT) {
							return (steps.get(i).time() + steps.get(j).time()) / 2;
						}
					}
				}
				return steps.get(i).time();
			}
		}
		return null;
	}

	private static final double EXACT = 1e-9;

	/** The log-rank (Mantel-Cox) test of {@code first} against {@code second}, two-sided on 1 degree of freedom. */
	public static LogRank logRank(List<Observation> first, List<Observation> second) {
		TreeMap<Double, int[]> byTime = new TreeMap<>(); // time -> {events 1, leaving 1, events 2, leaving 2}
		for (Observation o : first) {
			int[] counts = byTime.computeIfAbsent(o.time(), t -> new int[4]);
			counts[0] += o.event() ? 1 : 0;
			counts[1]++;
		}
		for (Observation o : second) {
			int[] counts = byTime.computeIfAbsent(o.time(), t -> new int[4]);
			counts[2] += o.event() ? 1 : 0;
			counts[3]++;
		}
		int n1 = first.size();
		int n2 = second.size();
		double observed = 0;
		double expected = 0;
		double variance = 0;
		for (int[] counts : byTime.values()) {
			int d = counts[0] + counts[2];
			int n = n1 + n2;
			if (d > 0 && n > 0) {
				observed += counts[0];
				expected += (double) d * n1 / n;
				if (n > 1) {
					variance += (double) d * n1 * n2 * (n - d) / ((double) n * n * (n - 1));
				}
			}
			n1 -= counts[1];
			n2 -= counts[3];
		}
		double chiSquare = variance > 0 ? (observed - expected) * (observed - expected) / variance : 0;
		double p = variance > 0
				? org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(1).survivalProbability(chiSquare)
				: 1;
		return new LogRank(observed, expected, chiSquare, p);
	}
}
