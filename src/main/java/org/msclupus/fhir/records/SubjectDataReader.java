package org.msclupus.fhir.records;

import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.design.fhir.StudySchedules;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.VisitSchedule;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.store.StudySubjects;

/**
 * Reads what the response rules need with a fixed number of queries, however much data there is. Subjects and
 * studies are read through HAPI with the caller's request ({@link StudySubjects}), so the server's interceptors decide
 * what the caller may see; each subject's records then come from the evidence index, one short row per record
 * ({@link ResponseEvidenceIndex}). A subject and a whole study take the same road from stored record to time line:
 * the record's contributions as mapped when it was written, replayed into the subject's time line.
 */
public class SubjectDataReader {

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final StudySubjects studySubjects;
	private final ResponseEvidenceIndex evidenceIndex;
	private final StudySchedules schedules;
	private final SourceVerifications verifications;

	public SubjectDataReader(DaoRegistry daos, IHapiTransactionService transactions, StudySubjects studySubjects,
			ResponseEvidenceIndex evidenceIndex, StudySchedules schedules, SourceVerifications verifications) {
		this.schedules = schedules;
		this.verifications = verifications;
		this.daos = daos;
		this.transactions = transactions;
		this.studySubjects = studySubjects;
		this.evidenceIndex = evidenceIndex;
	}

	/**
	 * A subject of a study (null when it names none) with its records' contributions as the evidence index holds them,
	 * in the versions the answer counts.
	 *
	 * @param unverifiedValues for a study whose values wait for verification, how many of the subject's time-line
	 *                         records were counted in a version nobody verified; null for a study that needs none
	 */
	public record IndexedSubject(ResearchSubject subject, ResearchStudy study, VisitSchedule schedule,
			List<ResponseEvidenceIndex.Row> rows, Integer unverifiedValues) {

		public SubjectTimeline timeline(LocalDate asOf) {
			SubjectTimeline.Builder timeline = TimelineMapper.timelineOf(subject, study, asOf).studySchedule(schedule);
			rows.forEach(row -> TimelineEntries.replay(row.entries(), timeline));
			return timeline.build();
		}

		/** The subject's time lines as of a date, its rows decoded once for building many (the queue's impacts). */
		public Timelines timelines(LocalDate asOf) {
			Map<String, TimelineEntries> decoded = new java.util.LinkedHashMap<>();
			rows.forEach(row -> decoded.put(row.key(), TimelineEntries.decode(row.entries())));
			return new Timelines(this, decoded, asOf);
		}
	}

	/** Builds a subject's time line with every record, or without one, from rows decoded once. */
	public static final class Timelines {
		private final IndexedSubject subject;
		private final Map<String, TimelineEntries> decoded;
		private final LocalDate asOf;

		private Timelines(IndexedSubject subject, Map<String, TimelineEntries> decoded, LocalDate asOf) {
			this.subject = subject;
			this.decoded = decoded;
			this.asOf = asOf;
		}

		/** The records on the time line, by key. */
		public java.util.Set<String> keys() {
			return decoded.keySet();
		}

		/** Every record's contributions but {@code recordKey}'s (null: every record's). */
		public SubjectTimeline without(String recordKey) {
			SubjectTimeline.Builder timeline = TimelineMapper.timelineOf(subject.subject(), subject.study(), asOf)
					.studySchedule(subject.schedule());
			decoded.forEach((key, entries) -> {
				if (!key.equals(recordKey)) {
					entries.replayInto(timeline);
				}
			});
			return timeline.build();
		}
	}

	/**
	 * One subject's data, in one read-only transaction: the subject, its study and its patient's evidence rows.
	 *
	 * @throws ResourceNotFoundException when the subject does not exist
	 */
	public IndexedSubject read(IIdType subjectId, boolean verifiedOnly, RequestDetails request) {
		return transactions.withRequest(request).readOnly().execute(() -> {
			ResearchSubject subject = daos.getResourceDao(ResearchSubject.class)
					.read(subjectId.toUnqualifiedVersionless(), request);
			ResearchStudy study = readStudy(subject, request);
			return indexed(List.of(subject), study, schedules.of(study, request).orElse(null), verifiedOnly).get(0);
		});
	}

	/** The study an operation read subject by subject, and what it prepared from the study before the first subject. */
	public record StudyRead<C>(ResearchStudy study, C prepared) {
	}

	/**
	 * Hands every subject of a study (of one arm, of one site, when given) to {@code consumer}, a chunk of subjects at
	 * a time, each chunk read in one read-only transaction, so memory stays bounded by the chunk, not the study.
	 * With {@code verifiedOnly}, a study whose values wait for verification counts each record's last verified version.
	 *
	 * {@code prepare} sees the study before any subject is read, so a request the study refutes fails before the work
	 * is done; what it returns (the study's design, the criteria sets it evaluates) is handed with every chunk.
	 *
	 * @throws ResourceNotFoundException when the study does not exist
	 */
	public <C> StudyRead<C> forEachSubjectOfStudy(IIdType studyId, String arm, String site, boolean verifiedOnly,
			RequestDetails request, Function<ResearchStudy, C> prepare, BiConsumer<C, List<IndexedSubject>> consumer) {
		ResearchStudy study = studySubjects.study(studyId, request);
		C prepared = prepare.apply(study);
		StudySubjects.Cohort cohort = studySubjects.of(study, arm, site, request);
		VisitSchedule schedule = schedules.of(study, request).orElse(null);
		for (List<ResearchSubject> chunk : cohort.chunks()) {
			consumer.accept(prepared, transactions.withRequest(request).readOnly()
					.execute(() -> indexed(chunk, study, schedule, verifiedOnly)));
		}
		return new StudyRead<>(study, prepared);
	}

	/**
	 * Attaches to each subject its patient's rows of the evidence index, read in one query per 1,000 patients, and
	 * for a study that needs verification their verification, read the same way.
	 */
	private List<IndexedSubject> indexed(List<ResearchSubject> subjects, ResearchStudy study, VisitSchedule schedule,
			boolean verifiedOnly) {
		Set<String> patients = subjects.stream().map(PatientReferences::patientOf).filter(Objects::nonNull)
				.collect(Collectors.toSet());
		Map<String, List<ResponseEvidenceIndex.Row>> rows = evidenceIndex.rowsOf(patients);
		if (!StudyDesigns.sourceVerification(study).needed()) {
			return subjects.stream().map(s -> new IndexedSubject(s, study, schedule,
					rows.getOrDefault(PatientReferences.patientOf(s), List.of()), null)).toList();
		}
		CountedValues counting = new CountedValues(verifications.ofPatients(patients), verifiedOnly);
		return subjects.stream().map(s -> {
			CountedValues.Counted counted = counting.of(rows.getOrDefault(PatientReferences.patientOf(s), List.of()));
			return new IndexedSubject(s, study, schedule, counted.rows(), counted.unverified());
		}).toList();
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
