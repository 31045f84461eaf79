package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.notification.Topic;
import org.msclupus.fhir.records.ResponseEvidenceIndex;
import org.msclupus.fhir.records.SafetyMapper;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.server.SearchesInWrites;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records topic events inside the transaction of the write that causes them (ADR 0018): a serious adverse event of
 * a trial subject as a {@link TopicEventRow}, once per event; a change of a patient's response evidence as a
 * {@link ResponseRecheckRow}, the mark that its subjects must be evaluated again, and a change of a study's design as
 * a {@link StudyRecheckRow}, the same for all its subjects. Each is a single insert; matching
 * subscriptions, evaluating and sending happen later, off the writer's path.
 */
public class TopicEventRecorder implements ResponseEvidenceIndex.EvidenceListener {

	private final EntityManager entityManager;
	private final DaoRegistry daos;
	private final Clock clock;

	TopicEventRecorder(EntityManager entityManager, DaoRegistry daos, Clock clock) {
		this.entityManager = entityManager;
		this.daos = daos;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		written(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		written(resource);
		// A changed study (its criteria sets, say) may change every subject's category: each is evaluated again, so
		// its next value is compared with the category it has under the study as it is now. A new study has no
		// subjects yet; one enrolled in the same transaction is marked by its enrolment. (The criteria sets grade at
		// their own fixed visits, so a protocol PlanDefinition's schedule changes no category.)
		if (resource instanceof ResearchStudy study) {
			designChanged(study.getIdElement().getIdPart());
		}
	}

	private void written(IBaseResource resource) {
		if (resource instanceof AdverseEvent event) {
			seriousEvent(event, null);
		} else if (resource instanceof ResearchSubject subject && PatientReferences.patientOf(subject) != null) {
			// An enrolment, or a change of one (arm, enrolment date), may change the subject's response: evaluated
			// now, so that a value arriving later is compared with the category the subject had, whatever the order
			// in which the EHR sent the values and the enrolment.
			evidenceChanged(PatientReferences.patientOf(subject), "ResearchSubject/" + subject.getIdElement().getIdPart());
			// EHRs send in any order: a serious event stored before its patient was enrolled fires on enrolment.
			SearchParameterMap search = SearchParameterMap.newSynchronous(AdverseEvent.SP_SUBJECT,
					new ReferenceParam("Patient/" + PatientReferences.patientOf(subject)));
			SearchesInWrites.search(daos.getResourceDao(AdverseEvent.class), search, new SystemRequestDetails())
					.forEach(found -> seriousEvent(found, subject));
		}
	}

	/**
	 * An event created serious, or made serious, of a trial subject: recorded unless it fired before. An undated one
	 * fires too (the safety summary cannot place it on the time line, but a safety physician must hear of it).
	 *
	 * @param enrolling a ResearchSubject being written in this transaction, which a search may not find yet
	 */
	private void seriousEvent(AdverseEvent event, ResearchSubject enrolling) {
		if (!SafetyMapper.happened(event) || !Boolean.TRUE.equals(SafetyMapper.seriousness(event))) {
			return; // a near miss fires when, if ever, it is recorded as having happened
		}
		String patient = PatientReferences.patientOf(event);
		if (patient == null) {
			return;
		}
		String focus = "AdverseEvent/" + event.getIdElement().getIdPart();
		String fireKey = Topic.SERIOUS_ADVERSE_EVENT.name() + "|" + focus;
		Set<String> fired = inThisTransaction().fired();
		if (fired.contains(fireKey) || !entityManager.createQuery("SELECT e.id FROM TopicEventRow e WHERE e.fireKey = :key", Long.class)
				.setParameter("key", fireKey).setMaxResults(1).getResultList().isEmpty()) {
			return; // once per event: a later update of a serious event is no new event
		}
		List<ResearchSubject> subjects = new ArrayList<>(TrialSubjects.of(daos, patient));
		if (enrolling != null && subjects.stream().noneMatch(s -> s.getIdElement().getIdPart()
				.equals(enrolling.getIdElement().getIdPart()))) {
			subjects.add(enrolling);
		}
		if (subjects.isEmpty()) {
			return; // not a trial subject
		}
		Set<String> studies = new LinkedHashSet<>();
		Set<String> sites = new LinkedHashSet<>();
		boolean ofItsStudy = false;
		for (ResearchSubject subject : subjects) {
			String study = subject.getStudy().getReferenceElement().getIdPart();
			if (event.hasStudy() && (study == null || !SafetyMapper.belongsTo(event, study))) {
				continue; // the event names its study: only an enrolment in it counts, as for the safety summary
			}
			ofItsStudy = true;
			if (study != null) {
				studies.add("ResearchStudy/" + study);
			}
			String site = SiteRoster.siteOf(subject);
			if (site != null) {
				sites.add(site);
			}
		}
		if (!ofItsStudy) {
			return; // fires when the patient is enrolled in the study the event names
		}
		String version = event.getIdElement().getVersionIdPart();
		fired.add(fireKey); // HAPI flushes at commit: a query would not see this row within the transaction
		entityManager.persist(new TopicEventRow(Topic.SERIOUS_ADVERSE_EVENT.canonical(),
				focus + (version == null ? "" : "/_history/" + version), patient, new ArrayList<>(studies),
				new ArrayList<>(sites), clock.instant(), fireKey));
	}

	/** One mark per patient and transaction, however many of its records the transaction writes. */
	@Override
	public void evidenceChanged(String patientId, String recordKey) {
		if (TransactionSynchronizationManager.isSynchronizationActive() && inThisTransaction().marked().add(patientId)) {
			entityManager.persist(new ResponseRecheckRow(patientId, clock.instant()));
		}
	}

	/** One mark per study and transaction; the dispatcher marks the study's enrolled patients. */
	private void designChanged(String study) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& inThisTransaction().marked().add("ResearchStudy/" + study)) {
			entityManager.persist(new StudyRecheckRow(study, clock.instant()));
		}
	}

	/** What this transaction recorded so far: patients and studies marked, events fired. */
	private record Recorded(Set<String> marked, Set<String> fired) {
	}

	private Recorded inThisTransaction() {
		Recorded recorded = (Recorded) TransactionSynchronizationManager.getResource(this);
		if (recorded == null) {
			recorded = new Recorded(new HashSet<>(), new HashSet<>());
			TransactionSynchronizationManager.bindResource(this, recorded);
			Object key = this;
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
		}
		return recorded;
	}
}
