package org.msclupus.fhir.safety;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Laboratory adverse events graded from a value by NCI's Common Terminology Criteria for Adverse Events v5.0
 * (27 November 2017; "Investigations" and "Blood and lymphatic system disorders"), the terms issue 28 asks for. Each
 * term names its LOINC codes, the UCUM unit its absolute limits are in, and its limits of normal when a value has no
 * reference range (documented in docs/ctcae-grading.md). Grades only from what CTCAE defines by a value: anaemia
 * grade 4 ("life-threatening consequences") and every grade 5 are never assigned here.
 *
 * <p>How CTCAE's ranges are read: "&lt;LLN - 1500/mm3" is below the lower limit of normal and at or above 1500;
 * "&gt;ULN - 3.0 x ULN" is above the upper limit and at most three times it; the next grade starts where the range
 * ends.
 */
public enum LabToxicity {

	/** Grade 1 &lt;LLN-1.5, 2 &lt;1.5-1.0, 3 &lt;1.0-0.5, 4 &lt;0.5 x 10^9/L. */
	NEUTROPHIL_COUNT_DECREASED("Neutrophil count decreased", "10*9/L", decreased("1.5", "1.0", "0.5"), "2.0", null,
			"751-8", "26499-4", "753-4"),
	/** Grade 1 &lt;LLN-3.0, 2 &lt;3.0-2.0, 3 &lt;2.0-1.0, 4 &lt;1.0 x 10^9/L. */
	WHITE_BLOOD_CELL_DECREASED("White blood cell decreased", "10*9/L", decreased("3.0", "2.0", "1.0"), "4.0", null,
			SafetyLab.LEUKOCYTES),
	/** Grade 1 &lt;LLN-0.8, 2 &lt;0.8-0.5, 3 &lt;0.5-0.2, 4 &lt;0.2 x 10^9/L. */
	LYMPHOCYTE_COUNT_DECREASED("Lymphocyte count decreased", "10*9/L", decreased("0.8", "0.5", "0.2"), "1.0", null,
			"731-0", "26474-7", "732-8"),
	/** Grade 1 &lt;LLN-75, 2 &lt;75-50, 3 &lt;50-25, 4 &lt;25 x 10^9/L. */
	PLATELET_COUNT_DECREASED("Platelet count decreased", "10*9/L", decreased("75", "50", "25"), "150", null,
			SafetyLab.PLATELETS),
	/** Haemoglobin: grade 1 &lt;LLN-10.0, 2 &lt;10.0-8.0, 3 &lt;8.0 g/dL; grade 4 is a clinical judgement. */
	ANEMIA("Anemia", "g/dL", decreased("10.0", "8.0", null), "12.0", null, SafetyLab.HEMOGLOBIN),
	/** Grade 1 &gt;ULN-3.0, 2 &gt;3.0-5.0, 3 &gt;5.0-20.0, 4 &gt;20.0 x ULN; from an abnormal baseline 1.5-3.0, &gt;3.0-5.0, ... x baseline. */
	ALANINE_AMINOTRANSFERASE_INCREASED("Alanine aminotransferase increased", "U/L", Rule.AMINOTRANSFERASE, null, "40",
			SafetyLab.ALT),
	/** As ALT. */
	ASPARTATE_AMINOTRANSFERASE_INCREASED("Aspartate aminotransferase increased", "U/L", Rule.AMINOTRANSFERASE, null,
			"40", SafetyLab.AST),
	/** Grade 1 &gt;ULN-1.5, 2 &gt;1.5-3.0, 3 &gt;3.0-10.0, 4 &gt;10.0 x ULN; from an abnormal baseline &gt;1.0-1.5, ... x baseline. */
	BLOOD_BILIRUBIN_INCREASED("Blood bilirubin increased", "mg/dL", Rule.BILIRUBIN, null, "1.2",
			SafetyLab.BILIRUBIN_TOTAL),
	/**
	 * Grade 1 &gt;ULN-1.5 x ULN; 2 &gt;1.5-3.0 x baseline or &gt;1.5-3.0 x ULN; 3 &gt;3.0 x baseline or &gt;3.0-6.0 x ULN;
	 * 4 &gt;6.0 x ULN: the higher of the two readings.
	 */
	CREATININE_INCREASED("Creatinine increased", "mg/dL", Rule.CREATININE, null, "1.1", "2160-0", "38483-4",
			"14682-9");

	/** How a term turns a value into a grade. */
	private enum Rule {
		DECREASED, AMINOTRANSFERASE, BILIRUBIN, CREATININE
	}

	private static final MathContext RATIO = MathContext.DECIMAL64;

	private final String term;
	private final String unit;
	private final Rule rule;
	private final List<BigDecimal> limits;
	private final BigDecimal defaultLowerLimit;
	private final BigDecimal defaultUpperLimit;
	private final List<String> loincCodes;

	/** A term on a safety laboratory test: graded under that test's codes. */
	LabToxicity(String term, String unit, Object rule, String defaultLowerLimit, String defaultUpperLimit,
			SafetyLab test) {
		this(term, unit, rule, defaultLowerLimit, defaultUpperLimit, test.loincCodes().toArray(String[]::new));
	}

	LabToxicity(String term, String unit, Object rule, String defaultLowerLimit, String defaultUpperLimit,
			String... loincCodes) {
		this.term = term;
		this.unit = unit;
		if (rule instanceof Decreasing decreasing) {
			this.rule = Rule.DECREASED;
			this.limits = decreasing.limits();
		} else {
			this.rule = (Rule) rule;
			this.limits = List.of();
		}
		this.defaultLowerLimit = defaultLowerLimit == null ? null : new BigDecimal(defaultLowerLimit);
		this.defaultUpperLimit = defaultUpperLimit == null ? null : new BigDecimal(defaultUpperLimit);
		this.loincCodes = List.of(loincCodes);
	}

