package org.msclupus.fhir.study.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.msclupus.fhir.security.Callers;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.store.StudySubjects;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.study.ArmComparison;
import org.msclupus.fhir.operation.OperationResponses;

/**
 * {@code ResearchStudy/[id]/$evaluate-response}: the study-level evaluation ({@link StudyEvaluation}) as FHIR
 * Parameters or, with {@code Accept: text/csv} or {@code _format=csv}, as CSV. With {@code Prefer: respond-async} it
 * checks the request, starts a job ({@link StudyEvaluationJob}) and answers 202 with the status URL in
 * {@code Content-Location}, as bulk export does.
 */
@Component
public class StudyEvaluateResponseProvider implements TrialOperationProvider {

	private final StudyEvaluationJob job;
	private final StudyEvaluation evaluation;
	private final IJobCoordinator jobs;
	private final DaoRegistry daos;
	private final Clock clock;
	private final StudySubjects studySubjects;

	public StudyEvaluateResponseProvider(StudyEvaluation evaluation, IJobCoordinator jobs, DaoRegistry daos,
			Clock clock, StudyEvaluationJob job, StudySubjects studySubjects) {
		this.job = job;
		this.studySubjects = studySubjects;
		this.evaluation = evaluation;
		this.jobs = jobs;
		this.daos = daos;
		this.clock = clock;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = "$evaluate-response", type = ResearchStudy.class, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-study")
	@Description(shortDefinition = "Evaluate the trial response endpoints of every subject of a study, per arm",
			value = "Counts per response category with Wilson 95 % intervals, relapses over responders, change from "
					+ "baseline statistics with paired t tests, and one row per subject; CSV with Accept: text/csv; "
					+ "asynchronous with Prefer: respond-async.")
	public void evaluateStudy(
			@IdParam IdType studyId,
			@Description(shortDefinition = "Criteria set codes (at least one)")
			@OperationParam(name = "criteria", typeName = "code", min = 1, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> criteria,
			@Description(shortDefinition = "Use only data dated on or before this date; default today")
			@OperationParam(name = "asOf", typeName = "date", min = 0, max = 1) DateType asOf,
			@Description(shortDefinition = "Only the subjects assigned to this arm")
			@OperationParam(name = "arm", typeName = "string", min = 0, max = 1) StringType arm,
			@Description(shortDefinition = "Also store a MeasureReport per graded criteria set")
			@OperationParam(name = "persist", typeName = "boolean", min = 0, max = 1) BooleanType persist,
			@Description(shortDefinition = "The comparator arm, when the study has more than one besides the "
					+ "experimental arm")
			@OperationParam(name = "referenceArm", typeName = "string", min = 0, max = 1) StringType referenceArm,
			@Description(shortDefinition = "How NE subjects count in the arm comparison: non-responder (default) "
					+ "or excluded")
			@OperationParam(name = "missingAs", typeName = "code", min = 0, max = 1) CodeType missingAs,
			@Description(shortDefinition = "Count only values a monitor verified (a study that needs verification)")
			@OperationParam(name = "verifiedOnly", typeName = "boolean", min = 0, max = 1) BooleanType verifiedOnly,
			RequestDetails request) throws IOException {
		boolean store = OperationParameters.isTrue(persist);
		ArmComparison.MissingAs missing = missingAs == null || missingAs.isEmpty() ? null
				: OperationParameters.orBadRequest(() -> ArmComparison.MissingAs.byCode(missingAs.getValue()));
		StudyEvaluation.Request what = new StudyEvaluation.Request(studyId.toUnqualifiedVersionless(),
				OperationParameters.codes(criteria), OperationParameters.lastDayOrToday(asOf, clock),
				OperationParameters.textOrNull(arm), store, OperationResponses.wantsCsv(request),
				Callers.sponsorWideToStore(request, store), OperationParameters.textOrNull(referenceArm), missing,
				OperationParameters.isTrue(verifiedOnly));
		if (OperationResponses.wantsAsync(request)) {
			// Refuse what would fail anyway now, with its 4xx, rather than in a job.
			evaluation.rules(what.criteria());
			ResearchStudy study = daos.getResourceDao(ResearchStudy.class).read(what.studyId(), request);
			evaluation.check(study, what, request);
			studySubjects.requireArm(study, what.arm(), request);
			job.start(jobs, new StudyEvaluationJob.Parameters(what), request, "Evaluation of "
					+ what.studyId().getValue() + " started; poll the URL in Content-Location for the result");
			return;
		}
		StudyEvaluation.Answer answer = evaluation.evaluate(what, request);
		if (answer.csv() != null) {
			OperationResponses.respond(request, OperationResponses.csv(answer.csv()));
		} else {
			OperationResponses.respond(request, answer.parameters());
		}
	}
}
