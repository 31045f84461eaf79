package org.msclupus.fhir.cdisc.operation;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.JobExecutionFailedException;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.IdType;
import org.msclupus.fhir.cdisc.ExportFormat;

/**
 * The asynchronous export ({@code Prefer: respond-async}) as a HAPI batch2 job, as the study evaluation's: its state
 * lives in the database, so any node answers the status poll. The zip is stored as {@code Binary/cdisc-export-<job>}
 * (and, with persist, also kept with its Provenance).
 */
public class CdiscExportJob {

	public static final String JOB_DEFINITION_ID = "msc-cdisc-export";
	public static final String STATUS_OPERATION = "$cdisc-export-status";

	/** The operation's parameters, as the job stores them. */
	public static class Parameters implements IModelJson {
		@JsonProperty("studyId")
		String studyId;
		@JsonProperty("format")
		String format;
		@JsonProperty("datasets")
		List<String> datasets;
		@JsonProperty("asOf")
		String asOf;
		@JsonProperty("site")
		String site;
		@JsonProperty("persist")
		boolean persist;

		public Parameters() {
			// for Jackson
		}

		Parameters(CdiscExport.Request request, boolean persist) {
			studyId = request.studyId().toUnqualifiedVersionless().getValue();
			format = request.format().code();
			datasets = List.copyOf(request.datasets());
			asOf = request.asOf().toString();
			site = request.site();
			this.persist = persist;
		}

		CdiscExport.Request toRequest() {
			return new CdiscExport.Request(new IdType(studyId), ExportFormat.byCode(format).orElseThrow(),
					Set.copyOf(new TreeSet<>(datasets)), LocalDate.parse(asOf), site);
		}
	}

	private final CdiscExport export;
	private final ExportStore store;

	public CdiscExportJob(CdiscExport export, ExportStore store) {
		this.export = export;
		this.store = store;
	}

	public JobDefinition<Parameters> definition() {
		return JobDefinition.newBuilder()
				.setJobDefinitionId(JOB_DEFINITION_ID)
				.setJobDefinitionVersion(1)
				.setJobDescription("ResearchStudy $cdisc-export")
				.setParametersType(Parameters.class)
				// batch2 needs a first and a last step; the whole export is one unit of work.
				.addFirstStep("accept", "Hand the request to the export step", Parameters.class, this::accept)
				.addLastStep("export", "Write the datasets and store the zip", this::export)
				.build();
	}

	public static String start(IJobCoordinator jobs, CdiscExport.Request request, boolean persist,
			RequestDetails requestDetails) {
		JobInstanceStartRequest start = new JobInstanceStartRequest(JOB_DEFINITION_ID, new Parameters(request,
				persist));
		start.setUseCache(false);
		return jobs.startInstance(requestDetails, start).getInstanceId();
	}

	static String statusUrl(RequestDetails request, String jobId) {
		return request.getFhirServerBase() + "/" + STATUS_OPERATION + "?_jobId=" + jobId;
	}

	private RunOutcome accept(StepExecutionDetails<Parameters, VoidModel> details, IJobDataSink<Parameters> sink) {
		sink.accept(details.getParameters());
		return RunOutcome.SUCCESS;
	}

	private RunOutcome export(StepExecutionDetails<Parameters, Parameters> details, IJobDataSink<VoidModel> sink) {
		RequestDetails system = details.newSystemRequestDetails();
		CdiscExport.Archive archive;
		try {
			archive = export.archive(details.getData().toRequest(), system);
		} catch (BaseServerResponseException e) {
			// The study went away or the request cannot be answered: retrying will not help.
			throw new JobExecutionFailedException(e.getMessage(), e);
		} catch (IOException e) {
			throw new JobExecutionFailedException("The export could not be written: " + e.getMessage(), e);
		}
		try {
			store.jobResult(details.getInstance().getInstanceId(), archive, system);
			if (details.getData().persist) {
				store.keep(archive, system);
			}
		} catch (IOException e) {
			throw new JobExecutionFailedException("The export could not be stored: " + e.getMessage(), e);
		} finally {
			try {
				Files.deleteIfExists(archive.zip());
			} catch (IOException ignored) {
				// a temporary file the system cleans up
			}
		}
		return RunOutcome.SUCCESS;
	}
}
