package org.msclupus.fhir.visits.operation;

import java.time.Clock;
import org.msclupus.fhir.evaluation.StudySchedules;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Visit compliance: the ResearchStudy $visit-compliance provider. */
@Configuration
public class VisitsConfiguration {

	@Bean
	public VisitComplianceProvider visitComplianceProvider(SubjectDataReader reader, StudySchedules schedules) {
		return new VisitComplianceProvider(reader, schedules, Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerVisitCompliance(VisitComplianceProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
