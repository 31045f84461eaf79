package org.msclupus.fhir.study.operation;

import static org.msclupus.fhir.operation.Output.part;

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
	static void addComparisons(Parameters parameters, List<StudyComparisons.OutcomeComparison> outcomes,
			List<StudyComparisons.ChangeComparison> changes) {
		for (StudyComparisons.OutcomeComparison c : outcomes) {
			ParametersParameterComponent p = parameters.addParameter().setName("comparison");
			part(p, "criteria", new CodeType(c.criteria()));
			part(p, "outcome", new CodeType(c.outcome()));
			part(p, "arm", new StringType(c.arms().arm()));
			part(p, "referenceArm", new StringType(c.arms().referenceArm()));
			part(p, "count", new IntegerType(c.count()));
			part(p, "denominator", new IntegerType(c.denominator()));
			part(p, "referenceCount", new IntegerType(c.referenceCount()));
			part(p, "referenceDenominator", new IntegerType(c.referenceDenominator()));
			TwoProportions.Comparison e = c.estimates();
			if (e != null) {
				estimate(p, "riskDifference", e.riskDifference());
				estimate(p, "oddsRatio", e.oddsRatio());
				estimate(p, "riskRatio", e.riskRatio());
				part(p, "continuityCorrection", new DecimalType(BigDecimal.valueOf(e.correction())));
				part(p, "pValue", new DecimalType(significant(e.pValue())));
			}
			part(p, "missingAs", new CodeType(c.arms().missingAs().code()));
		}
		for (StudyComparisons.ChangeComparison c : changes) {
			ParametersParameterComponent p = parameters.addParameter().setName("changeComparison");
			part(p, "measure", new CodeType(c.measure()));
			part(p, "visit", new StringType(c.visit()));
			part(p, "arm", new StringType(c.arms().arm()));
			part(p, "referenceArm", new StringType(c.arms().referenceArm()));
			part(p, "n", new IntegerType(c.n()));
			part(p, "referenceN", new IntegerType(c.referenceN()));
			part(p, "meanChange", decimal(c.meanChange()));
			part(p, "referenceMeanChange", decimal(c.referenceMeanChange()));
			if (c.estimates() != null) {
				estimate(p, "difference", c.estimates().difference());
				part(p, "pValue", new DecimalType(significant(c.estimates().pValue())));
			}
		}
	}

	/** Kaplan-Meier curves ({@code timeToEvent}) and log-rank tests ({@code logRank}). */
	static void addTimesToEvent(Parameters parameters, List<StudyTimeToEvent.TimeToEvent> curves,
			List<StudyTimeToEvent.LogRankTest> tests) {
		for (StudyTimeToEvent.TimeToEvent t : curves) {
			ParametersParameterComponent p = parameters.addParameter().setName("timeToEvent");
			KaplanMeier.Curve curve = t.curve();
			part(p, "criteria", new CodeType(t.criteria()));
			part(p, "event", new CodeType(t.event()));
			part(p, "arm", new StringType(t.arm()));
			part(p, "n", new IntegerType(curve.n()));
			part(p, "events", new IntegerType(curve.events()));
			part(p, "censored", new IntegerType(curve.censored()));
			part(p, "notEvaluable", new IntegerType(t.notEvaluable()));
			part(p, "median", days(curve.median()));
			part(p, "medianLower", days(curve.medianLower()));
			part(p, "medianUpper", days(curve.medianUpper()));
			for (KaplanMeier.Step step : curve.steps()) {
				ParametersParameterComponent s = p.addPart().setName("step");
				part(s, "day", days(step.time()));
				part(s, "atRisk", new IntegerType(step.atRisk()));
				part(s, "events", new IntegerType(step.events()));
				part(s, "censored", new IntegerType(step.censored()));
				part(s, "survival", decimal(step.survival()));
				part(s, "survivalLower", decimal(step.lower()));
				part(s, "survivalUpper", decimal(step.upper()));
				part(s, "cumulativeIncidence", decimal(1 - step.survival()));
			}
		}
		for (StudyTimeToEvent.LogRankTest t : tests) {
			ParametersParameterComponent p = parameters.addParameter().setName("logRank");
			part(p, "criteria", new CodeType(t.criteria()));
			part(p, "event", new CodeType(t.event()));
			part(p, "arm", new StringType(t.arms().arm()));
			part(p, "referenceArm", new StringType(t.arms().referenceArm()));
			part(p, "observed", decimal(t.test().observed()));
			part(p, "expected", decimal(t.test().expected()));
			part(p, "chiSquare", decimal(t.test().chiSquare()));
			part(p, "pValue", new DecimalType(significant(t.test().pValue())));
		}
	}

	private static void estimate(ParametersParameterComponent p, String name, Proportions.Estimate estimate) {
		part(p, name, decimal(estimate.value()));
		part(p, name + "Lower", decimal(estimate.lower()));
		part(p, name + "Upper", decimal(estimate.upper()));
	}

	private static IntegerType days(Double days) {
		return days == null ? null : new IntegerType((int) Math.round(days));
	}

	/**
	 * @param unverified for a study whose values wait for verification, per subject how many values were counted
	 *                   unverified; null for a study that needs none (the answer is then as it always was)
	 */
	static Parameters toParameters(List<CategoryCount> counts, List<MeasureStatistic> statistics,
			List<SubjectOutcome> outcomes, Map<String, Integer> unverified) {
		Parameters parameters = new Parameters();
		for (CategoryCount c : counts) {
			ParametersParameterComponent p = parameters.addParameter().setName("summary");
			part(p, "criteria", new CodeType(c.criteria()));
			part(p, "arm", new StringType(c.arm()));
			part(p, "category", new CodeType(c.category()));
			part(p, "visit", c.visit() == null ? null : new StringType(c.visit()));
			part(p, "count", new IntegerType(c.count()));
			part(p, "denominator", new IntegerType(c.denominator()));
			part(p, "rate", decimal(c.rate()));
			part(p, "ciLower", decimal(c.ciLower()));
			part(p, "ciUpper", decimal(c.ciUpper()));
		}
		for (MeasureStatistic s : statistics) {
			ParametersParameterComponent p = parameters.addParameter().setName("statistic");
			part(p, "measure", new CodeType(s.measure()));
			part(p, "arm", new StringType(s.arm()));
			part(p, "visit", new StringType(s.visit()));
			part(p, "n", new IntegerType(s.n()));
			part(p, "mean", decimal(s.mean()));
			part(p, "meanLower", decimal(s.meanLower()));
			part(p, "meanUpper", decimal(s.meanUpper()));
			part(p, "sd", decimal(s.sd()));
			part(p, "median", decimal(s.median()));
			part(p, "nPaired", new IntegerType(s.nPaired()));
			part(p, "meanChange", decimal(s.meanChange()));
			part(p, "sdChange", decimal(s.sdChange()));
			part(p, "pValue", s.pValue() == null ? null : new DecimalType(significant(s.pValue())));
		}
		for (SubjectOutcome o : outcomes) {
			ParametersParameterComponent p = parameters.addParameter().setName("subject");
			CriteriaResult r = o.result();
			part(p, "subject", new Reference(o.subject()));
			part(p, "arm", o.arm() == null ? null : new StringType(o.arm()));
			part(p, "criteria", new CodeType(r.criteria()));
			part(p, "response", r.response() == null ? null : ResponseConcepts.of(r.response()));
			part(p, "responseDate", r.responseDate() == null ? null : new DateType(r.responseDate().toString()));
			part(p, "relapseVisit", r.relapseVisit() == null ? null : new StringType(r.relapseVisit()));
			if (unverified != null) {
				part(p, UnverifiedValues.NAME, new IntegerType(unverified.getOrDefault(o.subject(), 0)));
			}
		}
		if (unverified != null) {
			parameters.addParameter().setName(UnverifiedValues.NAME).setValue(new IntegerType(
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
