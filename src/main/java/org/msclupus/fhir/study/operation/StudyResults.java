package org.msclupus.fhir.study.operation;


import org.msclupus.fhir.operation.ResponseConcepts;

import org.msclupus.fhir.study.CategoryCount;
import org.msclupus.fhir.study.MeasureStatistic;
import org.msclupus.fhir.study.SubjectOutcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.CsvTable;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.operation.UnverifiedValues;
import org.msclupus.fhir.statistics.KaplanMeier;
import org.msclupus.fhir.statistics.Proportions;
import org.msclupus.fhir.statistics.TwoProportions;
import org.msclupus.fhir.study.StudyComparisons;
import org.msclupus.fhir.study.StudyTimeToEvent;
import org.msclupus.fhir.response.CriteriaResult;

/** Writes the study-level results as Parameters or as CSV. */
final class StudyResults {

	/** The sections of the CSV after the subject rows, in order: the Parameters outputs of the same names. */
	static final List<String> CSV_SECTIONS = List.of("comparison", "changeComparison", "timeToEvent", "logRank");
	/** Rows of a Kaplan-Meier curve, each after its {@code timeToEvent} row; the curve's criteria, event and arm. */
	static final String STEP_SECTION = "step";

	/**
	 * One long table: {@code section} says what a row is ({@code subject}, then the sections above); each row fills
	 * the columns its Parameters parts name and leaves the others empty.
	 */
	static final List<String> CSV_COLUMNS = List.of("section", "subject", "arm", "criteria", "criteriaVersion",
			"response", "responseDate", "daysToResponse", "daysToCompleteResponse", "relapse", "relapseVisit",
			"relapseDate", "outcome", "event", "measure", "visit", "referenceArm", "missingAs", "count", "denominator",
			"referenceCount", "referenceDenominator", "riskDifference", "riskDifferenceLower", "riskDifferenceUpper",
			"oddsRatio", "oddsRatioLower", "oddsRatioUpper", "riskRatio", "riskRatioLower", "riskRatioUpper",
			"continuityCorrection", "n", "referenceN", "meanChange", "referenceMeanChange", "difference",
			"differenceLower", "differenceUpper", "notEvaluable", "median", "medianLower", "medianUpper", "day",
			"atRisk", "events", "censored", "survival", "survivalLower", "survivalUpper", "cumulativeIncidence",
			"observed", "expected", "chiSquare", "pValue");
	static final String CSV_HEADER = String.join(",", CSV_COLUMNS);

	private StudyResults() {
	}

	/** The arm comparison: one {@code comparison} per criteria set and outcome, one {@code changeComparison} per
	 * measure and visit. */
	static void addComparisons(Output parameters, List<StudyComparisons.OutcomeComparison> outcomes,
			List<StudyComparisons.ChangeComparison> changes) {
		for (StudyComparisons.OutcomeComparison c : outcomes) {
			Output.Row p = parameters.add("comparison");
			p.part("criteria", new CodeType(c.criteria()));
			p.part("outcome", new CodeType(c.outcome()));
			p.part("arm", new StringType(c.arms().arm()));
			p.part("referenceArm", new StringType(c.arms().referenceArm()));
			p.part("count", new IntegerType(c.count()));
			p.part("denominator", new IntegerType(c.denominator()));
			p.part("referenceCount", new IntegerType(c.referenceCount()));
			p.part("referenceDenominator", new IntegerType(c.referenceDenominator()));
			TwoProportions.Comparison e = c.estimates();
			if (e != null) {
				estimate(p, "riskDifference", e.riskDifference());
				estimate(p, "oddsRatio", e.oddsRatio());
				estimate(p, "riskRatio", e.riskRatio());
				p.part("continuityCorrection", new DecimalType(BigDecimal.valueOf(e.correction())));
				p.part("pValue", new DecimalType(significant(e.pValue())));
			}
			p.part("missingAs", new CodeType(c.arms().missingAs().code()));
		}
		for (StudyComparisons.ChangeComparison c : changes) {
			Output.Row p = parameters.add("changeComparison");
			p.part("measure", new CodeType(c.measure()));
			p.part("visit", new StringType(c.visit()));
			p.part("arm", new StringType(c.arms().arm()));
			p.part("referenceArm", new StringType(c.arms().referenceArm()));
			p.part("n", new IntegerType(c.n()));
			p.part("referenceN", new IntegerType(c.referenceN()));
			p.part("meanChange", decimal(c.meanChange()));
			p.part("referenceMeanChange", decimal(c.referenceMeanChange()));
			if (c.estimates() != null) {
				estimate(p, "difference", c.estimates().difference());
				p.part("pValue", new DecimalType(significant(c.estimates().pValue())));
			}
		}
	}

