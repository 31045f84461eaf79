package org.msclupus.fhir.records;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.store.StudySubjects;
import org.msclupus.fhir.safety.SafetyData;

/**
 * Reads the safety data of a study's subjects: the study and its subjects through HAPI with the caller's request
 * ({@link StudySubjects}), then, a chunk of subjects at a time in read-only transactions, their patients' adverse
 * events, MSC infusions and Observations set-based, keeping only what the summary needs.
 */
public class SafetyDataReader {

	private static final List<String> RECORD_PATHS = List.of("AdverseEvent.subject", "Observation.subject",
			"MedicationAdministration.subject");

	private final IHapiTransactionService transactions;
	private final StoredResources stored;
	private final SafetyMapper mapper;
	private final StudySubjects studySubjects;

	public SafetyDataReader(IHapiTransactionService transactions, StoredResources stored, SafetyMapper mapper,
			StudySubjects studySubjects) {
		this.transactions = transactions;
		this.stored = stored;
		this.mapper = mapper;
		this.studySubjects = studySubjects;
	}

	/** The study and the safety data of its subjects (of one arm, of one site, when given). */
	public record StudySafetyData(ResearchStudy study, List<SafetyData.Subject> subjects) {
	}

	/** @param asOf the cut-off date, for each subject's day 0 */
	public StudySafetyData read(IIdType studyId, String arm, String site, LocalDate asOf, RequestDetails request) {
		StudySubjects.Cohort cohort = studySubjects.of(studyId, arm, site, request);
		List<SafetyData.Subject> data = new ArrayList<>(cohort.subjects().size());
		for (List<ResearchSubject> chunk : cohort.chunks()) {
			data.addAll(transactions.withRequest(request).readOnly()
					.execute(() -> map(chunk, cohort.study().getIdPart(), asOf)));
		}
		return new StudySafetyData(cohort.study(), data);
	}

	private List<SafetyData.Subject> map(List<ResearchSubject> subjects, String studyId, LocalDate asOf) {
		List<String> patients = subjects.stream().map(PatientReferences::patientOf)
				.filter(Objects::nonNull).distinct().toList();
		List<IBaseResource> records = patients.isEmpty() ? List.of()
				: stored.referringTo(stored.pidsOf("Patient", patients), RECORD_PATHS);
		Map<String, List<IBaseResource>> byPatient = StoredResources.groupBy(records, PatientReferences::patientOf);
		return subjects.stream().map(s -> mapper.subject(s, studyId,
				byPatient.getOrDefault(PatientReferences.patientOf(s), List.of()), asOf))
				.collect(Collectors.toList());
	}
}
