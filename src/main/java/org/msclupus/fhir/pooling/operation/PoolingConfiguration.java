package org.msclupus.fhir.pooling.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.msclupus.fhir.records.SafetyDataReader;
import org.msclupus.fhir.records.StudyOutcomes;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pooling studies: the ResearchStudy $meta-analysis provider. */
@Configuration
public class PoolingConfiguration {

	@Bean
	public StudyOutcomeCounts studyOutcomeCounts(DaoRegistry daos, CriteriaCatalog catalog, StudyOutcomes outcomes,
			SafetyDataReader safety) {
		return new StudyOutcomeCounts(daos, catalog, outcomes, safety);
	}
}
