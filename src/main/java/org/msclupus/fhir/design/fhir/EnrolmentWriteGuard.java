package org.msclupus.fhir.design.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.google.common.util.concurrent.Striped;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.design.StudyArms;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Refuses (422, naming what to fix) an enrolment the study operations would count wrongly: one whose assigned or
 * actual arm the study does not declare (it would be an arm of its own, with one subject, in every comparison), and a
 * second enrolment of a patient in a study that already has one (the patient would be counted twice in every
 * denominator). Checked just before the write commits, as {@link ScheduleWriteGuard} checks a study: a study or
 * patient created in the same transaction is then stored and its reference resolved, two enrolments of one patient
 * in one transaction see each other, and those sent at once on one node take turns. An update that keeps the arm its
 * enrolment was stored with passes, so an enrolment stored before this rule, or whose study has since renamed an
 * arm, can still change its status (ADR 0039).
 */
@Interceptor
public class EnrolmentWriteGuard {

	private static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private final DaoRegistry daos;
	private final Striped<Lock> turns = Striped.lazyWeakLock(1024);

	public EnrolmentWriteGuard(DaoRegistry daos) {
		this.daos = daos;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof ResearchSubject enrolment) {
			check(enrolment, null);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof ResearchSubject enrolment) {
			check(enrolment, previous instanceof ResearchSubject before ? before : null);
		}
	}

	/**
	 * Enrolments of one patient in one study written at the same moment on this node take turns from here until each
	 * has committed or rolled back, so that the later one's search sees the earlier one (both read committed rows).
	 * Taken at the write's end, once its own rows are written, and given up after a minute rather than waited for
	 * without end. Across nodes nothing orders them (no database constraint spans two resources' references).
	 */
	private void takeTurnsWithOtherEnrolments(String studyAndPatient) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Lock turn = turns.get(studyAndPatient);
		try {
			if (!turn.tryLock(MAX_WAIT.toSeconds(), TimeUnit.SECONDS)) {
				return; // the other write is stuck: check without waiting longer
			}
		} catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new InternalErrorException("Interrupted while waiting for another enrolment of the patient",
					interrupted);
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				turn.unlock();
			}
		});
	}

	private void check(ResearchSubject enrolment, ResearchSubject previous) {
		IIdType studyId = enrolment.getStudy().getReferenceElement();
		if (!studyId.hasIdPart() || !"ResearchStudy".equals(studyId.getResourceType())) {
			return; // a study held elsewhere, or named by an identifier no study has: not this server's design
		}
		String study = "ResearchStudy/" + studyId.getIdPart();
		SystemRequestDetails system = new SystemRequestDetails();
		StudyArms arms = StudyDesigns.arms(daos.getResourceDao(ResearchStudy.class).read(new IdType(study), system));
		try {
			if (previous == null || !Objects.equals(previous.getAssignedArm(), enrolment.getAssignedArm())) {
				arms.requireDeclared(enrolment.getAssignedArm(), "ResearchSubject.assignedArm", study);
			}
			if (previous == null || !Objects.equals(previous.getActualArm(), enrolment.getActualArm())) {
				arms.requireDeclared(enrolment.getActualArm(), "ResearchSubject.actualArm", study);
			}
		} catch (IllegalArgumentException notDeclared) {
			throw new UnprocessableEntityException(notDeclared.getMessage());
		}
		IIdType patient = enrolment.getIndividual().getReferenceElement();
		if (!patient.hasIdPart()) {
			return;
		}
		takeTurnsWithOtherEnrolments(study + "|" + patient.getIdPart());
		String own = enrolment.getIdElement().getIdPart();
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(ResearchSubject.SP_STUDY, new ReferenceParam(study))
				.add(ResearchSubject.SP_INDIVIDUAL, new ReferenceParam("Patient/" + patient.getIdPart()));
		List<String> others = daos.getResourceDao(ResearchSubject.class).searchForResourceIds(search, system).stream()
				.map(IIdType::getIdPart).filter(id -> !id.equals(own)).toList();
		if (!others.isEmpty()) {
			throw new UnprocessableEntityException("Patient/" + patient.getIdPart() + " is already enrolled in " + study
					+ " as ResearchSubject/" + others.get(0) + ": update that enrolment (its status, arm or period) "
					+ "rather than adding another, which every study operation would count as a second subject");
		}
	}
}
