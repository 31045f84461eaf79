package org.msclupus.fhir.visits.operation;

import java.time.Clock;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Visit compliance: the ResearchStudy $visit-compliance provider. */
@Configuration
public class VisitsConfiguration {

	@Bean
	public VisitComplianceProvider visitComplianceProvider(SubjectDataReader reader, StudyDesigns designs) {
		return new VisitComplianceProvider(reader, designs, Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerVisitCompliance(VisitComplianceProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
