package org.msclupus.fhir.response.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.Sri4;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The response evaluation: the criteria sets with their configured thresholds and the operation provider. */
@Configuration
@EnableConfigurationProperties(ResponseCriteriaProperties.class)
public class EvaluationConfiguration {

	@Bean
	public CriteriaCatalog criteriaCatalog(ResponseCriteriaProperties properties) {
		return new CriteriaCatalog(List.of(new LnRenalResponse(properties.lnRenalResponse()),
				new Sri4(properties.sri4()), new BilagMcrPcr(properties.bilagMcrPcr()),
				new ChangeFromBaseline(properties.changeFromBaseline())));
	}

	@Bean
	public AssessmentRecorder assessmentRecorder(DaoRegistry daos) {
		return new AssessmentRecorder(daos);
	}
}
