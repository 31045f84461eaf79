package org.msclupus.fhir.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManager;
import org.msclupus.fhir.security.SiteRoster;
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

	@Bean
	public StudySubjects studySubjects(DaoRegistry daos, IHapiTransactionService transactions,
			StoredResources stored, SiteRoster roster) {
		return new StudySubjects(daos, transactions, stored, roster);
	}
}
