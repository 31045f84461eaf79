package org.msclupus.fhir.cdisc.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.security.Callers;

/**
 * {@code GET [base]/$cdisc-export-status?_jobId=...}: the status URL of an asynchronous export. 202 with
 * {@code X-Progress} while the job runs; 200 with the zip when it is done; 500 with an OperationOutcome when it
 * failed; 404 for an unknown job (or another site's, to a site-restricted caller).
 */
@Component
public class CdiscExportStatusProvider implements TrialOperationProvider {

	private final CdiscExportJob job;
	private final IJobCoordinator jobs;
	private final ExportStore store;

	public CdiscExportStatusProvider(IJobCoordinator jobs, ExportStore store, CdiscExportJob job) {
		this.job = job;
		this.jobs = jobs;
		this.store = store;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = CdiscExportJob.STATUS_OPERATION, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/cdisc-export-status")
	@Description(shortDefinition = "Status, and when done the zip, of an asynchronous $cdisc-export")
	public void status(
			@Description(shortDefinition = "The job id from the Content-Location of the 202 answer")
			@OperationParam(name = "_jobId", typeName = "string", min = 1, max = 1) StringType jobId,
			RequestDetails request) throws IOException {
		// A site-restricted caller sees only the jobs started for its own site; the zip is the server's own, read as such.
		job.status(jobs, jobId, Callers.of(request).siteRestriction().orElse(null), request,
				done -> OperationResponses.attachment(request, ExportStore.ZIP,
						store.jobResult(done.getInstanceId(), new SystemRequestDetails()).getData(),
						"cdisc-export-" + done.getInstanceId() + ".zip", null));
	}
}
