package org.msclupus.fhir.response.operation;

import static org.msclupus.fhir.operation.Output.part;

import org.msclupus.fhir.operation.ResponseConcepts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.Decimals;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.VisitResult;

/** Writes a {@link CriteriaResult} as the {@code result} parameter of $evaluate-response. */
public final class ResultParameters {

	private ResultParameters() {
	}

	public static ParametersParameterComponent toParameter(CriteriaResult result, List<String> assessments) {
		ParametersParameterComponent parameter = new ParametersParameterComponent().setName("result");
		part(parameter, "criteria", new CodeType(result.criteria()));
		part(parameter, "criteriaVersion", new StringType(result.version()));
		for (Map.Entry<String, Object> threshold : result.thresholds().entrySet()) {
			ParametersParameterComponent t = parameter.addPart().setName("threshold");
			part(t, "name", new StringType(threshold.getKey()));
			part(t, "value", new DecimalType(new BigDecimal(threshold.getValue().toString())));
		}
		if (result.response() != null) {
			part(parameter, "response", ResponseConcepts.of(result.response()));
		}
		part(parameter, "responseDate", date(result.responseDate()));
		part(parameter, "daysToResponse", integer(result.daysToResponse()));
		part(parameter, "daysToCompleteResponse", integer(result.daysToCompleteResponse()));
		if (result.relapse() != null) {
			part(parameter, "relapse", new BooleanType(result.relapse()));
		}
		if (result.relapseVisit() != null) {
			part(parameter, "relapseVisit", new StringType(result.relapseVisit()));
		}
		part(parameter, "relapseDate", date(result.relapseDate()));
		for (VisitResult visit : result.visits()) {
			ParametersParameterComponent v = parameter.addPart().setName("visit");
			part(v, "label", new StringType(visit.label()));
			part(v, "date", date(visit.date()));
			if (visit.response() != null) {
				part(v, "response", ResponseConcepts.of(visit.response()));
			}
			for (MeasureChange change : visit.changes()) {
				ParametersParameterComponent m = v.addPart().setName(change.measure().code());
				part(m, "value", decimal(Decimals.rounded(change.value(), 4)));
				part(m, "change", decimal(Decimals.rounded(change.change(), 4)));
				part(m, "percentChange", decimal(Decimals.rounded(change.percentChange(), 2)));
			}
		}
		result.evidence().forEach(ref -> part(parameter, "evidence", new Reference(ref)));
		result.missing().forEach(what -> part(parameter, "missing", new StringType(what)));
		result.ignored().forEach(what -> part(parameter, "ignored", new StringType(what)));
		part(parameter, "explanation", new StringType(result.explanation()));
		assessments.forEach(ref -> part(parameter, "assessment", new Reference(ref)));
		return parameter;
	}


	private static DateType date(LocalDate date) {
		return date == null ? null : new DateType(date.toString());
	}

	private static IntegerType integer(Integer value) {
		return value == null ? null : new IntegerType(value);
	}

	private static DecimalType decimal(BigDecimal value) {
		return value == null ? null : new DecimalType(value);
	}
}
