package org.msclupus.fhir.pooling.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;


import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.pooling.PooledOutcome;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.statistics.MetaAnalysis;

/**
 * {@code POST ResearchStudy/$meta-analysis}: pools two-arm studies on this server and published trials
 * ({@code externalStudy}) with {@link MetaAnalysis}. Answers Parameters, or CSV with {@code Accept: text/csv}.
 */
@Component
public class MetaAnalysisProvider implements TrialOperationProvider {

	private final StudyOutcomeCounts counts;
	private final Clock clock;

	public MetaAnalysisProvider(StudyOutcomeCounts counts, Clock clock) {
		this.counts = counts;
		this.clock = clock;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = "$meta-analysis", type = ResearchStudy.class, idempotent = false, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/meta-analysis")
	@Description(shortDefinition = "Pool two-arm studies of a dichotomous outcome",
			value = "Mantel-Haenszel (fixed) or DerSimonian-Laird (random) pooling of the odds ratio, risk ratio or "
					+ "risk difference of studies on this server and published trials, with heterogeneity, as "
					+ "Review Manager 5 computes them; CSV with Accept: text/csv.")
	public void metaAnalysis(
			@Description(shortDefinition = "A two-arm study on this server")
			@OperationParam(name = "study", typeName = "Reference", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<Reference> studies,
			@Description(shortDefinition = "A published trial: parts name, events, total, referenceEvents, "
					+ "referenceTotal")
			@OperationParam(name = "externalStudy", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<ParametersParameterComponent> externalStudies,
			@Description(shortDefinition = "adverse-event, serious-adverse-event or <criteria>:<outcome>")
			@OperationParam(name = "outcome", typeName = "code", min = 1, max = 1) CodeType outcome,
			@Description(shortDefinition = "OR (default), RR or RD")
			@OperationParam(name = "measure", typeName = "code", min = 0, max = 1) CodeType measure,
			@Description(shortDefinition = "fixed (default, Mantel-Haenszel) or random (DerSimonian-Laird)")
			@OperationParam(name = "model", typeName = "code", min = 0, max = 1) CodeType model,
			RequestDetails request) throws IOException {
		// Everything that can be refused is checked before any study is counted.
		MetaAnalysisRequest asked = MetaAnalysisRequest.parse(studies, externalStudies, outcome, measure, model);
		if (asked.outcome().kind() == PooledOutcome.Kind.RESPONSE) {
			counts.criteriaOf(asked.outcome());
		}
		List<StudyOutcomeCounts.Checked> onServer = new ArrayList<>();
		for (IdType id : asked.studies()) {
			onServer.add(counts.check(id, asked.outcome(), request));
		}
		LocalDate today = LocalDate.now(clock);
		String site = Callers.sponsorWideToStore(request, false);
		List<MetaAnalysis.Table> tables = new ArrayList<>();
		List<StudyOutcomeCounts.Counted> counted = new ArrayList<>();
		for (StudyOutcomeCounts.Checked study : onServer) {
			StudyOutcomeCounts.Counted c = counts.count(study, asked.outcome(), today, site, request);
			counted.add(c);
			tables.add(c.table());
		}
		tables.addAll(asked.external());
		MetaAnalysis.Result result = OperationParameters.orBadRequest(() -> MetaAnalysis.pool(tables, asked.measure(),
				asked.model()));
		OperationResponses.respond(request, OperationResponses.wantsCsv(request)
				? OperationResponses.csv(MetaAnalysisOutput.csv(result, counted, asked.outcome()))
				: MetaAnalysisOutput.parameters(result, counted, asked.outcome()));
	}
}
