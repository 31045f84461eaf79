package org.msclupus.fhir.evaluation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.security.SiteRoster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.response.SubjectTimeline;

/**
 * Reads what the response rules need with a fixed number of queries, however much data there is. The subject (or
 * the study) is read through the DAOs with the caller's request, so the server's interceptors (authorisation,
 * consent) decide whether the caller may see it at all; the patients' Observations, MedicationAdministrations and
 * MedicationStatements are then loaded set-based ({@link StoredResources}).
 */
public class SubjectDataReader {

	private static final List<String> SUBJECT_PATHS = List.of("Observation.subject",
			"MedicationAdministration.subject", "MedicationStatement.subject");

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final StoredResources stored;
	private final ResponseEvidenceIndex evidenceIndex;

	public SubjectDataReader(DaoRegistry daos, IHapiTransactionService transactions, StoredResources stored,
			ResponseEvidenceIndex evidenceIndex) {
		this.daos = daos;
		this.transactions = transactions;
		this.stored = stored;
		this.evidenceIndex = evidenceIndex;
	}

	/** A subject of a study with its records' contributions as the evidence index holds them. */
	public record IndexedSubject(ResearchSubject subject, ResearchStudy study, List<String> entries) {

		public SubjectTimeline timeline(LocalDate asOf) {
			SubjectTimeline.Builder timeline = TimelineMapper.timelineOf(subject, study, asOf);
			entries.forEach(encoded -> TimelineEntries.replay(encoded, timeline));
			return timeline.build();
		}
	}

	/**
	 * One subject's data, in one read-only transaction.
	 *
	 * @throws ResourceNotFoundException when the subject does not exist
	 */
	public TimelineMapper.SubjectData read(IIdType subjectId, RequestDetails request) {
		return transactions.withRequest(request).readOnly().execute(() -> {
			ResearchSubject subject = daos.getResourceDao(ResearchSubject.class)
					.read(subjectId.toUnqualifiedVersionless(), request);
			ResearchStudy study = readStudy(subject, request);
			return withRecords(List.of(subject), study).get(0);
		});
	}

	/**
	 * Hands every subject of a study (optionally one arm) to {@code consumer}, {@code chunkSize} subjects at a time,
	 * each chunk read in one read-only transaction, so memory stays bounded by the chunk, not the study. The records
	 * come from the evidence index (one short row per record), not from parsing each record.
	 *
	 * @return the study
	 * @throws ResourceNotFoundException when the study does not exist
	 */
	public ResearchStudy forEachSubjectOfStudy(IIdType studyId, String arm, String site, int chunkSize,
			RequestDetails request, Consumer<List<IndexedSubject>> consumer) {
		ResearchStudy study = daos.getResourceDao(ResearchStudy.class).read(studyId.toUnqualifiedVersionless(), request);
		List<ResearchSubject> subjects = subjectsOf(study, arm, site, request);
		for (int from = 0; from < subjects.size(); from += chunkSize) {
			List<ResearchSubject> chunk = subjects.subList(from, Math.min(subjects.size(), from + chunkSize));
			consumer.accept(transactions.withRequest(request).readOnly().execute(() -> indexed(chunk, study)));
		}
		return study;
	}

	/**
	 * The study's subjects that the caller of {@code request} may see (only its own site's when its token is
	 * site-restricted), of one arm when {@code arm} is given.
	 */
	public List<ResearchSubject> subjectsOf(ResearchStudy study, String arm, RequestDetails request) {
		return subjectsOf(study, arm, Callers.of(request).siteRestriction().orElse(null), request);
	}

	/**
	 * The study's subjects (of one arm when {@code arm} is given, enrolled through {@code site} when it is given),
	 * in id order, read in one transaction.
	 */
	public List<ResearchSubject> subjectsOf(ResearchStudy study, String arm, String site, RequestDetails request) {
		return transactions.withRequest(request).readOnly().execute(() -> {
			List<Long> studyPid = stored.pidsOf("ResearchStudy", List.of(study.getIdPart()));
			return stored.referringTo(studyPid, List.of("ResearchSubject.study")).stream()
					.filter(ResearchSubject.class::isInstance).map(ResearchSubject.class::cast)
					.filter(s -> arm == null || arm.equals(s.getAssignedArm()))
					.filter(s -> site == null || site.equals(SiteRoster.siteOf(s)))
					.sorted(java.util.Comparator.comparing(ResearchSubject::getIdPart)).toList();
		});
	}

	/** Attaches to each subject its patient's rows of the evidence index, read in one query. */
	private List<IndexedSubject> indexed(List<ResearchSubject> subjects, ResearchStudy study) {
		Map<ResearchSubject, String> patients = new LinkedHashMap<>();
		subjects.forEach(s -> patients.put(s, ResponseEvidenceIndex.patientIdOf(s.getIndividual())));
		Map<String, List<String>> entries = evidenceIndex.entriesOf(
				patients.values().stream().filter(Objects::nonNull).collect(Collectors.toSet()));
		return subjects.stream().map(s -> new IndexedSubject(s, study,
				entries.getOrDefault(patients.get(s), List.of()))).toList();
	}

	/** Attaches to each subject its patient's trial Observations, MSC infusions and glucocorticoid statements. */
	private List<TimelineMapper.SubjectData> withRecords(List<ResearchSubject> subjects, ResearchStudy study) {
		Map<String, List<ResearchSubject>> byPatient = new LinkedHashMap<>();
		for (ResearchSubject subject : subjects) {
			byPatient.computeIfAbsent(ResponseEvidenceIndex.patientIdOf(subject.getIndividual()), k -> new ArrayList<>())
					.add(subject);
		}
		byPatient.remove(null);
		List<IBaseResource> records = byPatient.isEmpty()
				? List.of()
				: stored.referringTo(stored.pidsOf("Patient", byPatient.keySet()), SUBJECT_PATHS);
		Map<String, List<IBaseResource>> recordsByPatient =
				StoredResources.groupBy(records, ResponseEvidenceIndex::patientOf);

		List<TimelineMapper.SubjectData> data = new ArrayList<>(subjects.size());
		for (ResearchSubject subject : subjects) {
			String patient = ResponseEvidenceIndex.patientIdOf(subject.getIndividual());
			data.add(split(subject, study, recordsByPatient.getOrDefault(patient, List.of())));
		}
		return data;
	}

	private static TimelineMapper.SubjectData split(ResearchSubject subject, ResearchStudy study,
			Collection<IBaseResource> records) {
		List<Observation> observations = new ArrayList<>();
		List<MedicationAdministration> administrations = new ArrayList<>();
		List<MedicationStatement> statements = new ArrayList<>();
		for (IBaseResource resource : records) {
			if (resource instanceof Observation o && TimelineMapper.measureOf(o.getCode()).isPresent()) {
				observations.add(o);
			} else if (resource instanceof MedicationAdministration a) {
				administrations.add(a);
			} else if (resource instanceof MedicationStatement m) {
				statements.add(m);
			}
		}
		return new TimelineMapper.SubjectData(subject, study, observations, administrations, statements);
	}

	private ResearchStudy readStudy(ResearchSubject subject, RequestDetails request) {
		if (!subject.hasStudy() || !subject.getStudy().getReferenceElement().hasIdPart()) {
			return null;
		}
		try {
			return daos.getResourceDao(ResearchStudy.class)
					.read(new IdType("ResearchStudy", subject.getStudy().getReferenceElement().getIdPart()), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null; // a dangling study reference: evaluate with the defaults
		}
	}
}
