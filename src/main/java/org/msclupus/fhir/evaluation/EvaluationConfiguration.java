package org.msclupus.fhir.evaluation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.Sri4;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.beans.factory.ObjectProvider;
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
	public SubjectDataReader subjectDataReader(DaoRegistry daos, IHapiTransactionService transactions,
			EntityManager entityManager, FhirContext fhirContext, ObjectProvider<IJpaStorageResourceParser> parser) {
		// HAPI's storage parser is looked up late: it depends on the server, which depends on these providers.
		return new SubjectDataReader(daos, transactions,
				new StoredResources(entityManager, fhirContext, parser::getObject));
	}

	@Bean
	public TimelineMapper timelineMapper() {
		return new TimelineMapper(new CanonicalUnits());
	}

	@Bean
	public EvaluateResponseProvider evaluateResponseProvider(CriteriaCatalog catalog, SubjectDataReader reader,
			TimelineMapper mapper, DaoRegistry daos) {
		return new EvaluateResponseProvider(catalog, reader,
				mapper, new AssessmentRecorder(daos), Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerEvaluateResponse(EvaluateResponseProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
