package org.msclupus.fhir.records;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.msclupus.fhir.design.fhir.StudySchedules;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.store.ParallelChunks;
import org.msclupus.fhir.store.StudySubjects;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading a study's records into the rules' data: the mapping of FHIR records to the time line (with UCUM), the
 * evidence index written with every record, and the readers of subjects' time lines and safety data.
 */
@Configuration
public class RecordsConfiguration {

	@Bean
	public SubjectDataReader subjectDataReader(DaoRegistry daos, IHapiTransactionService transactions,
			StudySubjects studySubjects, ResponseEvidenceIndex evidenceIndex, StudySchedules schedules,
			SourceVerifications verifications) {
		return new SubjectDataReader(daos, transactions, studySubjects, evidenceIndex, schedules, verifications);
	}

	/** Puts the evidence, verification and safety tables into HAPI's persistence unit, so Hibernate creates it with HAPI's schema. */
	@Bean
	public static PersistenceUnitPostProcessor responseEvidenceEntity() {
		return unit -> {
			unit.addManagedClassName(ResponseEvidence.class.getName());
			unit.addManagedClassName(SourceVerificationRow.class.getName());
			unit.addManagedClassName(SafetyRecordRow.class.getName());
		};
	}

	@Bean
	public SourceVerifications sourceVerifications(EntityManager entityManager) {
		return new SourceVerifications(entityManager);
	}

	@Bean
	public ResponseEvidenceIndex responseEvidenceIndex(EntityManager entityManager, TimelineMapper mapper,
			IInterceptorService interceptors) {
		ResponseEvidenceIndex index = new ResponseEvidenceIndex(entityManager, mapper);
		interceptors.registerInterceptor(index);
		return index;
	}

	@Bean
	public SafetyRecordIndex safetyRecordIndex(EntityManager entityManager, SafetyMapper mapper,
			IInterceptorService interceptors) {
		SafetyRecordIndex index = new SafetyRecordIndex(entityManager, mapper);
		interceptors.registerInterceptor(index);
		return index;
	}

	@Bean
	public RecordIndexRebuild recordIndexRebuild(PlatformTransactionManager transactionManager,
			StoredResources stored, ResponseEvidenceIndex evidence, SafetyRecordIndex safety) {
		return new RecordIndexRebuild(new TransactionTemplate(transactionManager), stored, List.of(evidence, safety));
	}

	/** Brings the index rows up to date before the server takes its first request. */
	@Bean
	public SmartInitializingSingleton rebuildStaleRecordIndexes(RecordIndexRebuild rebuild) {
		return rebuild::rebuildIfStale;
	}

	@Bean
	public CanonicalUnits canonicalUnits() {
		return new CanonicalUnits();
	}

	@Bean
	public SafetyMapper safetyMapper(CanonicalUnits units) {
		return new SafetyMapper(units);
	}

	@Bean
	public TimelineMapper timelineMapper(CanonicalUnits units) {
		return new TimelineMapper(units);
	}

	@Bean
	public SafetyDataReader safetyDataReader(IHapiTransactionService transactions, SafetyRecordIndex index,
			SafetyMapper mapper, StudySubjects subjects, VerifiedRecords verified, ParallelChunks studyReadChunks) {
		return new SafetyDataReader(transactions, index, mapper, subjects, verified, studyReadChunks);
	}

	@Bean
	public VerifiedRecords verifiedRecords(SourceVerifications verifications, DaoRegistry daos, RecordUse use) {
		return new VerifiedRecords(verifications, daos, use);
	}

	@Bean
	public RecordUse recordUse(TimelineMapper timelines, SafetyMapper mapper) {
		return new RecordUse(timelines, mapper);
	}

	@Bean
	public StudyOutcomes studyOutcomes(SubjectDataReader reader) {
		return new StudyOutcomes(reader);
	}
}
