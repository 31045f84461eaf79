package org.msclupus.fhir.study.operation;

import org.msclupus.fhir.study.CategoryCount;
import org.msclupus.fhir.study.MeasureStatistic;
import org.msclupus.fhir.study.SubjectOutcome;
import static org.msclupus.fhir.evaluation.ResultParameters.part;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.evaluation.ResultParameters;
import org.msclupus.fhir.operation.CsvTable;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.ResponseCriteria;

/** Writes the study-level results as Parameters or as CSV. */
final class StudyResults {

	static final List<String> CSV_COLUMNS = List.of("subject", "arm", "criteria", "criteriaVersion", "response",
			"responseDate", "daysToResponse", "daysToCompleteResponse", "relapse", "relapseVisit", "relapseDate");
	static final String CSV_HEADER = String.join(",", CSV_COLUMNS);

	private StudyResults() {
	}

	/** Keeps what aggregation and the subject rows need; drops evidence and text, which a study does not return. */
	static CriteriaResult withoutDetail(ResponseCriteria rule, CriteriaResult r) {
		return new CriteriaResult(r.criteria(), r.version(), r.thresholds(), r.response(), r.responseDate(),
				r.daysToResponse(), r.daysToCompleteResponse(), r.relapse(), r.relapseVisit(), r.relapseDate(),
				rule.reportsChangeFromBaseline() ? r.visits() : List.of(), new TreeSet<>(), List.of(),
				List.of(), "");
	}

	static Parameters toParameters(List<CategoryCount> counts, List<MeasureStatistic> statistics,
			List<SubjectOutcome> outcomes) {
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
			part(p, "response", r.response() == null ? null : ResultParameters.concept(r.response()));
			part(p, "responseDate", r.responseDate() == null ? null : new DateType(r.responseDate().toString()));
			part(p, "relapseVisit", r.relapseVisit() == null ? null : new StringType(r.relapseVisit()));
		}
		return parameters;
	}

	static String toCsv(List<SubjectOutcome> outcomes) {
		CsvTable csv = new CsvTable(CSV_COLUMNS);
		for (SubjectOutcome o : outcomes) {
			CriteriaResult r = o.result();
			csv.row(o.subject(), o.arm(), r.criteria(), r.version(), r.response(), r.responseDate(),
					r.daysToResponse(), r.daysToCompleteResponse(), r.relapse(), r.relapseVisit(), r.relapseDate());
		}
		return csv.toString();
	}

	private static DecimalType decimal(Double value) {
		return value == null ? null : new DecimalType(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP));
	}

	/** p-values keep 4 significant digits, so that 0.00012 does not become 0.0001 or 0. */
	private static BigDecimal significant(double p) {
		return new BigDecimal(p).round(new java.math.MathContext(4));
	}
}
