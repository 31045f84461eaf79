package org.msclupus.fhir.design.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Resolves, as a record is stored, a reference to its study given by the study's identifier only ({@code
 * "study": {"identifier": {"system": "https://clinicaltrials.gov", "value": "NCT…"}}}, as an interface engine that
 * knows the registry number but not this server's id writes it): when exactly one stored ResearchStudy has that
 * identifier, the reference gets its {@code ResearchStudy/<id>} beside the identifier. Every study rule (the safety
 * summary, the AE dataset, the subjects of a study, the serious-event notification) reads studies by id; without
 * this such a record was stored and belonged to no study. An identifier no stored study has, or several have, is
 * left as sent. Covers AdverseEvent.study and ResearchSubject.study (ADR 0037).
 */
@Interceptor
public class StudyReferencesByIdentifier {

	private final DaoRegistry daos;

	public StudyReferencesByIdentifier(DaoRegistry daos) {
		this.daos = daos;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		resolve(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		resolve(resource);
	}

	private void resolve(IBaseResource resource) {
		List<Reference> studies = resource instanceof AdverseEvent event ? event.getStudy()
				: resource instanceof ResearchSubject subject ? List.of(subject.getStudy()) : List.of();
		for (Reference study : studies) {
			Identifier identifier = study.getIdentifier();
			if (study.hasReference() || !identifier.hasValue()) {
				continue;
			}
			SearchParameterMap search = SearchParameterMap.newSynchronous(ResearchStudy.SP_IDENTIFIER,
					new TokenParam(identifier.getSystem(), identifier.getValue()));
			List<IIdType> found = daos.getResourceDao(ResearchStudy.class).searchForResourceIds(search,
					new SystemRequestDetails());
			if (found.size() == 1) {
				study.setReference("ResearchStudy/" + found.get(0).getIdPart());
			}
		}
	}
}
