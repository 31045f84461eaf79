package org.msclupus.fhir.cdisc.operation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.records.SubjectDataReader;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.records.VerifiedRecords;
import org.msclupus.fhir.safety.SafetyThresholds;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.store.StoredResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** CDISC export: the ResearchStudy $cdisc-export provider, its batch2 job and its status URL. */
@Configuration
public class CdiscConfiguration {

	@Bean
	public CdiscExport cdiscExport(SubjectDataReader reader, StudyDesigns designs, CriteriaCatalog catalog,
			StoredResources stored, IHapiTransactionService transactions, CanonicalUnits units,
			TimelineMapper timelines, FhirContext fhirContext, VerifiedRecords verified, SafetyThresholds safety,
			Clock clock) {
		// The jar's own version (from its manifest), which every file and define.xml name as their source.
		String version = CdiscExport.class.getPackage().getImplementationVersion();
		return new CdiscExport(reader, designs, catalog, stored, transactions, new CdiscMapper(units, timelines),
				verified, safety, fhirContext, clock, version == null ? "dev" : version);
	}

	@Bean
	public ExportStore cdiscExportStore(DaoRegistry daos, Clock clock) {
		return new ExportStore(daos, clock);
	}

	@Bean
	public CdiscExportJob cdiscExportJob(CdiscExport export, ExportStore store) {
		return new CdiscExportJob(export, store);
	}

	/** Registered with batch2 by HAPI, which collects every JobDefinition bean at start-up. */
	@Bean
	public JobDefinition<CdiscExportJob.Parameters> cdiscExportJobDefinition(CdiscExportJob job) {
		return job.definition();
	}

}
