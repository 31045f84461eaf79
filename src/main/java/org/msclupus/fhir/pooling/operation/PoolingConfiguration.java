package org.msclupus.fhir.pooling.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.msclupus.fhir.safety.operation.SafetyDataReader;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.msclupus.fhir.study.operation.StudyEvaluation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pooling studies: the ResearchStudy $meta-analysis provider. */
@Configuration
public class PoolingConfiguration {

	@Bean
	public MetaAnalysisProvider metaAnalysisProvider(DaoRegistry daos, StudyEvaluation evaluation,
			SafetyDataReader safety) {
		return new MetaAnalysisProvider(new StudyOutcomeCounts(daos, evaluation, safety), Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerMetaAnalysis(MetaAnalysisProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
