package org.msclupus.fhir.verification.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.records.RecordUse;
import org.msclupus.fhir.records.SourceVerifications;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.store.StoredResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Source-data verification: $verify and $verification-queue. */
@Configuration
public class VerificationConfiguration {

	@Bean
	public SourceDataVerification sourceDataVerification(DaoRegistry daos, IHapiTransactionService transactions,
			SourceVerifications verifications, RecordUse use, TimelineMapper timelines, SiteRoster roster,
			Clock clock) {
		return new SourceDataVerification(daos, transactions, verifications, use, timelines, roster, clock);
	}

	@Bean
	public VerificationQueue verificationQueue(SubjectDataReader reader, StudyDesigns designs,
			CriteriaCatalog catalog, StoredResources stored, SourceVerifications verifications, RecordUse use,
			IHapiTransactionService transactions, Clock clock) {
		return new VerificationQueue(reader, designs, catalog, stored, verifications, use, transactions, clock);
	}
}
