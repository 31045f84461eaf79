package org.msclupus.fhir.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Pools two-arm studies of a dichotomous outcome as Review Manager 5 does (Deeks JJ, Higgins JPT, "Statistical
 * algorithms in Review Manager 5", Cochrane Statistical Methods Group, 2010):
 * <ul>
 * <li>each study's odds ratio, risk ratio or risk difference with its 95 % interval; a study with a zero cell gets
 * {@link Proportions#ZERO_CELL_CORRECTION} added to every cell, for its own estimate and for the pooling; a study
 * with no events in either arm, or events in every subject of both, has no odds or risk ratio and is left out of
 * those (it stays in a risk-difference analysis);</li>
 * <li>the fixed-effect model: Mantel-Haenszel, with the Robins-Breslow-Greenland variance of the log odds ratio and
 * the Greenland-Robins variances of the log risk ratio and of the risk difference;</li>
 * <li>heterogeneity: Cochran's Q around the Mantel-Haenszel estimate with inverse-variance weights, its chi-square p,
 * I² and DerSimonian and Laird's moment estimate of the between-study variance from that Q (as RevMan 5, the R
 * package meta with {@code Q.Cochrane} and Stata's {@code metan, random} do);</li>
 * <li>the random-effects model: DerSimonian and Laird (Control Clin Trials 1986;7:177-188) on the inverse-variance
 * scale, each study weighted by 1 / (its variance + tau²).</li>
 * </ul>
 * Ratios are pooled on the log scale and reported back-transformed. Plain Java.
 */
public final class MetaAnalysis {

	private static final NormalDistribution NORMAL = new NormalDistribution();

	private MetaAnalysis() {
	}

	/** The effect measure. */
	public enum Measure {
		/** Odds ratio. */
		OR,
		/** Risk ratio. */
		RR,
		/** Risk difference. */
		RD;

		boolean ratio() {
			return this != RD;
		}

		/** @throws IllegalArgumentException naming the allowed codes */
		public static Measure byCode(String code) {
			for (Measure m : values()) {
				if (m.name().equals(code)) {
					return m;
				}
			}
			throw new IllegalArgumentException("Unknown measure '" + code + "'; allowed: OR, RR, RD");
		}
	}

	/** How the studies are pooled. */
	public enum Model {
		/** Mantel-Haenszel. */
		FIXED("fixed"),
		/** DerSimonian-Laird. */
		RANDOM("random");

		private final String code;

		Model(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		/** @throws IllegalArgumentException naming the allowed codes */
		public static Model byCode(String code) {
			for (Model m : values()) {
				if (m.code.equals(code)) {
					return m;
				}
			}
			throw new IllegalArgumentException("Unknown model '" + code + "'; allowed: fixed, random");
		}
	}

	/** One study's 2 x 2 table: events of total in the arm compared, and in its reference arm. */
	public record Table(String name, int events, int total, int referenceEvents, int referenceTotal) {

		/** @throws IllegalArgumentException when an arm is empty or a count does not fit its total */
		public Table {
			Objects.requireNonNull(name, "name");
			if (total < 1 || referenceTotal < 1) {
				throw new IllegalArgumentException("Study '" + name + "' has an arm without subjects ("
						+ total + " and " + referenceTotal + ")");
			}
			if (events < 0 || events > total || referenceEvents < 0 || referenceEvents > referenceTotal) {
				throw new IllegalArgumentException("Study '" + name + "' has counts that do not fit: " + events + "/"
						+ total + " against " + referenceEvents + "/" + referenceTotal);
			}
		}
	}

	/**
	 * One study in the analysis.
	 *
	 * @param effect     on the measure's own scale (a ratio, or a difference); null when the study was left out
	 * @param weight     its share of the pooled estimate, in %; null when left out
	 * @param correction what was added to every cell (0 or 0.5)
	 * @param leftOut    why the study is not in the pooling; null when it is
	 */
	public record StudyEffect(Table table, Double effect, Double lower, Double upper, Double weight,
			double correction, String leftOut) {
	}

	/** The pooled effect on the measure's own scale, with its 95 % interval, z and two-sided p. */
	public record Pooled(Measure measure, Model model, double effect, double lower, double upper, double z,
			double pValue) {
	}

	/** Cochran's Q, its degrees of freedom and chi-square p, I² in %, and tau² (on the log scale for ratios). */
	public record Heterogeneity(double q, int df, double pValue, double iSquared, double tauSquared) {
	}

	public record Result(List<StudyEffect> studies, Pooled pooled, Heterogeneity heterogeneity) {
	}

	/** A study as the algorithms see it: cells after any correction, its estimate and variance on the pooled scale. */
	private record Cells(Table table, double a, double b, double c, double d, double correction, double y, double v) {

		double n1() {
			return a + b;
		}

		double n2() {
			return c + d;
		}

		double n() {
			return a + b + c + d;
		}
	}

	/**
	 * @throws IllegalArgumentException when fewer than two studies can be pooled
	 */
	public static Result pool(List<Table> tables, Measure measure, Model model) {
		List<Cells> pooled = new ArrayList<>();
		List<String> leftOut = new ArrayList<>(tables.size());
		for (Table t : tables) {
			String reason = measure.ratio() ? notEstimable(t) : null;
			leftOut.add(reason);
			if (reason == null) {
				pooled.add(cells(t, measure));
			}
		}
		if (pooled.size() < 2) {
			throw new IllegalArgumentException("At least two studies are needed to pool " + measure + "; "
					+ pooled.size() + " of " + tables.size() + " can be (a study with no events in either arm, or "
					+ "events in every subject of both, has no " + measure + ")");
		}
		double[] mh = mantelHaenszel(pooled, measure);
		double fixedY = mh[0];
		double[] ys = pooled.stream().mapToDouble(Cells::y).toArray();
		double[] vs = pooled.stream().mapToDouble(Cells::v).toArray();
		double q = cochranQ(ys, vs, fixedY);
		int df = pooled.size() - 1;
		RandomEffects random = randomEffects(ys, vs, q);
		Heterogeneity heterogeneity = new Heterogeneity(q, df,
				1 - new ChiSquaredDistribution(df).cumulativeProbability(q), iSquared(q, df), random.tauSquared());

		double[] weights = new double[pooled.size()];
		double y;
		double se;
		if (model == Model.FIXED) {
			for (int i = 0; i < weights.length; i++) {
				weights[i] = mantelHaenszelWeight(pooled.get(i), measure);
			}
			y = fixedY;
			se = Math.sqrt(mh[1]);
		} else {
			weights = random.weights();
			y = random.y();
			se = random.se();
		}
		double totalWeight = java.util.Arrays.stream(weights).sum();
		double z = y / se;
		Pooled result = new Pooled(measure, model, scale(y, measure), scale(y - Proportions.Z * se, measure),
				scale(y + Proportions.Z * se, measure), z, 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z))));

		List<StudyEffect> studies = new ArrayList<>(tables.size());
		int next = 0;
		for (int i = 0; i < tables.size(); i++) {
			if (leftOut.get(i) != null) {
				studies.add(new StudyEffect(tables.get(i), null, null, null, null, 0, leftOut.get(i)));
				continue;
			}
			Cells s = pooled.get(next);
			double half = Proportions.Z * Math.sqrt(s.v());
			studies.add(new StudyEffect(s.table(), scale(s.y(), measure), scale(s.y() - half, measure),
					scale(s.y() + half, measure), weights[next] / totalWeight * 100, s.correction(), null));
			next++;
		}
		return new Result(studies, result, heterogeneity);
	}

	/** Cochran's Q: the inverse-variance weighted squared distances of the studies from {@code centre}. */
	static double cochranQ(double[] y, double[] v, double centre) {
		double q = 0;
		for (int i = 0; i < y.length; i++) {
			q += square(y[i] - centre) / v[i];
		}
		return q;
	}

	/** The share of the variation across studies that is heterogeneity rather than chance, in % (never negative). */
	static double iSquared(double q, int df) {
		return q > df ? (q - df) / q * 100 : 0;
	}

	/** DerSimonian and Laird's pooled estimate on the analysis scale, its standard error, tau² and study weights. */
	record RandomEffects(double y, double se, double tauSquared, double[] weights) {
	}

	/**
	 * DerSimonian and Laird (1986): tau² by the method of moments from the heterogeneity statistic {@code q}, then
	 * inverse-variance pooling with each study's variance increased by tau².
	 */
	static RandomEffects randomEffects(double[] y, double[] v, double q) {
		double sumW = 0;
		double sumW2 = 0;
		for (double variance : v) {
			sumW += 1 / variance;
			sumW2 += 1 / (variance * variance);
		}
		double tau2 = Math.max(0, (q - (y.length - 1)) / (sumW - sumW2 / sumW));
		double[] weights = new double[y.length];
		double sum = 0;
		double weighted = 0;
		for (int i = 0; i < y.length; i++) {
			weights[i] = 1 / (v[i] + tau2);
			sum += weights[i];
			weighted += weights[i] * y[i];
		}
		return new RandomEffects(weighted / sum, Math.sqrt(1 / sum), tau2, weights);
	}

	/** Why a study has no odds or risk ratio; null when it has one. */
	private static String notEstimable(Table t) {
		if (t.events() == 0 && t.referenceEvents() == 0) {
			return "no events in either arm";
		}
		if (t.events() == t.total() && t.referenceEvents() == t.referenceTotal()) {
			return "events in every subject of both arms";
		}
		return null;
	}

	/** {estimate, variance} of one study on the analysis scale (log for ratios), after any zero-cell correction. */
	static double[] estimate(Table t, Measure measure) {
		Cells cells = cells(t, measure);
		return new double[] {cells.y(), cells.v()};
	}

	private static Cells cells(Table t, Measure measure) {
		int a0 = t.events();
		int b0 = t.total() - t.events();
		int c0 = t.referenceEvents();
		int d0 = t.referenceTotal() - t.referenceEvents();
		double k = a0 == 0 || b0 == 0 || c0 == 0 || d0 == 0 ? Proportions.ZERO_CELL_CORRECTION : 0;
		double a = a0 + k;
		double b = b0 + k;
		double c = c0 + k;
		double d = d0 + k;
		double n1 = a + b;
		double n2 = c + d;
		double y;
		double v;
		switch (measure) {
			case OR -> {
				y = Math.log(a * d / (b * c));
				v = 1 / a + 1 / b + 1 / c + 1 / d;
			}
			case RR -> {
				y = Math.log((a / n1) / (c / n2));
				v = 1 / a - 1 / n1 + 1 / c - 1 / n2;
			}
			default -> {
				y = a / n1 - c / n2;
				v = a * b / (n1 * n1 * n1) + c * d / (n2 * n2 * n2);
			}
		}
		return new Cells(t, a, b, c, d, k, y, v);
	}

	/** The study's Mantel-Haenszel weight. */
	private static double mantelHaenszelWeight(Cells s, Measure measure) {
		return switch (measure) {
			case OR -> s.b() * s.c() / s.n();
			case RR -> s.c() * s.n1() / s.n();
			case RD -> s.n1() * s.n2() / s.n();
		};
	}

	/** {pooled estimate on the analysis scale, its variance}. */
	private static double[] mantelHaenszel(List<Cells> studies, Measure measure) {
		return switch (measure) {
			case OR -> mantelHaenszelOddsRatio(studies);
			case RR -> mantelHaenszelRiskRatio(studies);
			case RD -> mantelHaenszelRiskDifference(studies);
		};
	}

	/** Robins, Breslow and Greenland (Biometrics 1986;42:311-323) for the variance of the log odds ratio. */
	private static double[] mantelHaenszelOddsRatio(List<Cells> studies) {
		double sumR = 0;
		double sumS = 0;
		double sumPR = 0;
		double sumPSQR = 0;
		double sumQS = 0;
		for (Cells s : studies) {
			double n = s.n();
			double r = s.a() * s.d() / n;
			double sValue = s.b() * s.c() / n;
			double p = (s.a() + s.d()) / n;
			double qValue = (s.b() + s.c()) / n;
			sumR += r;
			sumS += sValue;
			sumPR += p * r;
			sumPSQR += p * sValue + qValue * r;
			sumQS += qValue * sValue;
		}
		double variance = sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS);
		return new double[] {Math.log(sumR / sumS), variance};
	}

	/** Greenland and Robins (Biometrics 1985;41:55-68) for the variance of the log risk ratio. */
	private static double[] mantelHaenszelRiskRatio(List<Cells> studies) {
		double sumR = 0;
		double sumS = 0;
		double sumP = 0;
		for (Cells s : studies) {
			double n = s.n();
			sumR += s.a() * s.n2() / n;
			sumS += s.c() * s.n1() / n;
			sumP += (s.n1() * s.n2() * (s.a() + s.c()) - s.a() * s.c() * n) / (n * n);
		}
		return new double[] {Math.log(sumR / sumS), sumP / (sumR * sumS)};
	}

	/** Greenland and Robins (1985) for the variance of the risk difference, as RevMan 5 computes it. */
	private static double[] mantelHaenszelRiskDifference(List<Cells> studies) {
		double sumW = 0;
		double sumWD = 0;
		double sumJ = 0;
		for (Cells s : studies) {
			double n1 = s.n1();
			double n2 = s.n2();
			double n = s.n();
			double w = n1 * n2 / n;
			sumW += w;
			sumWD += w * (s.a() / n1 - s.c() / n2);
			sumJ += (s.a() * s.b() * n2 * n2 * n2 + s.c() * s.d() * n1 * n1 * n1) / (n1 * n2 * n * n);
		}
		return new double[] {sumWD / sumW, sumJ / (sumW * sumW)};
	}

	private static double scale(double y, Measure measure) {
		return measure.ratio() ? Math.exp(y) : y;
	}

	private static double square(double value) {
		return value * value;
	}
}