	/** The absolute lower limits of grades 2, 3 and 4 of a decrease (null: not defined by a value). */
	private record Decreasing(List<BigDecimal> limits) {
	}

	private static Decreasing decreased(String grade2, String grade3, String grade4) {
		return new Decreasing(Arrays.asList(new BigDecimal(grade2), new BigDecimal(grade3),
				grade4 == null ? null : new BigDecimal(grade4)));
	}

	/** The CTCAE v5.0 term, e.g. "Neutrophil count decreased". */
	public String term() {
		return term;
	}

	/** The UCUM unit a value, its limits of normal and the absolute limits are compared in. */
	public String unit() {
		return unit;
	}

	public List<String> loincCodes() {
		return loincCodes;
	}

	/** Whether the term grades a decrease (below the lower limit) rather than an increase. */
	public boolean decreasing() {
		return rule == Rule.DECREASED;
	}

	/** The limit of normal used when the value's reference range gives none (in {@link #unit()}). */
	public BigDecimal defaultLimit() {
		return decreasing() ? defaultLowerLimit : defaultUpperLimit;
	}

	public static Optional<LabToxicity> byLoinc(String code) {
		// A coding may have a display and no code; the immutable lists refuse to be asked about null.
		return code == null ? Optional.empty()
				: Arrays.stream(values()).filter(t -> t.loincCodes.contains(code)).findFirst();
	}

	/**
	 * The grade of a value, 0 when it is within what CTCAE grades.
	 *
	 * @param value    in {@link #unit()}
	 * @param limit    the value's limit of normal (lower for a decrease, upper for an increase) in {@link #unit()};
	 *                 null for {@link #defaultLimit()}
	 * @param baseline the subject's baseline value in {@link #unit()}, for the terms CTCAE grades against an
	 *                 abnormal baseline (ALT, AST, bilirubin) or a baseline (creatinine); null when there is none
	 */
	public int grade(BigDecimal value, BigDecimal limit, BigDecimal baseline) {
		BigDecimal normal = limit != null ? limit : defaultLimit();
		return switch (rule) {
			case DECREASED -> decrease(value, normal);
			case AMINOTRANSFERASE -> baseline != null && baseline.compareTo(normal) > 0
					? AMINOTRANSFERASE_OF_BASELINE.grade(value.divide(baseline, RATIO))
					: AMINOTRANSFERASE_OF_NORMAL.grade(value.divide(normal, RATIO));
			case BILIRUBIN -> BILIRUBIN_CUTOFFS.grade(value.divide(
					baseline != null && baseline.compareTo(normal) > 0 ? baseline : normal, RATIO));
			case CREATININE -> Math.max(CREATININE_OF_NORMAL.grade(value.divide(normal, RATIO)),
					baseline == null || baseline.signum() <= 0 ? 0 : creatinineAgainstBaseline(value.divide(baseline, RATIO)));
		};
	}

	private int decrease(BigDecimal value, BigDecimal lowerLimit) {
		if (value.compareTo(lowerLimit) >= 0) {
			return 0;
		}
		int grade = 1;
		for (BigDecimal limit : limits) {
			if (limit == null || value.compareTo(limit) >= 0) {
				break;
			}
			grade++;
		}
		return grade;
	}

	/**
	 * The cut-offs of a ratio to a limit: above {@code g1} (or at it, when {@code g1Inclusive}) grade 1, above
	 * {@code g2} grade 2, above {@code g3} grade 3, above {@code g4} grade 4. Parsed once: a summary grades every
	 * value of every subject.
	 */
	private record Cutoffs(BigDecimal g1, BigDecimal g2, BigDecimal g3, BigDecimal g4, boolean g1Inclusive) {

		Cutoffs(String g1, String g2, String g3, String g4, boolean g1Inclusive) {
			this(new BigDecimal(g1), new BigDecimal(g2), new BigDecimal(g3), new BigDecimal(g4), g1Inclusive);
		}

		int grade(BigDecimal ratio) {
			int first = ratio.compareTo(g1);
			if (first < 0 || (first == 0 && !g1Inclusive)) {
				return 0;
			}
			if (ratio.compareTo(g4) > 0) {
				return 4;
			}
			if (ratio.compareTo(g3) > 0) {
				return 3;
			}
			return ratio.compareTo(g2) > 0 ? 2 : 1;
		}
	}

	private static final Cutoffs AMINOTRANSFERASE_OF_BASELINE = new Cutoffs("1.5", "3.0", "5.0", "20.0", true);
	private static final Cutoffs AMINOTRANSFERASE_OF_NORMAL = new Cutoffs("1.0", "3.0", "5.0", "20.0", false);
	private static final Cutoffs BILIRUBIN_CUTOFFS = new Cutoffs("1.0", "1.5", "3.0", "10.0", false);
	private static final Cutoffs CREATININE_OF_NORMAL = new Cutoffs("1.0", "1.5", "3.0", "6.0", false);
	private static final BigDecimal THREE_TIMES = new BigDecimal("3.0");
	private static final BigDecimal ONE_AND_A_HALF_TIMES = new BigDecimal("1.5");

	/** Creatinine against the subject's baseline: &gt;1.5-3.0 x baseline grade 2, &gt;3.0 x baseline grade 3. */
	private static int creatinineAgainstBaseline(BigDecimal ratio) {
		if (ratio.compareTo(THREE_TIMES) > 0) {
			return 3;
		}
		return ratio.compareTo(ONE_AND_A_HALF_TIMES) > 0 ? 2 : 0;
	}
}
