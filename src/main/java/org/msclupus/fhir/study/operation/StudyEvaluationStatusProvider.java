package org.msclupus.fhir.study.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.security.Callers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$evaluate-response-status?_jobId=...}: the status URL of an asynchronous study evaluation, like
 * bulk export's {@code $export-poll-status}. 202 with {@code X-Progress} while the job runs; 200 with the result
 * (Parameters or CSV, as asked for at the start) when it is done; 500 with an OperationOutcome when it failed; 404
 * for an unknown job.
 */
@Component
public class StudyEvaluationStatusProvider implements TrialOperationProvider {

	private final StudyEvaluationJob job;
	private final IJobCoordinator jobs;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;

	public StudyEvaluationStatusProvider(IJobCoordinator jobs, DaoRegistry daos, FhirContext fhirContext, StudyEvaluationJob job) {
		this.job = job;
		this.jobs = jobs;
		this.daos = daos;
		this.fhirContext = fhirContext;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = StudyEvaluationJob.STATUS_OPERATION, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-status")
	@Description(shortDefinition = "Status, and when done the result, of an asynchronous study $evaluate-response")
	public void status(
			@Description(shortDefinition = "The job id from the Content-Location of the 202 answer")
			@OperationParam(name = "_jobId", typeName = "string", min = 1, max = 1) StringType jobId,
			RequestDetails request) throws IOException {
		// A site-restricted caller sees only the jobs started for its own site; any other is "unknown" to it.
		job.status(jobs, jobId, Callers.of(request).siteRestriction().orElse(null), request, done -> {
			// The caller may see this job (checked); its result file is the server's own, read as such.
			Binary result = daos.getResourceDao(Binary.class).read(StudyEvaluationJob.resultId(done.getInstanceId()),
					new SystemRequestDetails());
			OperationResponses.respond(request, "application/fhir+json".equals(result.getContentType())
					? fhirContext.newJsonParser().parseResource(new String(result.getData(), StandardCharsets.UTF_8))
					: result);
		});
	}
}
