package org.msclupus.fhir.cdisc.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.cdisc.Adam;
import org.msclupus.fhir.cdisc.ExportFormat;
import org.msclupus.fhir.cdisc.Sdtm;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.security.Callers;

/**
 * {@code ResearchStudy/[id]/$cdisc-export}: the study's SDTM and ADaM datasets as a zip of Dataset-JSON, NDJSON or
 * SAS XPORT files with {@code define.xml}, and {@code operation-outcome.json} listing what a format could not carry
 * as stored. A site-restricted caller exports its own subjects. {@code persist=true} keeps the zip as a Binary with a
 * Provenance naming the study. With {@code Prefer: respond-async}: 202 and a status URL.
 */
@Component
public class CdiscExportProvider implements TrialOperationProvider {

	private final CdiscExportJob job;
	/** The datasets the {@code dataset} parameter names. */
	static final List<String> DATASETS = java.util.stream.Stream.of(Sdtm.NAMES, Adam.NAMES,
			org.msclupus.fhir.cdisc.AdamSafety.NAMES).flatMap(List::stream).toList();

	private final CdiscExport export;
	private final ExportStore store;
	private final IJobCoordinator jobs;
	private final Clock clock;

	public CdiscExportProvider(CdiscExport export, ExportStore store, IJobCoordinator jobs, Clock clock, CdiscExportJob job) {
		this.job = job;
		this.export = export;
		this.store = store;
		this.jobs = jobs;
		this.clock = clock;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = "$cdisc-export", type = ResearchStudy.class, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/cdisc-export")
	@Description(shortDefinition = "The study's SDTM and ADaM datasets with define.xml, as a zip",
			value = "SDTM (TS, TA, TE, TV, DM, SV, EX, CM, SUPPCM, LB, VS, AE, RS) and ADaM (ADSL, ADRS, ADTTE, "
					+ "ADCFB, ADAE, ADLB) datasets as Dataset-JSON 1.1, its NDJSON form or SAS XPORT 5, with Define-XML 2.1.")
	public void cdiscExport(
			@IdParam IdType studyId,
			@Description(shortDefinition = "dataset-json (default), ndjson or xpt")
			@OperationParam(name = "format", typeName = "code", min = 0, max = 1) CodeType format,
			@Description(shortDefinition = "Only these datasets (dm, adsl, ...); default all")
			@OperationParam(name = "dataset", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> datasets,
			@Description(shortDefinition = "Use only data dated on or before this date; default today")
			@OperationParam(name = "asOf", typeName = "date", min = 0, max = 1) DateType asOf,
			@Description(shortDefinition = "Also keep the zip as a Binary with a Provenance")
			@OperationParam(name = "persist", typeName = "boolean", min = 0, max = 1) BooleanType persist,
			@Description(shortDefinition = "Count only values a monitor verified (a study that needs verification)")
			@OperationParam(name = "verifiedOnly", typeName = "boolean", min = 0, max = 1) BooleanType verifiedOnly,
			RequestDetails request) throws IOException {
		ExportFormat chosen = format == null || format.getValue() == null ? ExportFormat.DATASET_JSON
				: ExportFormat.byCode(format.getValue()).orElseThrow(() -> new InvalidRequestException(
						"Unknown format '" + format.getValue() + "': use one of " + ExportFormat.codes()));
		Set<String> wanted = new TreeSet<>();
		for (String name : OperationParameters.codes(datasets)) {
			String upper = name.toUpperCase(Locale.ROOT);
			if (!DATASETS.contains(upper)) {
				throw new InvalidRequestException("Unknown dataset '" + name + "': use any of "
						+ String.join(", ", DATASETS.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()));
			}
			wanted.add(upper);
		}
		boolean keep = OperationParameters.isTrue(persist);
		CdiscExport.Request asked = new CdiscExport.Request(studyId.toUnqualifiedVersionless(), chosen, wanted,
				OperationParameters.lastDayOrToday(asOf, clock), Callers.sponsorWideToStore(request, keep),
				OperationParameters.isTrue(verifiedOnly));
		if (OperationResponses.wantsAsync(request)) {
			job.start(jobs, new CdiscExportJob.Parameters(asked, keep), request, "CDISC export {job} accepted");
			return;
		}
		CdiscExport.Archive archive = export.archive(asked, request);
		try {
			String kept = keep ? store.keep(archive, request) : null;
			request.getResponse().addHeader("X-Export-Warnings", Integer.toString(archive.warnings()));
			OperationResponses.attachment(request, ExportStore.ZIP, Files.readAllBytes(archive.zip()),
					archive.fileName(), kept);
		} finally {
			Files.deleteIfExists(archive.zip());
		}
	}
}
