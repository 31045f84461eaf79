package org.msclupus.fhir.records;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.store.StudySubjects;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.design.fhir.StudyDesigns;

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
	private final VerifiedRecords verified;

	public SafetyDataReader(IHapiTransactionService transactions, StoredResources stored, SafetyMapper mapper,
			StudySubjects studySubjects, VerifiedRecords verified) {
		this.transactions = transactions;
		this.verified = verified;
		this.stored = stored;
		this.mapper = mapper;
		this.studySubjects = studySubjects;
	}

	/**
	 * The study and the safety data of its subjects (of one arm, of one site, when given).
	 *
	 * @param unverifiedValues for a study whose values wait for verification, per subject how many records the summary
	 *                         counted in a version nobody verified; null for a study that needs none
	 */
	public record StudySafetyData(ResearchStudy study, List<SafetyData.Subject> subjects,
			Map<String, Integer> unverifiedValues) {
	}

	/**
	 * @param asOf         the cut-off date, for each subject's day 0
	 * @param verifiedOnly count only verified versions, for a study whose values wait for verification
	 */
	public StudySafetyData read(IIdType studyId, String arm, String site, LocalDate asOf, boolean verifiedOnly,
			RequestDetails request) {
		StudySubjects.Cohort cohort = studySubjects.of(studyId, arm, site, request);
		List<SafetyData.Subject> data = new ArrayList<>(cohort.subjects().size());
		Map<String, Integer> unverified = new LinkedHashMap<>();
		for (List<ResearchSubject> chunk : cohort.chunks()) {
			data.addAll(transactions.withRequest(request).readOnly()
					.execute(() -> map(chunk, cohort.study(), asOf, verifiedOnly, unverified)));
		}
		return new StudySafetyData(cohort.study(), data,
				StudyDesigns.sourceVerification(cohort.study()).needed() ? unverified : null);
	}

	private List<SafetyData.Subject> map(List<ResearchSubject> subjects, ResearchStudy study, LocalDate asOf,
			boolean verifiedOnly, Map<String, Integer> unverified) {
		String studyId = study.getIdPart();
		List<String> patients = subjects.stream().map(PatientReferences::patientOf)
				.filter(Objects::nonNull).distinct().toList();
		List<IBaseResource> records = patients.isEmpty() ? List.of()
				: stored.referringTo(stored.pidsOf("Patient", patients), RECORD_PATHS);
		Map<String, List<IBaseResource>> byPatient = StoredResources.groupBy(records, PatientReferences::patientOf);
		CountedValues counting = verified.counting(study, patients, verifiedOnly);
		List<SafetyData.Subject> mapped = new ArrayList<>(subjects.size());
		for (ResearchSubject subject : subjects) {
			List<IBaseResource> own = byPatient.getOrDefault(PatientReferences.patientOf(subject), List.of());
			if (counting != null) {
				VerifiedRecords.Counted counted = verified.counted(own, counting, r -> mapper.uses(r, studyId));
				own = counted.records();
				unverified.put(subject.getIdElement().toUnqualifiedVersionless().getValue(), counted.unverified());
			}
			mapped.add(mapper.subject(subject, studyId, own, asOf));
		}
		return mapped;
	}
}
