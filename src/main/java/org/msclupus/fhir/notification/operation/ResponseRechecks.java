package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.notification.ResponseChanges;
import org.msclupus.fhir.notification.Topic;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.security.SiteRoster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the marks left by writes into {@code response-changed} events: evaluates each marked patient's subjects with
 * their study's default criteria sets (every value counted, as of today), compares each category with the last one
 * recorded, records the new ones and an event per change, all in one transaction that also consumes the marks. Two
 * nodes consuming the same marks cannot both announce: one deletes them first, and the categories' version column
 * rolls the other back.
 */
class ResponseRechecks {

	private static final Logger log = LoggerFactory.getLogger(ResponseRechecks.class);

	private final EntityManager entityManager;
	private final TransactionTemplate transactions;
	private final DaoRegistry daos;
	private final SubjectDataReader reader;
	private final CriteriaCatalog catalog;
	private final Clock clock;

	ResponseRechecks(EntityManager entityManager, TransactionTemplate transactions, DaoRegistry daos,
			SubjectDataReader reader, CriteriaCatalog catalog, Clock clock) {
		this.entityManager = entityManager;
		this.transactions = transactions;
		this.daos = daos;
		this.reader = reader;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * The first start with notifications finds no category recorded: every enrolled patient is marked once, so the
	 * first write after the upgrade is compared with the category its subject had, not taken as its first.
	 */
	void baselineIfNoneRecorded() {
		boolean none = Boolean.TRUE.equals(transactions.execute(tx -> entityManager
				.createQuery("SELECT s.key FROM ResponseStateRow s", String.class).setMaxResults(1).getResultList()
				.isEmpty() && entityManager.createQuery("SELECT r.id FROM ResponseRecheckRow r", Long.class)
				.setMaxResults(1).getResultList().isEmpty()));
		if (!none) {
			return;
		}
		Set<String> patients = TrialSubjects.patientsOf(daos, SearchParameterMap.newSynchronous());
		Instant now = clock.instant();
		transactions.executeWithoutResult(tx -> patients.forEach(p -> entityManager.persist(new ResponseRecheckRow(p, now))));
		log.info("Response categories: {} enrolled patients marked for a first evaluation", patients.size());
	}

	/**
	 * Evaluates every marked patient, a batch of marks at a time. A patient whose evaluation fails keeps its marks
	 * and is tried again next round, without holding up the marks after it.
	 *
	 * @return how many patients were evaluated
	 */
	int run(int batch) {
		markSubjectsOfChangedStudies(batch);
		int evaluated = 0;
		long after = 0;
		while (true) {
			long from = after;
			List<ResponseRecheckRow> marks = transactions.execute(tx -> entityManager
					.createQuery("SELECT r FROM ResponseRecheckRow r WHERE r.id > :after ORDER BY r.id",
							ResponseRecheckRow.class)
					.setParameter("after", from).setMaxResults(batch).getResultList());
			if (marks.isEmpty()) {
				return evaluated;
			}
			after = marks.get(marks.size() - 1).id();
			Map<String, List<ResponseRecheckRow>> byPatient = new LinkedHashMap<>();
			marks.forEach(m -> byPatient.computeIfAbsent(m.patientId(), k -> new ArrayList<>()).add(m));
			// Most of a hospital feed's patients are in no trial: their marks go in one statement, after one search
			// for the batch, instead of a search and a transaction each.
			Set<String> enrolled = TrialSubjects.enrolledAmong(daos, byPatient.keySet());
			List<Long> notEnrolled = new ArrayList<>();
			byPatient.entrySet().removeIf(patient -> {
				if (enrolled.contains(patient.getKey())) {
					return false;
				}
				patient.getValue().forEach(m -> notEnrolled.add(m.id()));
				return true;
			});
			if (!notEnrolled.isEmpty()) {
				transactions.executeWithoutResult(tx -> entityManager
						.createQuery("DELETE FROM ResponseRecheckRow r WHERE r.id IN (:ids)")
						.setParameter("ids", notEnrolled).executeUpdate());
			}
			for (Map.Entry<String, List<ResponseRecheckRow>> patient : byPatient.entrySet()) {
				try {
					if (Boolean.TRUE.equals(transactions.execute(tx -> recheck(patient.getKey(), patient.getValue())))) {
						evaluated++;
					}
				} catch (org.springframework.dao.ConcurrencyFailureException
						| jakarta.persistence.OptimisticLockException e) {
					// Another node recorded the same subject's categories first: the marks are back, and the next
					// round compares with what it recorded.
					log.debug("Response recheck of Patient/{} rolled back: {}", patient.getKey(), e.toString());
				} catch (RuntimeException e) {
					log.warn("Response recheck of Patient/{} failed; tried again next round", patient.getKey(), e);
				}
			}
		}
	}

	/**
	 * Turns each study mark into a mark per patient enrolled in the study, in one transaction that also consumes it
	 * (a node that finds it taken already leaves it to the one that took it).
	 */
	void markSubjectsOfChangedStudies(int batch) {
		List<StudyRecheckRow> marks = transactions.execute(tx -> entityManager
				.createQuery("SELECT r FROM StudyRecheckRow r ORDER BY r.id", StudyRecheckRow.class)
				.setMaxResults(batch).getResultList());
		for (StudyRecheckRow mark : marks) {
			try {
				transactions.executeWithoutResult(tx -> {
					if (entityManager.createQuery("DELETE FROM StudyRecheckRow r WHERE r.id = :id")
							.setParameter("id", mark.id()).executeUpdate() == 0) {
						return;
					}
					Instant now = clock.instant();
					TrialSubjects.patientsEnrolledIn(daos, mark.studyId())
							.forEach(p -> entityManager.persist(new ResponseRecheckRow(p, now)));
				});
			} catch (RuntimeException e) {
				log.warn("Marking the subjects of ResearchStudy/{} failed; tried again next round", mark.studyId(), e);
			}
		}
	}

	private boolean recheck(String patient, List<ResponseRecheckRow> marks) {
		List<Long> ids = marks.stream().map(ResponseRecheckRow::id).toList();
		int taken = entityManager.createQuery("DELETE FROM ResponseRecheckRow r WHERE r.id IN (:ids)")
				.setParameter("ids", ids).executeUpdate();
		if (taken == 0) {
			return false; // another node took them
		}
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		SystemRequestDetails system = new SystemRequestDetails();
		for (ResearchSubject found : TrialSubjects.of(daos, patient)) {
			SubjectDataReader.IndexedSubject data = reader.read(found.getIdElement().toUnqualifiedVersionless(), false,
					system);
			List<ResponseCriteria> rules = catalog.select(
					StudyDesign.criteriaOr(StudyDesigns.criteria(data.study()), catalog.codes()));
			SubjectTimeline timeline = data.timeline(today);
			String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
			Map<String, String> before = new LinkedHashMap<>();
			Map<String, String> now_ = new LinkedHashMap<>();
			for (ResponseCriteria rule : rules) {
				String category = categoryOf(rule.evaluate(timeline));
				if (category == null) {
					continue;
				}
				now_.put(rule.code(), category);
				ResponseStateRow state = entityManager.find(ResponseStateRow.class,
						ResponseStateRow.keyOf(subject, rule.code()));
				if (state == null) {
					// Nothing recorded to compare with: this is the subject's first category, not a change.
					entityManager.persist(new ResponseStateRow(subject, rule.code(), category, now));
				} else {
					before.put(rule.code(), state.category());
					state.category(category, now);
				}
			}
			for (ResponseChanges.Change change : ResponseChanges.between(before, now_)) {
				String study = data.subject().getStudy().getReferenceElement().hasIdPart()
						? "ResearchStudy/" + data.subject().getStudy().getReferenceElement().getIdPart() : null;
				String site = SiteRoster.siteOf(data.subject());
				entityManager.persist(new TopicEventRow(Topic.RESPONSE_CHANGED.canonical(),
						data.subject().getIdElement().toUnqualified().getValue(), patient,
						study == null ? List.of() : List.of(study), site == null ? List.of() : List.of(site), now, null)
						.change(change.criteria(), change.from(), change.to()));
			}
		}
		return true;
	}

	private static String categoryOf(CriteriaResult result) {
		return result == null || result.response() == null ? null : result.response().name();
	}
}
