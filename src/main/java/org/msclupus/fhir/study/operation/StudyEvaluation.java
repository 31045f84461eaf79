package org.msclupus.fhir.study.operation;

import org.msclupus.fhir.study.CategoryCount;
import org.msclupus.fhir.study.SubjectOutcome;
import java.util.Optional;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.study.ArmComparison;
import org.msclupus.fhir.study.StudyAggregator;
import org.msclupus.fhir.study.StudyComparisons;
import org.msclupus.fhir.study.StudyTimeToEvent;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.fhir.StudySchedules;
import org.msclupus.fhir.records.StudyOutcomes;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.ResponseCriteria;

/**
 * Evaluates every subject of a study in memory, a chunk of subjects at a time, and aggregates: counts with Wilson
 * intervals, change-from-baseline statistics, one row per subject and criteria set. Used by the operation directly
 * and by its asynchronous job.
 */
public class StudyEvaluation {

	/**
	 * What to evaluate; {@code csv} asks for the CSV table instead of Parameters; {@code site}, when given, confines
	 * the evaluation to the subjects that site enrolled (a site-restricted caller's own).
	 */
	public record Request(IdType studyId, List<String> criteria, LocalDate asOf, String arm, boolean persist,
			boolean csv, String site, String referenceArm, ArmComparison.MissingAs missingAs, boolean verifiedOnly) {

		public Request {
			missingAs = missingAs == null ? ArmComparison.MissingAs.NON_RESPONDER : missingAs;
		}
	}

	private final CriteriaCatalog catalog;
	private final StudyOutcomes outcomes;
	private final StudyReportRecorder recorder;
	private final StudySchedules schedules;

	public StudyEvaluation(CriteriaCatalog catalog, StudyOutcomes outcomes, StudyReportRecorder recorder,
			StudySchedules schedules) {
		this.schedules = schedules;
		this.catalog = catalog;
		this.outcomes = outcomes;
		this.recorder = recorder;
	}

	/** The criteria sets asked for; 400 naming the known codes when one is unknown or none is given. */
	public List<ResponseCriteria> rules(List<String> codes) {
		List<ResponseCriteria> rules = OperationParameters.orBadRequest(() -> catalog.select(codes));
		if (rules.isEmpty()) {
			throw new InvalidRequestException("Parameter criteria is required for a study (at least one of: "
					+ String.join(", ", catalog.codes()) + ")");
		}
		return rules;
	}

	/**
	 * The arms to compare: the experimental arm against the other (or {@code referenceArm}); none when an arm filter
	 * leaves one arm or the study has no two to compare.
	 *
	 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException for a referenceArm the study lacks
	 */
	public static Optional<ArmComparison> arms(ResearchStudy study, Request request) {
		if (request.arm() != null) {
			return Optional.empty();
		}
		return OperationParameters.orBadRequest(() -> ArmComparison.choose(StudyDesigns.arms(study),
				request.referenceArm(), request.missingAs()));
	}

	/**
	 * Every subject of a study evaluated: the study, the criteria sets, one outcome per subject and set, and the arms
	 * to compare (none for a one-arm study or an arm filter).
	 */
	public record Analysis(ResearchStudy study, List<ResponseCriteria> rules, List<SubjectOutcome> outcomes,
			Optional<ArmComparison> arms, StudyOutcomes.Outcomes<Optional<ArmComparison>> evaluated) {
	}

	/** Evaluates every subject of the study (of the arm and site, when given) with the requested criteria sets. */
	public Analysis analyse(Request request, RequestDetails requestDetails) {
		List<ResponseCriteria> rules = rules(request.criteria());
		StudyOutcomes.Outcomes<Optional<ArmComparison>> evaluated = outcomes.evaluate(request.studyId(), rules,
				request.asOf(), request.arm(), request.site(), request.verifiedOnly(),
				s -> check(s, request, requestDetails), requestDetails);
		return new Analysis(evaluated.study(), rules, evaluated.outcomes(), evaluated.prepared(), evaluated);
	}

	/**
	 * What the study refutes before any subject is evaluated: the arms to compare, and a schedule for the criteria
	 * sets that report at the study's visits.
	 *
	 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException naming the problem
	 */
	public Optional<ArmComparison> check(ResearchStudy study, Request request, RequestDetails requestDetails) {
		Optional<ArmComparison> arms = arms(study, request);
		StudySchedules.requireFor(rules(request.criteria()), study, schedules.of(study, requestDetails).orElse(null));
		return arms;
	}

	/** The answer: its Parameters as an {@link Output}, or, when {@link Request#csv()}, the CSV text. */
	public record Answer(Output parameters, String csv) {

		/** As a resource: the Parameters, or a text/csv Binary. */
		public IBaseResource resource() {
			return csv != null ? OperationResponses.csv(csv) : parameters.toParameters();
		}
	}

	public Answer evaluate(Request request, RequestDetails requestDetails) {
		Analysis analysis = analyse(request, requestDetails);
		List<ResponseCriteria> rules = analysis.rules();
		List<SubjectOutcome> outcomes = analysis.outcomes();
		ResearchStudy study = analysis.study();
		List<CategoryCount> counts = StudyAggregator.categoryCounts(rules, outcomes);
		Map<String, Integer> unverified = analysis.evaluated().unverifiedValues();
		Output out = StudyResults.toOutput(counts, StudyAggregator.changeStatistics(rules, outcomes), outcomes,
				unverified);
		Optional<ArmComparison> compared = analysis.arms();
		compared.ifPresent(a -> StudyResults.addComparisons(out, StudyComparisons.outcomes(rules, outcomes, a),
				StudyComparisons.changes(rules, outcomes, a)));
		StudyResults.addTimesToEvent(out, StudyTimeToEvent.curves(rules, outcomes),
				compared.map(a -> StudyTimeToEvent.logRanks(rules, outcomes, a)).orElse(List.of()));
		if (request.csv()) {
			return new Answer(null, StudyResults.toCsv(outcomes, out.toParameters(), unverified));
		}
		if (request.persist()) {
			for (ResponseCriteria rule : rules) {
				if (counts.stream().anyMatch(c -> c.criteria().equals(rule.code()))) {
					out.add("measureReport").value(Output.ref(recorder.record(study, rule.code(), request.arm(),
							request.asOf(), counts, requestDetails)));
				}
			}
		}
		return new Answer(out, null);
	}
}
