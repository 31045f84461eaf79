package org.msclupus.fhir.cdisc.operation;

import org.msclupus.fhir.operation.OperationJob;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
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
public class CdiscExportJob extends OperationJob<CdiscExportJob.Parameters> {

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
		@JsonProperty("verifiedOnly")
		boolean verifiedOnly;

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
			verifiedOnly = request.verifiedOnly();
		}

		CdiscExport.Request toRequest() {
			return new CdiscExport.Request(new IdType(studyId), ExportFormat.byCode(format).orElseThrow(),
					Set.copyOf(new TreeSet<>(datasets)), LocalDate.parse(asOf), site, verifiedOnly);
		}
	}

	private final CdiscExport export;
	private final ExportStore store;

	public CdiscExportJob(CdiscExport export, ExportStore store) {
		super(JOB_DEFINITION_ID, "ResearchStudy $cdisc-export", "export", STATUS_OPERATION, "CDISC export",
				Parameters.class);
		this.export = export;
		this.store = store;
	}

	@Override
	protected String siteOf(Parameters parameters) {
		return parameters.site;
	}

	/** Writes the datasets and stores the zip under the job's id (and, with persist, keeps it with Provenance). */
	@Override
	protected void run(Parameters parameters, String jobId, RequestDetails system) throws IOException {
		CdiscExport.Archive archive = export.archive(parameters.toRequest(), system);
		try {
			store.jobResult(jobId, archive, system);
			if (parameters.persist) {
				store.keep(archive, system);
			}
		} finally {
			try {
				Files.deleteIfExists(archive.zip());
			} catch (IOException ignored) {
				// a temporary file the system cleans up
			}
		}
	}
}
