package org.msclupus.fhir.cdisc.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import org.msclupus.fhir.evaluation.CanonicalUnits;
import org.msclupus.fhir.evaluation.StudySchedules;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.evaluation.TimelineMapper;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.msclupus.fhir.store.StoredResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** CDISC export: the ResearchStudy $cdisc-export provider. */
@Configuration
public class CdiscConfiguration {

	@Bean
	public CdiscExport cdiscExport(SubjectDataReader reader, StudySchedules schedules, CriteriaCatalog catalog,
			StoredResources stored, IHapiTransactionService transactions, CanonicalUnits units,
			TimelineMapper timelines) {
		return new CdiscExport(reader, schedules, catalog, stored, transactions, new CdiscMapper(units, timelines));
	}

	@Bean
	public CdiscExportProvider cdiscExportProvider(CdiscExport export, DaoRegistry daos) {
		// The jar's own version (from its manifest), which every file and define.xml name as their source.
		String version = CdiscExportProvider.class.getPackage().getImplementationVersion();
		return new CdiscExportProvider(export, daos, Clock.systemDefaultZone(), version == null ? "dev" : version);
	}

	@Bean
	public RestfulServerCustomizer registerCdiscExport(CdiscExportProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