	/** Kaplan-Meier curves ({@code timeToEvent}) and log-rank tests ({@code logRank}). */
	static void addTimesToEvent(Output parameters, List<StudyTimeToEvent.TimeToEvent> curves,
			List<StudyTimeToEvent.LogRankTest> tests) {
		for (StudyTimeToEvent.TimeToEvent t : curves) {
			Output.Row p = parameters.add("timeToEvent");
			KaplanMeier.Curve curve = t.curve();
			p.part("criteria", new CodeType(t.criteria()));
			p.part("event", new CodeType(t.event()));
			p.part("arm", new StringType(t.arm()));
			p.part("n", new IntegerType(curve.n()));
			p.part("events", new IntegerType(curve.events()));
			p.part("censored", new IntegerType(curve.censored()));
			p.part("notEvaluable", new IntegerType(t.notEvaluable()));
			p.part("median", days(curve.median()));
			p.part("medianLower", days(curve.medianLower()));
			p.part("medianUpper", days(curve.medianUpper()));
			for (KaplanMeier.Step step : curve.steps()) {
				Output.Row s = p.group("step");
				s.part("day", days(step.time()));
				s.part("atRisk", new IntegerType(step.atRisk()));
				s.part("events", new IntegerType(step.events()));
				s.part("censored", new IntegerType(step.censored()));
				s.part("survival", decimal(step.survival()));
				s.part("survivalLower", decimal(step.lower()));
				s.part("survivalUpper", decimal(step.upper()));
				s.part("cumulativeIncidence", decimal(1 - step.survival()));
			}
		}
		for (StudyTimeToEvent.LogRankTest t : tests) {
			Output.Row p = parameters.add("logRank");
			p.part("criteria", new CodeType(t.criteria()));
			p.part("event", new CodeType(t.event()));
			p.part("arm", new StringType(t.arms().arm()));
			p.part("referenceArm", new StringType(t.arms().referenceArm()));
			p.part("observed", decimal(t.test().observed()));
			p.part("expected", decimal(t.test().expected()));
			p.part("chiSquare", decimal(t.test().chiSquare()));
			p.part("pValue", new DecimalType(significant(t.test().pValue())));
		}
	}

	private static void estimate(Output.Row p, String name, Proportions.Estimate estimate) {
		p.part(name, decimal(estimate.value()));
		p.part(name + "Lower", decimal(estimate.lower()));
		p.part(name + "Upper", decimal(estimate.upper()));
	}

	private static IntegerType days(Double days) {
		return days == null ? null : new IntegerType((int) Math.round(days));
	}

	/**
	 * @param unverified for a study whose values wait for verification, per subject how many values were counted
	 *                   unverified; null for a study that needs none (the answer is then as it always was)
	 */
	static Output toOutput(List<CategoryCount> counts, List<MeasureStatistic> statistics,
			List<SubjectOutcome> outcomes, Map<String, Integer> unverified) {
		Output parameters = new Output();
		for (CategoryCount c : counts) {
			Output.Row p = parameters.add("summary");
			p.part("criteria", new CodeType(c.criteria()));
			p.part("arm", new StringType(c.arm()));
			p.part("category", new CodeType(c.category()));
			p.part("visit", c.visit() == null ? null : new StringType(c.visit()));
			p.part("count", new IntegerType(c.count()));
			p.part("denominator", new IntegerType(c.denominator()));
			p.part("rate", decimal(c.rate()));
			p.part("ciLower", decimal(c.ciLower()));
			p.part("ciUpper", decimal(c.ciUpper()));
		}
		for (MeasureStatistic s : statistics) {
			Output.Row p = parameters.add("statistic");
			p.part("measure", new CodeType(s.measure()));
			p.part("arm", new StringType(s.arm()));
			p.part("visit", new StringType(s.visit()));
			p.part("n", new IntegerType(s.n()));
			p.part("mean", decimal(s.mean()));
			p.part("meanLower", decimal(s.meanLower()));
			p.part("meanUpper", decimal(s.meanUpper()));
			p.part("sd", decimal(s.sd()));
			p.part("median", decimal(s.median()));
			p.part("nPaired", new IntegerType(s.nPaired()));
			p.part("meanChange", decimal(s.meanChange()));
			p.part("sdChange", decimal(s.sdChange()));
			p.part("pValue", s.pValue() == null ? null : new DecimalType(significant(s.pValue())));
		}
		for (SubjectOutcome o : outcomes) {
			Output.Row p = parameters.add("subject");
			CriteriaResult r = o.result();
			p.part("subject", new Reference(o.subject()));
			p.part("arm", o.arm() == null ? null : new StringType(o.arm()));
			p.part("criteria", new CodeType(r.criteria()));
			p.part("response", r.response() == null ? null : ResponseConcepts.of(r.response()));
			p.part("responseDate", r.responseDate() == null ? null : new DateType(r.responseDate().toString()));
			p.part("relapseVisit", r.relapseVisit() == null ? null : new StringType(r.relapseVisit()));
			if (unverified != null) {
				p.part(UnverifiedValues.NAME, new IntegerType(unverified.getOrDefault(o.subject(), 0)));
			}
		}
		if (unverified != null) {
			parameters.add(UnverifiedValues.NAME).value(new IntegerType(
					UnverifiedValues.total(unverified)));
		}
		return parameters;
	}

