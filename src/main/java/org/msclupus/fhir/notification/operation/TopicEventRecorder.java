package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.notification.Topic;
import org.msclupus.fhir.records.ResponseEvidenceIndex;
import org.msclupus.fhir.records.SafetyMapper;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.store.PatientReferences;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records topic events inside the transaction of the write that causes them (ADR 0018): a serious adverse event of
 * a trial subject as a {@link TopicEventRow}, once per event; a change of a patient's response evidence as a
 * {@link ResponseRecheckRow}, the mark that its subjects must be evaluated again. Both are single inserts; matching
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
		if (resource instanceof AdverseEvent event) {
			seriousEvent(event);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof AdverseEvent event) {
			seriousEvent(event);
		}
	}

	/** An event created serious, or made serious, of a trial subject: recorded unless it fired before. */
	private void seriousEvent(AdverseEvent event) {
		if (!Boolean.TRUE.equals(SafetyMapper.seriousness(event))) {
			return;
		}
		String patient = PatientReferences.patientOf(event);
		if (patient == null) {
			return;
		}
		String focus = "AdverseEvent/" + event.getIdElement().getIdPart();
		String fireKey = Topic.SERIOUS_ADVERSE_EVENT.name() + "|" + focus;
		if (!entityManager.createQuery("SELECT e.id FROM TopicEventRow e WHERE e.fireKey = :key", Long.class)
				.setParameter("key", fireKey).setMaxResults(1).getResultList().isEmpty()) {
			return; // once per event: a later update of a serious event is no new event
		}
		List<ResearchSubject> subjects = TrialSubjects.of(daos, patient);
		if (subjects.isEmpty()) {
			return; // not a trial subject
		}
		Set<String> studies = new LinkedHashSet<>();
		event.getStudy().stream().filter(s -> s.getReferenceElement().hasIdPart())
				.forEach(s -> studies.add("ResearchStudy/" + s.getReferenceElement().getIdPart()));
		Set<String> sites = new LinkedHashSet<>();
		for (ResearchSubject subject : subjects) {
			String study = subject.getStudy().getReferenceElement().hasIdPart()
					? "ResearchStudy/" + subject.getStudy().getReferenceElement().getIdPart() : null;
			if (event.hasStudy() && !studies.contains(study)) {
				continue; // the event names its study: only that study's enrolment counts
			}
			if (!event.hasStudy() && study != null) {
				studies.add(study);
			}
			String site = SiteRoster.siteOf(subject);
			if (site != null) {
				sites.add(site);
			}
		}
		String version = event.getIdElement().getVersionIdPart();
		entityManager.persist(new TopicEventRow(Topic.SERIOUS_ADVERSE_EVENT.canonical(),
				focus + (version == null ? "" : "/_history/" + version), patient, new ArrayList<>(studies),
				new ArrayList<>(sites), clock.instant(), fireKey));
	}

	/** One mark per patient and transaction, however many of its records the transaction writes. */
	@Override
	public void evidenceChanged(String patientId, String recordKey) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		@SuppressWarnings("unchecked")
		Set<String> marked = (Set<String>) TransactionSynchronizationManager.getResource(this);
		if (marked == null) {
			marked = new HashSet<>();
			TransactionSynchronizationManager.bindResource(this, marked);
			Object key = this;
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
		}
		if (marked.add(patientId)) {
			entityManager.persist(new ResponseRecheckRow(patientId, clock.instant()));
		}
	}
}
