package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.server.SearchesInWrites;

/** A patient's enrolments: the ResearchSubjects naming it as their individual, in any study. */
final class TrialSubjects {

	private TrialSubjects() {
	}

	/** @param patient the bare Patient id; also from inside a write (a storage hook) */
	static List<ResearchSubject> of(DaoRegistry daos, String patient) {
		SearchParameterMap search = SearchParameterMap.newSynchronous(ResearchSubject.SP_INDIVIDUAL,
				new ReferenceParam("Patient/" + patient));
		return SearchesInWrites.search(daos.getResourceDao(ResearchSubject.class), search, new SystemRequestDetails());
	}

	/** The patients (bare ids) enrolled in a study, by its bare id; outside a write. */
	static Set<String> patientsEnrolledIn(DaoRegistry daos, String study) {
		return patientsOf(daos, SearchParameterMap.newSynchronous(ResearchSubject.SP_STUDY,
				new ReferenceParam("ResearchStudy/" + study)));
	}

	/** Which of these patients (bare ids) are enrolled in any study: one search for all of them. */
	static Set<String> enrolledAmong(DaoRegistry daos, Collection<String> patients) {
		if (patients.isEmpty()) {
			return new HashSet<>();
		}
		ReferenceOrListParam anyOf = new ReferenceOrListParam();
		patients.forEach(p -> anyOf.addOr(new ReferenceParam("Patient/" + p)));
		return patientsOf(daos, SearchParameterMap.newSynchronous().add(ResearchSubject.SP_INDIVIDUAL, anyOf));
	}

	/** The patients (bare ids, in order) of the ResearchSubjects a search finds; outside a write. */
	static Set<String> patientsOf(DaoRegistry daos, SearchParameterMap search) {
		Set<String> patients = new java.util.TreeSet<>();
		daos.getResourceDao(ResearchSubject.class).search(search, new SystemRequestDetails()).getAllResources()
				.forEach(s -> {
					String patient = org.msclupus.fhir.store.PatientReferences.patientOf(s);
					if (patient != null) {
						patients.add(patient);
					}
				});
		return patients;
	}
}
