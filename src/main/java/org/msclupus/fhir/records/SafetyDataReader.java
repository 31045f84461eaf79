package org.msclupus.fhir.records;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.store.ParallelChunks;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StudySubjects;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.SafetyRecord;
import org.msclupus.fhir.design.fhir.StudyDesigns;

/**
 * Reads the safety data of a study's subjects: the study and its subjects through HAPI with the caller's request
 * ({@link StudySubjects}), then, a chunk of subjects at a time in read-only transactions, the safety facts of their
 * patients' adverse events, MSC infusions and Observations from the {@link SafetyRecordIndex} (a record is parsed only
 * when an earlier, verified version of it counts). The chunks are read side by side ({@link ParallelChunks}): unlike
 * the response evaluation, which folds each chunk into its counts and lets it go, the summary needs every subject's
 * facts at once, so reading them together costs no memory the summary would not hold anyway.
 */
public class SafetyDataReader {

	private final IHapiTransactionService transactions;
	private final SafetyRecordIndex index;
	private final SafetyMapper mapper;
	private final StudySubjects studySubjects;
	private final VerifiedRecords verified;
	private final ParallelChunks chunks;

	public SafetyDataReader(IHapiTransactionService transactions, SafetyRecordIndex index, SafetyMapper mapper,
			StudySubjects studySubjects, VerifiedRecords verified, ParallelChunks chunks) {
		this.transactions = transactions;
		this.chunks = chunks;
		this.verified = verified;
		this.index = index;
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
		for (ChunkData chunk : chunks.map(cohort.chunks(), chunk -> transactions.withRequest(request).readOnly()
				.execute(() -> {
					Map<String, Integer> waiting = new LinkedHashMap<>();
					return new ChunkData(map(chunk, cohort.study(), asOf, verifiedOnly, waiting), waiting);
				}))) {
			data.addAll(chunk.subjects());
			unverified.putAll(chunk.unverified());
		}
		return new StudySafetyData(cohort.study(), data,
				StudyDesigns.sourceVerification(cohort.study()).needed() ? unverified : null);
	}

	private record ChunkData(List<SafetyData.Subject> subjects, Map<String, Integer> unverified) {
	}

	private List<SafetyData.Subject> map(List<ResearchSubject> subjects, ResearchStudy study, LocalDate asOf,
			boolean verifiedOnly, Map<String, Integer> unverified) {
		String studyId = study.getIdPart();
		List<String> patients = subjects.stream().map(PatientReferences::patientOf)
				.filter(Objects::nonNull).distinct().toList();
		Map<String, List<SafetyRecordIndex.Row>> byPatient = patients.isEmpty() ? Map.of() : index.rowsOf(patients);
		CountedValues counting = verified.counting(study, patients, verifiedOnly);
		List<SafetyData.Subject> mapped = new ArrayList<>(subjects.size());
		for (ResearchSubject subject : subjects) {
			List<SafetyRecordIndex.Row> rows = byPatient.getOrDefault(PatientReferences.patientOf(subject), List.of());
			List<SafetyRecord> facts = new ArrayList<>(rows.size());
			int waiting = 0;
			for (SafetyRecordIndex.Row row : rows) {
				if (counting == null || !row.facts().usedBy(studyId)) {
					facts.add(row.facts());
					continue;
				}
				VerifiedRecords.CountedVersion counted = verified.countedVersion(row.key(), row.version(), counting);
				waiting += counted.unverified() ? 1 : 0;
				if (counted.version().isEmpty()) {
					continue;
				}
				// An earlier verified version is read from the record's history and taken apart as it is read.
				facts.add(counted.version().getAsLong() == row.version() ? row.facts()
						: mapper.recordOf(verified.read(row.key(), counted.version().getAsLong())));
			}
			if (counting != null) {
				unverified.put(subject.getIdElement().toUnqualifiedVersionless().getValue(),
						counting.verifiedOnly() ? 0 : waiting);
			}
			mapped.add(SafetyMapper.subject(subject, studyId, asOf, facts));
		}
		return mapped;
	}
}
