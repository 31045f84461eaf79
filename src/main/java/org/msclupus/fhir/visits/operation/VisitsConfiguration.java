package org.msclupus.fhir.visits.operation;

import java.time.Clock;
import java.util.List;
import org.msclupus.fhir.evaluation.StudySchedules;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Visit compliance: the ResearchStudy $visit-compliance provider. */
@Configuration
public class VisitsConfiguration {

	@Bean
	public VisitComplianceProvider visitComplianceProvider(SubjectDataReader reader, StudySchedules schedules,
			CriteriaCatalog catalog) {
		// Visits without a window of their own take change-from-baseline's, as its results do.
		ChangeFromBaseline changeFromBaseline = (ChangeFromBaseline) catalog.select(List.of(ChangeFromBaseline.CODE))
				.get(0);
		return new VisitComplianceProvider(reader, schedules, changeFromBaseline, Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerVisitCompliance(VisitComplianceProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
