package org.msclupus.fhir.evaluation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.Sri4;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.store.StudySubjects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ca.uhn.fhir.interceptor.api.IInterceptorService;

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
	public StudySchedules studySchedules(DaoRegistry daos, IInterceptorService interceptors,
			ConformanceResources conformance, ResponseCriteriaProperties properties) {
		StudySchedules schedules = new StudySchedules(daos, conformance,
				properties.changeFromBaseline().scheduleWindows());
		interceptors.registerInterceptor(new ScheduleWriteGuard(schedules));
		return schedules;
	}

	@Bean
	public SubjectDataReader subjectDataReader(DaoRegistry daos, IHapiTransactionService transactions,
			StudySubjects studySubjects, ResponseEvidenceIndex evidenceIndex, StudySchedules schedules) {
		return new SubjectDataReader(daos, transactions, studySubjects, evidenceIndex, schedules);
	}

	/** Puts the evidence table into HAPI's persistence unit, so Hibernate creates it with HAPI's schema. */
	@Bean
	public static PersistenceUnitPostProcessor responseEvidenceEntity() {
		return unit -> unit.addManagedClassName(ResponseEvidence.class.getName());
	}

	@Bean
	public ResponseEvidenceIndex responseEvidenceIndex(EntityManager entityManager, TimelineMapper mapper,
			IInterceptorService interceptors) {
		ResponseEvidenceIndex index = new ResponseEvidenceIndex(entityManager, mapper);
		interceptors.registerInterceptor(index);
		return index;
	}

	@Bean
	public ResponseEvidenceRebuild responseEvidenceRebuild(EntityManager entityManager,
			PlatformTransactionManager transactionManager, StoredResources stored, ResponseEvidenceIndex index) {
		return new ResponseEvidenceRebuild(entityManager, new TransactionTemplate(transactionManager), stored, index);
	}

	/** Brings the evidence rows up to date before the server takes its first request. */
	@Bean
	public SmartInitializingSingleton rebuildStaleResponseEvidence(ResponseEvidenceRebuild rebuild) {
		return rebuild::rebuildIfStale;
	}

	@Bean
	public CanonicalUnits canonicalUnits() {
		return new CanonicalUnits();
	}

	@Bean
	public TimelineMapper timelineMapper(CanonicalUnits units) {
		return new TimelineMapper(units);
	}

	@Bean
	public EvaluateResponseProvider evaluateResponseProvider(CriteriaCatalog catalog, SubjectDataReader reader,
			DaoRegistry daos) {
		return new EvaluateResponseProvider(catalog, reader, new AssessmentRecorder(daos), Clock.systemDefaultZone());
	}

	@Bean
	public RestfulServerCustomizer registerEvaluateResponse(EvaluateResponseProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
