package org.msclupus.fhir.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import jakarta.persistence.EntityManager;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.msclupus.fhir.server.StorageProperties;
import org.msclupus.fhir.server.StorageSettingsCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The readers every study operation shares: subjects through HAPI, their records set-based. */
@Configuration
public class StoreConfiguration {

	@Bean
	public StoredResources storedResources(EntityManager entityManager, FhirContext fhirContext,
			ObjectProvider<IJpaStorageResourceParser> parser) {
		// HAPI's storage parser is looked up late: it depends on the server, which depends on the providers.
		return new StoredResources(entityManager, fhirContext, parser::getObject);
	}

	/**
	 * Resource bodies stored as plain JSON rather than HAPI's default gzip-compressed JSON: trial records are small,
	 * so compression saves little space and costs CPU on every write and every read. Bodies stored compressed
	 * earlier stay readable (each version row records its encoding).
	 */
	@Bean
	public StorageSettingsCustomizer plainJsonResourceBodies() {
		return settings -> settings.setResourceEncoding(ResourceEncodingEnum.JSON);
	}

	/** A record that names its patient by the patient's identifier only gets the patient's id as it is stored. */
	@Bean
	public PatientReferencesByIdentifier patientReferencesByIdentifier(DaoRegistry daos,
			IInterceptorService interceptors) {
		PatientReferencesByIdentifier references = new PatientReferencesByIdentifier(daos);
		interceptors.registerInterceptor(references);
		return references;
	}

	@Bean
	public RestfulServerCustomizer patientReferencesByIdentifierOnRequests(PatientReferencesByIdentifier references) {
		return server -> server.registerInterceptor(references.requestHook());
	}

	@Bean
	public StudySubjects studySubjects(DaoRegistry daos, IHapiTransactionService transactions,
			StoredResources stored) {
		return new StudySubjects(daos, transactions, stored);
	}

	/**
	 * Threads a study read whose result holds the whole study anyway may split its chunks over (the safety summary's
	 * subjects): on an otherwise idle server a dashboard view then uses every core, not one.
	 */
	@Bean
	public ParallelChunks studyReadChunks(StorageProperties storage) {
		return ParallelChunks.withHelpers(storage.readHelpersOrDefault(), "msc-study-read");
	}
}
