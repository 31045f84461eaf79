package org.msclupus.fhir.study.operation;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IJobStepWorker;
import ca.uhn.fhir.batch2.api.JobExecutionFailedException;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.msclupus.fhir.study.ArmComparison;

/**
 * The asynchronous study evaluation ({@code Prefer: respond-async}) as a HAPI batch2 job: its state lives in the
 * database, so any node can answer the status poll and an interrupted job is picked up again by the maintenance
 * run. The result is stored as a Binary ({@code Binary/evaluate-response-<job id>}), FHIR JSON Parameters or CSV.
 */
public class StudyEvaluationJob {

	public static final String JOB_DEFINITION_ID = "msc-evaluate-study";
	static final String RESULT_ID_PREFIX = "evaluate-response-";
	/** The status URL's operation, as bulk export's {@code $export-poll-status}. */
	public static final String STATUS_OPERATION = "$evaluate-response-status";

	/** The operation's parameters, as the job stores them. */
	public static class Parameters implements IModelJson {
		@JsonProperty("studyId")
		String studyId;
		@JsonProperty("criteria")
		List<String> criteria;
		@JsonProperty("asOf")
		String asOf;
		@JsonProperty("arm")
		String arm;
		@JsonProperty("persist")
		boolean persist;
		@JsonProperty("csv")
		boolean csv;
		@JsonProperty("site")
		String site;
		@JsonProperty("referenceArm")
		String referenceArm;
		@JsonProperty("missingAs")
		String missingAs;

		public Parameters() {
			// for Jackson
		}

		Parameters(StudyEvaluation.Request request) {
			studyId = request.studyId().toUnqualifiedVersionless().getValue();
			criteria = request.criteria();
			asOf = request.asOf().toString();
			arm = request.arm();
			persist = request.persist();
			csv = request.csv();
			site = request.site();
			referenceArm = request.referenceArm();
			missingAs = request.missingAs().code();
		}

		StudyEvaluation.Request toRequest() {
			return new StudyEvaluation.Request(new IdType(studyId), criteria, LocalDate.parse(asOf), arm, persist, csv,
					site, referenceArm, missingAs == null ? null : ArmComparison.MissingAs.byCode(missingAs));
		}
	}

	private final StudyEvaluation evaluation;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;

	public StudyEvaluationJob(StudyEvaluation evaluation, DaoRegistry daos, FhirContext fhirContext) {
		this.evaluation = evaluation;
		this.daos = daos;
		this.fhirContext = fhirContext;
	}

	public JobDefinition<Parameters> definition() {
		return JobDefinition.newBuilder()
				.setJobDefinitionId(JOB_DEFINITION_ID)
				.setJobDefinitionVersion(1)
				.setJobDescription("Study-level $evaluate-response")
				.setParametersType(Parameters.class)
				// batch2 needs a first and a last step; the whole evaluation is one unit of work.
				.addFirstStep("accept", "Hand the request to the evaluation step", Parameters.class, this::accept)
				.addLastStep("evaluate", "Evaluate every subject and store the result", this::evaluate)
				.build();
	}

	/** Starts a job; the id is what the status URL carries. */
	public static String start(IJobCoordinator jobs, StudyEvaluation.Request request, RequestDetails requestDetails) {
		JobInstanceStartRequest start = new JobInstanceStartRequest(JOB_DEFINITION_ID, new Parameters(request));
		start.setUseCache(false);
		return jobs.startInstance(requestDetails, start).getInstanceId();
	}

	/** Where a client polls for the job's state and result. */
	static String statusUrl(RequestDetails request, String jobId) {
		return request.getFhirServerBase() + "/" + STATUS_OPERATION + "?_jobId=" + jobId;
	}

	static IdType resultId(String jobId) {
		return new IdType("Binary", RESULT_ID_PREFIX + jobId);
	}

	private RunOutcome accept(StepExecutionDetails<Parameters, VoidModel> details, IJobDataSink<Parameters> sink) {
		sink.accept(details.getParameters());
		return RunOutcome.SUCCESS;
	}

	private RunOutcome evaluate(StepExecutionDetails<Parameters, Parameters> details, IJobDataSink<VoidModel> sink) {
		RequestDetails system = details.newSystemRequestDetails();
		IBaseResource result;
		try {
			result = evaluation.evaluate(details.getData().toRequest(), system);
		} catch (BaseServerResponseException e) {
			// The study went away or the request cannot be answered: retrying will not help.
			throw new JobExecutionFailedException(e.getMessage(), e);
		}
		Binary stored;
		if (result instanceof Binary csv) {
			stored = csv;
		} else {
			stored = new Binary();
			stored.setContentType("application/fhir+json");
			stored.setData(fhirContext.newJsonParser().encodeResourceToString(result).getBytes(StandardCharsets.UTF_8));
		}
		stored.setId(resultId(details.getInstance().getInstanceId()));
		daos.getResourceDao(Binary.class).update(stored, system);
		return RunOutcome.SUCCESS;
	}
}