	/**
	 * The subject rows, then every comparison, curve (with its steps) and log-rank test of {@code analyses}, the
	 * Parameters answer, so the CSV and the Parameters cannot disagree.
	 */
	static String toCsv(List<SubjectOutcome> outcomes, Parameters analyses, Map<String, Integer> unverified) {
		List<String> columns = UnverifiedValues.columns(CSV_COLUMNS, unverified);
		CsvTable csv = new CsvTable(columns);
		for (SubjectOutcome o : outcomes) {
			CriteriaResult r = o.result();
			Map<String, Object> row = new HashMap<>();
			row.put("section", "subject");
			row.put("subject", o.subject());
			row.put("arm", o.arm());
			row.put("criteria", r.criteria());
			row.put("criteriaVersion", r.version());
			row.put("response", r.response());
			row.put("responseDate", r.responseDate());
			row.put("daysToResponse", r.daysToResponse());
			row.put("daysToCompleteResponse", r.daysToCompleteResponse());
			row.put("relapse", r.relapse());
			row.put("relapseVisit", r.relapseVisit());
			row.put("relapseDate", r.relapseDate());
			if (unverified != null) {
				row.put(UnverifiedValues.NAME, unverified.getOrDefault(o.subject(), 0));
			}
			csv.row(inColumns(row, columns));
		}
		for (String section : CSV_SECTIONS) {
			for (ParametersParameterComponent p : analyses.getParameter()) {
				if (!p.getName().equals(section)) {
					continue;
				}
				Map<String, Object> row = partsOf(p);
				row.put("section", section);
				csv.row(inColumns(row, columns));
				for (ParametersParameterComponent step : p.getPart()) {
					if (step.getName().equals(STEP_SECTION)) {
						Map<String, Object> stepRow = partsOf(step);
						stepRow.put("section", STEP_SECTION);
						stepRow.put("criteria", row.get("criteria"));
						stepRow.put("event", row.get("event"));
						stepRow.put("arm", row.get("arm"));
						csv.row(inColumns(stepRow, columns));
					}
				}
			}
		}
		return csv.toString();
	}

	/** The primitive parts of a parameter by name; nested parts (steps) are rows of their own. */
	private static Map<String, Object> partsOf(ParametersParameterComponent parameter) {
		Map<String, Object> row = new HashMap<>();
		for (ParametersParameterComponent part : parameter.getPart()) {
			if (part.getValue() == null) {
				continue;
			}
			if (!CSV_COLUMNS.contains(part.getName())) {
				throw new IllegalStateException("No CSV column for part " + part.getName() + " of " + parameter.getName());
			}
			row.put(part.getName(), part.getValue().primitiveValue());
		}
		return row;
	}

	private static Object[] inColumns(Map<String, Object> row, List<String> columns) {
		return columns.stream().map(row::get).toArray();
	}

	private static DecimalType decimal(Double value) {
		return value == null ? null : new DecimalType(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP));
	}

	/** p-values keep 4 significant digits, so that 0.00012 does not become 0.0001 or 0. */
	private static BigDecimal significant(double p) {
		return new BigDecimal(p).round(new java.math.MathContext(4));
	}
}
