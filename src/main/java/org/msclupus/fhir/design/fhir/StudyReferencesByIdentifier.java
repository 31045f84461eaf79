package org.msclupus.fhir.design.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.server.LogicalReferences;

/**
 * Resolves, as a record is stored, a reference to its study given by the study's identifier only ({@code
 * "study": {"identifier": {"system": "https://clinicaltrials.gov", "value": "NCT…"}}}, as an interface engine that
 * knows the registry number but not this server's id writes it): when exactly one stored ResearchStudy has that
 * identifier, or one study of the same transaction, the reference gets its id beside the identifier
 * ({@link LogicalReferences}). Every study rule (the safety summary, the AE dataset, the subjects of a study, the
 * serious-event notification) reads studies by id; without this such a record was stored and belonged to no study.
 * Covers AdverseEvent.study and ResearchSubject.study (ADR 0037); an enrolment whose study is not found is refused.
 */
@Interceptor
public class StudyReferencesByIdentifier {

	private static final String STUDY = "ResearchStudy";

	private final DaoRegistry daos;

	public StudyReferencesByIdentifier(DaoRegistry daos) {
		this.daos = daos;
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void inTransaction(IBaseBundle bundle) {
		if (bundle instanceof Bundle transaction) {
			LogicalReferences.resolveInBundle(transaction, STUDY, StudyReferencesByIdentifier::studyReferences);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		resolve(resource, null);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		resolve(resource, previous);
	}

	/**
	 * An enrolment belongs to one study and means nothing without it: one naming a study no stored ResearchStudy (or
	 * several) has the identifier of is refused, as one naming an unknown study id is. An adverse event may also name
	 * studies held elsewhere, so its unresolved study references are stored as sent.
	 */
	private void resolve(IBaseResource resource, IBaseResource previous) {
		if (resource instanceof ResearchSubject subject) {
			LogicalReferences.resolveStoredOrRefuse(subject.getStudy(),
					previous instanceof ResearchSubject before ? before.getStudy() : null, STUDY,
					"ResearchSubject.study", daos);
		} else {
			LogicalReferences.resolveStored(studyReferences(resource), STUDY, daos);
		}
	}

	private static List<Reference> studyReferences(IBaseResource resource) {
		return resource instanceof AdverseEvent event ? event.getStudy()
				: resource instanceof ResearchSubject subject ? List.of(subject.getStudy()) : List.of();
	}
}
