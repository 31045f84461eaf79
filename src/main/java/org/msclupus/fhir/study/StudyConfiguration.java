package org.msclupus.fhir.study;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Study-level evaluation: the ResearchStudy $evaluate-response provider. */
@Configuration
public class StudyConfiguration {

	@Bean
	public StudyEvaluateResponseProvider studyEvaluateResponseProvider(CriteriaCatalog catalog,
			SubjectDataReader reader, DaoRegistry daos) {
		return new StudyEvaluateResponseProvider(catalog, reader, new StudyReportRecorder(daos),
				Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerStudyEvaluateResponse(StudyEvaluateResponseProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
