package org.msclupus.fhir.operation;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.util.Locale;

/**
 * The status URL of an asynchronous operation's batch2 job, as bulk export's {@code $export-poll-status}: 202 with
 * {@code X-Progress} while it runs, the result when it is done, 500 when it failed, 404 for an unknown job.
 */
public final class JobStatuses {

	/** Writes a finished job's result. */
	@FunctionalInterface
	public interface Result {
		void write(JobInstance job) throws IOException;
	}

	private JobStatuses() {
	}

	/** The job of that definition with that id; 404 naming {@code what} for any other. */
	public static JobInstance find(IJobCoordinator jobs, String id, String definitionId, String what) {
		if (id == null || id.isBlank()) {
			throw new ResourceNotFoundException("No " + what + " job given (_jobId)");
		}
		JobInstance job;
		try {
			job = jobs.getInstance(id);
		} catch (ResourceNotFoundException e) {
			job = null;
		}
		if (job == null || !definitionId.equals(job.getJobDefinitionId())) {
			throw new ResourceNotFoundException("Unknown " + what + " job: " + id);
		}
		return job;
	}

	/** Answers the poll: the result when done, 500 when it failed, else 202 pointing at {@code statusUrl}. */
	public static void answer(RequestDetails request, JobInstance job, String what, String statusUrl, Result result)
			throws IOException {
		String state = job.getStatus().name().toLowerCase(Locale.ROOT);
		switch (job.getStatus()) {
			case COMPLETED -> result.write(job);
			case FAILED, CANCELLED -> throw new InternalErrorException(what + " " + job.getInstanceId() + " " + state
					+ ": " + job.getErrorMessage());
			// QUEUED, IN_PROGRESS, FINALIZE, and ERRORED (which batch2 retries)
			default -> OperationResponses.accepted(request, statusUrl, what + " " + job.getInstanceId() + " is "
					+ state.replace('_', ' '));
		}
	}
}
