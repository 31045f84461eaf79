package org.msclupus.fhir.safety.operation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.operation.ContentIds;
import org.msclupus.fhir.operation.StoredOnce;
import org.springframework.stereotype.Component;

/**
 * {@code persist=true}: the safety summary stored as a DocumentReference whose id derives from its content, so asking
 * again stores nothing new.
 */
@Component
public class SafetySummaryRecorder {

	private final DaoRegistry daos;
	private final FhirContext fhirContext;

	public SafetySummaryRecorder(DaoRegistry daos, FhirContext fhirContext) {
		this.daos = daos;
		this.fhirContext = fhirContext;
	}

	/** The stored DocumentReference's versioned reference. */
	String store(Parameters summary, ResearchStudy study, String arm, LocalDate asOf, RequestDetails request) {
		String json = fhirContext.newJsonParser().encodeResourceToString(summary);
		String id = ContentIds.of("safety-", json);
		return StoredOnce.readOrStore(id, () -> daos.getResourceDao(DocumentReference.class)
				.read(new IdType("DocumentReference", id), request).getIdElement().toUnqualified().getValue(),
				() -> store(id, json, study, arm, asOf, request));
	}

	private String store(String id, String json, ResearchStudy study, String arm, LocalDate asOf,
			RequestDetails request) {
		DocumentReference document = new DocumentReference();
		document.setId(id);
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
		document.setType(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(TrialCodes.LUPUS_TRIAL,
				"safety-summary", "Safety summary of a study")));
		document.setDate(new Date());
		document.setDescription("Safety summary of " + study.getIdElement().toUnqualifiedVersionless().getValue()
				+ (arm == null ? "" : ", arm " + arm) + ", data up to " + asOf);
		document.getContext().addRelated(new Reference(study.getIdElement().toUnqualifiedVersionless().getValue()));
		document.addContent().getAttachment().setContentType("application/fhir+json")
				.setData(json.getBytes(StandardCharsets.UTF_8)).setTitle("$safety-summary output");
		return daos.getResourceDao(DocumentReference.class).update(document, request).getId().toUnqualified().getValue();
	}
}
