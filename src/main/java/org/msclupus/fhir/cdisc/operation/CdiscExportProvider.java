package org.msclupus.fhir.cdisc.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.cdisc.Dataset;
import org.msclupus.fhir.cdisc.DatasetFiles;
import org.msclupus.fhir.cdisc.ExportFormat;
import org.msclupus.fhir.cdisc.ExportPackage;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.server.OperationOutcomes;

/**
 * {@code ResearchStudy/[id]/$cdisc-export}: the study's SDTM and ADaM datasets as a zip of Dataset-JSON, NDJSON or
 * SAS XPORT files with {@code define.xml}, and {@code operation-outcome.json} listing what a format could not carry
 * as given. A site-restricted caller exports its own subjects. {@code persist=true} keeps the zip as a Binary with a
 * Provenance naming the study.
 */
public class CdiscExportProvider {

	static final String ZIP = "application/zip";
	static final String WARNINGS_FILE = "operation-outcome.json";

	private final CdiscExport export;
	private final DaoRegistry daos;
	private final Clock clock;
	private final String version;

	public CdiscExportProvider(CdiscExport export, DaoRegistry daos, Clock clock, String version) {
		this.export = export;
		this.daos = daos;
		this.clock = clock;
		this.version = version;
	}

	@Operation(name = "$cdisc-export", type = ResearchStudy.class, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/cdisc-export")
	@Description(shortDefinition = "The study's SDTM and ADaM datasets with define.xml, as a zip",
			value = "SDTM (TS, TA, TE, TV, DM, SV, EX, CM, SUPPCM, LB, VS, AE, RS) and ADaM (ADSL, ADRS, ADTTE, "
					+ "ADCFB) datasets as Dataset-JSON 1.1, its NDJSON form or SAS XPORT 5, with Define-XML 2.1.")
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
			RequestDetails request) throws IOException {
		ExportFormat chosen = format == null || format.getValue() == null ? ExportFormat.DATASET_JSON
				: ExportFormat.byCode(format.getValue()).orElseThrow(() -> new InvalidRequestException(
						"Unknown format '" + format.getValue() + "': use one of " + ExportFormat.codes()));
		Set<String> wanted = new TreeSet<>();
		for (String name : OperationParameters.codes(datasets)) {
			String upper = name.toUpperCase(Locale.ROOT);
			if (!CdiscDatasets.NAMES.contains(upper)) {
				throw new InvalidRequestException("Unknown dataset '" + name + "': use any of "
						+ String.join(", ", CdiscDatasets.NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT))
								.toList()));
			}
			wanted.add(upper);
		}
		boolean keep = OperationParameters.isTrue(persist);
		String site = Callers.sponsorWideToStore(request, keep);
		LocalDate cutOff = OperationParameters.lastDayOrToday(asOf, clock);

		CdiscExport.Export result = export.export(studyId.toUnqualifiedVersionless(), cutOff, site, request);
		List<Dataset> selected = result.datasets().stream()
				.filter(d -> wanted.isEmpty() || wanted.contains(d.name())).toList();
		ExportPackage.Prepared prepared = ExportPackage.prepare(selected, chosen);
		if (!wanted.isEmpty()) {
			// a SUPP-- dataset made to carry the parts of long values goes with its parent
			prepared = new ExportPackage.Prepared(prepared.datasets().stream().filter(d -> wanted.contains(d.name())
					|| (d.name().startsWith("SUPP") && wanted.contains(d.name().substring(4)))).toList(),
					chosen, prepared.warnings());
		}
		String studyOid = "STUDY." + result.design().studyId();
		DatasetFiles.Context context = new DatasetFiles.Context(LocalDateTime.now(clock).withNano(0), studyOid,
				"MDV." + result.design().studyId() + "." + cutOff, "msc-lupus-fhir", "msc-lupus-fhir", version);
		Map<String, byte[]> extra = new LinkedHashMap<>();
		extra.put(WARNINGS_FILE, OperationOutcomes.toJson(request.getFhirContext(), warnings(prepared.warnings()))
				.getBytes(StandardCharsets.UTF_8));
		Path zip = Files.createTempFile("cdisc-export-", ".zip");
		try {
			try (OutputStream out = Files.newOutputStream(zip)) {
				ExportPackage.write(out, prepared, context, result.design().studyId(), result.design().title(),
						extra);
			}
			String fileName = result.design().studyId() + "-" + chosen.code() + "-" + cutOff + ".zip";
			String stored = keep ? persist(result.study(), zip, fileName, request) : null;
			HttpServletResponse response = ((ServletRequestDetails) request).getServletResponse();
			response.setStatus(200);
			response.setContentType(ZIP);
			response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
			response.setHeader("X-Export-Warnings", Integer.toString(prepared.warnings().size()));
			if (stored != null) {
				response.setHeader("Content-Location", stored);
			}
			response.setContentLengthLong(Files.size(zip));
			try (InputStream in = Files.newInputStream(zip); OutputStream out = response.getOutputStream()) {
				in.transferTo(out);
			}
		} finally {
			Files.deleteIfExists(zip);
		}
	}

	static OperationOutcome warnings(List<String> warnings) {
		OperationOutcome outcome = new OperationOutcome();
		for (String warning : warnings) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
					.setCode(OperationOutcome.IssueType.VALUE).setDiagnostics(warning);
		}
		if (warnings.isEmpty()) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.INFORMATIONAL)
					.setDiagnostics("Every value was written as stored.");
		}
		return outcome;
	}

	/** Stores the zip as a Binary and a Provenance naming the study, in one transaction; the Binary's reference. */
	private String persist(ResearchStudy study, Path zip, String fileName, RequestDetails request) throws IOException {
		Binary binary = new Binary();
		binary.setId(IdType.newRandomUuid());
		binary.setContentType(ZIP);
		binary.setData(Files.readAllBytes(zip));
		binary.setSecurityContext(new Reference(study.getIdElement().toUnqualifiedVersionless()));
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference(binary.getId()));
		provenance.setRecorded(Date.from(clock.instant()));
		provenance.getActivity().setText("CDISC export " + fileName);
		provenance.addAgent().getWho().setDisplay("msc-lupus-fhir $cdisc-export");
		provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE)
				.setWhat(new Reference(study.getIdElement().toUnqualified()));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setFullUrl(binary.getId()).setResource(binary).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Binary");
		transaction.addEntry().setResource(provenance).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Provenance");
		Bundle response = (Bundle) daos.getSystemDao().transaction(request, transaction);
		return new IdType(response.getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless()
				.getValue();
	}
}
