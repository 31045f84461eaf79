package org.msclupus.fhir.safety.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.evaluation.ResponseEvidenceIndex;
import org.msclupus.fhir.evaluation.StoredResources;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.safety.SafetyData;

/**
 * Reads the safety data of a study's subjects: the study through its DAO with the caller's request (so the server's
 * interceptors decide whether the caller may see it), then, a chunk of subjects at a time in read-only transactions,
 * their patients' adverse events, MSC infusions and Observations set-based, keeping only what the summary needs.
 */
public class SafetyDataReader {

	static final int CHUNK_SIZE = 250;
	private static final List<String> RECORD_PATHS = List.of("AdverseEvent.subject", "Observation.subject",
			"MedicationAdministration.subject");

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final StoredResources stored;
	private final SafetyMapper mapper;
	private final SubjectDataReader subjectReader;

	public SafetyDataReader(DaoRegistry daos, IHapiTransactionService transactions, StoredResources stored,
			SafetyMapper mapper, SubjectDataReader subjectReader) {
		this.daos = daos;
		this.transactions = transactions;
		this.stored = stored;
		this.mapper = mapper;
		this.subjectReader = subjectReader;
	}

	/** The study and the safety data of its subjects (of one arm when {@code arm} is given). */
	public record StudySafetyData(ResearchStudy study, List<SafetyData.Subject> subjects) {
	}

	public StudySafetyData read(IIdType studyId, String arm, RequestDetails request) {
		ResearchStudy study = daos.getResourceDao(ResearchStudy.class).read(studyId.toUnqualifiedVersionless(), request);
		List<ResearchSubject> subjects = subjectReader.subjectsOf(study, arm, request);
		List<SafetyData.Subject> data = new ArrayList<>(subjects.size());
		for (int from = 0; from < subjects.size(); from += CHUNK_SIZE) {
			List<ResearchSubject> chunk = subjects.subList(from, Math.min(subjects.size(), from + CHUNK_SIZE));
			data.addAll(transactions.withRequest(request).readOnly().execute(() -> map(chunk, study.getIdPart())));
		}
		return new StudySafetyData(study, data);
	}

	private List<SafetyData.Subject> map(List<ResearchSubject> subjects, String studyId) {
		List<String> patients = subjects.stream().map(s -> ResponseEvidenceIndex.patientIdOf(s.getIndividual()))
				.filter(Objects::nonNull).distinct().toList();
		List<IBaseResource> records = patients.isEmpty() ? List.of()
				: stored.referringTo(stored.pidsOf("Patient", patients), RECORD_PATHS);
		Map<String, List<IBaseResource>> byPatient = StoredResources.groupBy(records, ResponseEvidenceIndex::patientOf);
		return subjects.stream().map(s -> mapper.subject(s, studyId,
				byPatient.getOrDefault(ResponseEvidenceIndex.patientIdOf(s.getIndividual()), List.of())))
				.collect(Collectors.toList());
	}
}
