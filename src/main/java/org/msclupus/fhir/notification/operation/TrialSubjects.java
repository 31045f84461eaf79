package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import org.hl7.fhir.r4.model.ResearchSubject;

/** A patient's enrolments: the ResearchSubjects naming it as their individual, in any study. */
final class TrialSubjects {

	private TrialSubjects() {
	}

	/** @param patient the bare Patient id */
	static List<ResearchSubject> of(DaoRegistry daos, String patient) {
		SearchParameterMap search = SearchParameterMap.newSynchronous(ResearchSubject.SP_INDIVIDUAL,
				new ReferenceParam("Patient/" + patient));
		return daos.getResourceDao(ResearchSubject.class).search(search, new SystemRequestDetails()).getAllResources()
				.stream().map(ResearchSubject.class::cast).toList();
	}
}
