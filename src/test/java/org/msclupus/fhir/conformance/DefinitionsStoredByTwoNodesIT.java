package org.msclupus.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msclupus.fhir.MscLupusFhirApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes started on one new database both find the definitions missing and store them at the same moment (the
 * deployment of a new site with two nodes at once). Whatever form the loser's failure takes, it reads again, finds
 * them stored, and ends stored too: neither node is left refusing definition requests until a restart.
 * <p>
 * Deterministic ({@link DefinitionStoresMeet}): the loser has looked up the definitions' ids before the other node
 * commits and creates the first after, and HAPI refuses it a second code system with the same URL and version (a
 * 422, not a conflict). PostgresFhirServerIT does the same on PostgreSQL.
 */
class DefinitionsStoredByTwoNodesIT {

	private static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(MscLupusFhirApplication.class, DefinitionStoresMeet.InEachNode.class)
				.run("--server.port=0", "--msc.storage.data-dir=" + dataDir);
	}

	@Test
	void bothStoreIntoAnEmptyDatabaseAtOnceAndBothEndStoredWithOneCopy(@TempDir Path dataDir) {
		// The first node's store waits at the barrier (beside its start-up), so the second finds nothing stored either.
		try (ConfigurableApplicationContext first = start(dataDir);
				ConfigurableApplicationContext second = start(dataDir)) {
			for (ConfigurableApplicationContext node : List.of(first, second)) {
				assertThat(node.getBean("conformanceInstaller", ConformanceInstaller.class)
						.awaitBackgroundStore(Duration.ofMinutes(2))).isTrue();
				DefinitionsInRepository state = node.getBean("definitionsInRepository", DefinitionsInRepository.class);
				assertThat(state.failure()).as("the store failed").isEmpty();
				assertThat(state.isStored()).isTrue();
			}
			DaoRegistry daos = second.getBean(DaoRegistry.class);
			for (MetadataResource definition : second.getBean(ConformanceResources.class).all()) {
				String id = definition.fhirType() + "/" + definition.getIdElement().getIdPart();
				MetadataResource stored = (MetadataResource) daos.getResourceDao(definition.fhirType())
						.read(new IdType(id), new SystemRequestDetails());
				assertThat(stored.getMeta().getVersionId()).as(id).isEqualTo("1");
			}
		}
	}
}
