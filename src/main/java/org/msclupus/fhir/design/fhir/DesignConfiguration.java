package org.msclupus.fhir.design.fhir;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.msclupus.fhir.conformance.DefinitionsGate;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The study's design as every operation reads it, the check of schedules when they are written, and references to a
 * study by its identifier resolved as records are stored.
 */
@Configuration
public class DesignConfiguration {

	/** Visits without a window of their own take change-from-baseline's configured week or month window. */
	@Bean
	public StudySchedules studySchedules(DaoRegistry daos, IInterceptorService interceptors,
			ConformanceResources conformance, CriteriaCatalog catalog, DefinitionsGate definitionsGate) {
		ChangeFromBaseline changeFromBaseline = (ChangeFromBaseline) catalog.find(ChangeFromBaseline.CODE).orElseThrow();
		StudySchedules schedules = new StudySchedules(daos, conformance, changeFromBaseline.scheduleWindows(),
				definitionsGate);
		interceptors.registerInterceptor(new ScheduleWriteGuard(schedules));
		return schedules;
	}

	/** A record that names its study by the study's identifier only gets the study's id as it is stored. */
	@Bean
	public StudyReferencesByIdentifier studyReferencesByIdentifier(DaoRegistry daos, IInterceptorService interceptors) {
		StudyReferencesByIdentifier references = new StudyReferencesByIdentifier(daos);
		interceptors.registerInterceptor(references);
		return references;
	}

	/** Enrolments in an arm the study does not declare, or a second one of a patient in a study, are refused. */
	@Bean
	public EnrolmentWriteGuard enrolmentWriteGuard(DaoRegistry daos, IInterceptorService interceptors) {
		EnrolmentWriteGuard guard = new EnrolmentWriteGuard(daos);
		interceptors.registerInterceptor(guard);
		return guard;
	}

	@Bean
	public StudyDesigns studyDesigns(StudySchedules schedules) {
		return new StudyDesigns(schedules);
	}
}
