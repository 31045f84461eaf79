package org.msclupus.fhir.operation;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.JobExecutionFailedException;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.util.Objects;
import org.hl7.fhir.r4.model.StringType;

/**
 * An operation asked with {@code Prefer: respond-async}, as a HAPI batch2 job, the one shape both asynchronous
 * operations take: the job stores the operation's parameters, its state lives in the database (any node answers
 * the status poll, a job interrupted by a crash is picked up again), and its status operation answers as bulk
 * export's {@code $export-poll-status} does ({@link JobStatuses}). A subclass says what the work is and where the
 * result goes; a site-restricted caller sees only the jobs started for its own site.
 *
 * @param <P> the operation's parameters as the job stores them (JSON)
 */
public abstract class OperationJob<P extends IModelJson> {

	private final String definitionId;
	private final String description;
	private final String workStep;
	private final String statusOperation;
	private final String what;
	private final Class<P> parametersType;

	/**
	 * @param definitionId    the batch2 job definition's id (stored with every job: never change it)
	 * @param workStep        the id of the step that does the work (stored too)
	 * @param statusOperation the status URL's operation, {@code $…-status}
	 * @param what            what the job is, for messages ("CDISC export")
	 */
	protected OperationJob(String definitionId, String description, String workStep, String statusOperation,
			String what, Class<P> parametersType) {
		this.definitionId = definitionId;
		this.description = description;
		this.workStep = workStep;
		this.statusOperation = statusOperation;
		this.what = what;
		this.parametersType = parametersType;
	}

	/** The site whose caller started the job; null for a sponsor-wide one. */
	protected abstract String siteOf(P parameters);

	/**
	 * Does the work and stores the result under the job's id. A 4xx or 5xx it throws fails the job for good: the
	 * study went away or the request cannot be answered, and retrying will not help.
	 */
	protected abstract void run(P parameters, String jobId, RequestDetails system) throws IOException;

	/** Registered with batch2 by HAPI, which collects every JobDefinition bean at start-up. */
	public JobDefinition<P> definition() {
		return JobDefinition.newBuilder()
				.setJobDefinitionId(definitionId)
				.setJobDefinitionVersion(1)
				.setJobDescription(description)
				.setParametersType(parametersType)
				// batch2 needs a first and a last step; the whole operation is one unit of work.
				.addFirstStep("accept", "Hand the request to the work step", parametersType, this::accept)
				.addLastStep(workStep, description, this::work)
				.build();
	}

	/** Starts a job and answers 202 with its status URL in Content-Location. */
	public void start(IJobCoordinator jobs, P parameters, RequestDetails request, String message) throws IOException {
		JobInstanceStartRequest start = new JobInstanceStartRequest(definitionId, parameters);
		start.setUseCache(false);
		String jobId = jobs.startInstance(request, start).getInstanceId();
		OperationResponses.accepted(request, statusUrl(request, jobId), message.replace("{job}", jobId));
	}

	/**
	 * Answers the status operation: 404 for an unknown job, one of another kind or one another site started; 202
	 * while it runs; 500 when it failed; {@code result} when it is done.
	 *
	 * @param site the site the caller's token is confined to; null for a sponsor-wide caller
	 */
	public void status(IJobCoordinator jobs, StringType jobId, String site, RequestDetails request,
			JobStatuses.Result result) throws IOException {
		JobInstance job = JobStatuses.find(jobs, jobId == null ? null : jobId.getValue(), definitionId, what);
		if (site != null && !site.equals(siteOf(job.getParameters(parametersType)))) {
			throw new ResourceNotFoundException("Unknown " + what + " job: " + job.getInstanceId());
		}
		JobStatuses.answer(request, job, Character.toUpperCase(what.charAt(0)) + what.substring(1),
				statusUrl(request, job.getInstanceId()), result);
	}

	private String statusUrl(RequestDetails request, String jobId) {
		return request.getFhirServerBase() + "/" + statusOperation + "?_jobId=" + jobId;
	}

	private RunOutcome accept(StepExecutionDetails<P, VoidModel> details, IJobDataSink<P> sink) {
		sink.accept(details.getParameters());
		return RunOutcome.SUCCESS;
	}

	private RunOutcome work(StepExecutionDetails<P, P> details, IJobDataSink<VoidModel> sink) {
		try {
			run(Objects.requireNonNull(details.getData()), details.getInstance().getInstanceId(),
					details.newSystemRequestDetails());
		} catch (BaseServerResponseException e) {
			throw new JobExecutionFailedException(e.getMessage(), e);
		} catch (IOException e) {
			throw new JobExecutionFailedException(what + " could not be written: " + e.getMessage(), e);
		}
		return RunOutcome.SUCCESS;
	}
}
