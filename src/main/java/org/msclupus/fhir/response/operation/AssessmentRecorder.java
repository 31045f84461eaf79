package org.msclupus.fhir.response.operation;

import org.msclupus.fhir.operation.ResponseConcepts;

import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.operation.ContentIds;
import org.msclupus.fhir.records.TimelineMapper;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.StoredOnce;
import org.msclupus.fhir.response.CriteriaResult;

/**
 * Stores a result as a response-assessment Observation with a Provenance that records the criteria code, version
 * and thresholds. Both get an id derived from the subject, the criteria with its thresholds, the outcome and the
 * exact evidence versions, so evaluating unchanged data again finds the stored pair instead of adding another,
 * while any change of data or rules gives a new assessment beside the old one. The two are written in one
 * transaction.
 */
public class AssessmentRecorder {

	private static final String PROVENANCE_PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	private final DaoRegistry daos;

	public AssessmentRecorder(DaoRegistry daos) {
		this.daos = daos;
	}

	/** @return versioned references to the assessment Observation and its Provenance */
	public List<String> record(ResearchSubject subject, CriteriaResult result, LocalDate asOf, RequestDetails request) {
		String id = ContentIds.of("ra-", key(subject, result));
		IdType observationId = new IdType("Observation", id);
		IdType provenanceId = new IdType("Provenance", id);
		return StoredOnce.readOrStore(id, () -> List.of(
				TimelineMapper.evidence(daos.getResourceDao(Observation.class).read(observationId, request)),
				TimelineMapper.evidence(daos.getResourceDao(Provenance.class).read(provenanceId, request))),
				() -> store(id, subject, result, asOf, request));
	}

	private List<String> store(String id, ResearchSubject subject, CriteriaResult result, LocalDate asOf,
			RequestDetails request) {
		IdType observationId = new IdType("Observation", id);
		IdType provenanceId = new IdType("Provenance", id);
		Observation assessment = assessment(id, subject, result, asOf);
		Provenance provenance = provenance(id, result);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(assessment).setFullUrl(observationId.getValue()).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT).setUrl(observationId.getValue());
		transaction.addEntry().setResource(provenance).setFullUrl(provenanceId.getValue()).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT).setUrl(provenanceId.getValue());
		@SuppressWarnings("unchecked")
		IFhirSystemDao<Bundle, ?> system = (IFhirSystemDao<Bundle, ?>) daos.getSystemDao();
		Bundle response = system.transaction(request, transaction);
		return response.getEntry().stream().map(e -> new IdType(e.getResponse().getLocation()).toUnqualified().getValue())
				.toList();
	}

	private static Observation assessment(String id, ResearchSubject subject, CriteriaResult result, LocalDate asOf) {
		Observation observation = new Observation();
		observation.setId(id);
		observation.getMeta().addProfile(TrialCodes.RESPONSE_ASSESSMENT_PROFILE);
		observation.addIdentifier().setSystem(TrialCodes.ASSESSMENT_IDENTIFIER_SYSTEM).setValue(id);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept().addCoding(
				new Coding(TrialCodes.OBSERVATION_CATEGORY, "survey", "Survey")));
		observation.setCode(new CodeableConcept().addCoding(new Coding(TrialCodes.LUPUS_TRIAL, result.criteria(), null)));
		observation.setSubject(subject.getIndividual().copy());
		observation.addFocus(new Reference(subject.getIdElement().toUnqualifiedVersionless().getValue()));
		observation.setEffective(new DateTimeType(asOf.toString()));
		observation.setIssued(new Date());
		if (result.response() != null) {
			observation.setValue(ResponseConcepts.of(result.response()));
		}
		result.evidence().stream().filter(ref -> ref.startsWith("Observation/"))
				.forEach(ref -> observation.addDerivedFrom(new Reference(ref)));
		observation.addNote().setText(result.explanation());
		return observation;
	}

	private static Provenance provenance(String id, CriteriaResult result) {
		Provenance provenance = new Provenance();
		provenance.setId(id);
		provenance.addTarget(new Reference("Observation/" + id));
		provenance.setRecorded(new Date());
		provenance.setActivity(new CodeableConcept().addCoding(new Coding(TrialCodes.LUPUS_TRIAL, result.criteria(), null)));
		provenance.addAgent()
				.setType(new CodeableConcept().addCoding(new Coding(PROVENANCE_PARTICIPANT, "assembler", "Assembler")))
				.setWho(new Reference().setDisplay("msc-lupus-fhir $evaluate-response"));
		result.evidence().forEach(ref -> provenance.addEntity()
				.setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference(ref)));
		Extension criteria = provenance.addExtension().setUrl(TrialCodes.EVALUATION_CRITERIA_EXTENSION);
		criteria.addExtension("criteria", new CodeType(result.criteria()));
		criteria.addExtension("version", new StringType(result.version()));
		for (Map.Entry<String, Object> threshold : result.thresholds().entrySet()) {
			criteria.addExtension("threshold", new StringType(threshold.getKey() + "=" + threshold.getValue()));
		}
		return provenance;
	}

	/** What identifies an assessment: who, which rules with which thresholds, the outcome and the exact evidence. */
	static String key(ResearchSubject subject, CriteriaResult result) {
		StringBuilder text = new StringBuilder()
				.append(subject.getIdElement().toUnqualifiedVersionless().getValue()).append('\n')
				.append(result.criteria()).append('|').append(result.version()).append('|').append(result.thresholds())
				.append('\n').append(result.response()).append('|').append(result.responseDate()).append('|')
				.append(result.daysToResponse()).append('|').append(result.daysToCompleteResponse()).append('|')
				.append(result.relapse()).append('|').append(result.relapseVisit()).append('|')
				.append(result.relapseDate()).append('\n');
		result.evidence().forEach(ref -> text.append(ref).append('\n'));
		return text.toString();
	}
}
