package org.msclupus.fhir.cdisc.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * Where export zips are stored: as a kept Binary with a Provenance naming the study ({@code persist=true}), or as
 * the result of an asynchronous export job, which the status URL serves.
 */
public class ExportStore {

	static final String ZIP = "application/zip";
	private static final String JOB_RESULT_PREFIX = "cdisc-export-";

	private final DaoRegistry daos;
	private final Clock clock;

	public ExportStore(DaoRegistry daos, Clock clock) {
		this.daos = daos;
		this.clock = clock;
	}

	/** Stores the zip and its Provenance in one transaction; the Binary's reference. */
	public String keep(CdiscExport.Archive archive, RequestDetails request) throws IOException {
		Binary binary = binary(archive);
		binary.setId(IdType.newRandomUuid());
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference(binary.getId()));
		provenance.setRecorded(Date.from(clock.instant()));
		provenance.getActivity().setText("CDISC export " + archive.fileName());
		provenance.addAgent().getWho().setDisplay("msc-lupus-fhir $cdisc-export");
		provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE)
				.setWhat(new Reference(archive.study().getIdElement().toUnqualified()));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setFullUrl(binary.getId()).setResource(binary).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Binary");
		transaction.addEntry().setResource(provenance).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Provenance");
		Bundle response = (Bundle) daos.getSystemDao().transaction(request, transaction);
		return new IdType(response.getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless()
				.getValue();
	}

	/** Stores the zip as the result of an export job. */
	public void jobResult(String jobId, CdiscExport.Archive archive, RequestDetails request) throws IOException {
		Binary binary = binary(archive);
		binary.setId(resultId(jobId));
		daos.getResourceDao(Binary.class).update(binary, request);
	}

	/** The stored result of an export job. */
	public Binary jobResult(String jobId, RequestDetails request) {
		return daos.getResourceDao(Binary.class).read(resultId(jobId), request);
	}

	static IdType resultId(String jobId) {
		return new IdType("Binary", JOB_RESULT_PREFIX + jobId);
	}

	private static Binary binary(CdiscExport.Archive archive) throws IOException {
		Binary binary = new Binary();
		binary.setContentType(ZIP);
		binary.setData(Files.readAllBytes(archive.zip()));
		binary.setSecurityContext(new Reference(archive.study().getIdElement().toUnqualifiedVersionless()));
		return binary;
	}
}
