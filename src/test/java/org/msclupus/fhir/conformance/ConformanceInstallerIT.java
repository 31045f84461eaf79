package org.msclupus.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The trial's definitions are in the repository after start-up, a start that finds them unchanged stores nothing, and
 * a start puts back a definition that was changed or deleted through the API — also when two nodes start at once.
 */
@H2ServerTest
class ConformanceInstallerIT {

	@Autowired
	ConformanceInstaller conformanceInstaller;
	@Autowired
	ConformanceResources conformance;
	@Autowired
	DaoRegistry daos;

	@BeforeEach
	void storeBegunAtStartUpEnded() {
		// Its versions would otherwise move under these tests' comparisons.
		assertThat(conformanceInstaller.awaitBackgroundStore(Duration.ofMinutes(2))).isTrue();
	}

	@Test
	void everyDefinitionIsStoredAsShippedAndAStartFindingThemUnchangedStoresNothing() {
		conformanceInstaller.install();
		Map<String, String> before = versions();
		assertThat(before).hasSize(conformance.all().size());
		for (MetadataResource shipped : conformance.all()) {
			assertThat(sameContent(read(shipped), shipped)).as(key(shipped)).isTrue();
		}
		conformanceInstaller.install();
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void aStartPutsBackADefinitionChangedOrDeletedThroughTheApi() {
		conformanceInstaller.install();
		List<MetadataResource> all = List.of(first("StructureDefinition"), first("ValueSet"));
		MetadataResource changed = read(all.get(0));
		changed.setDescription("edited by hand");
		dao(changed).update(changed, new SystemRequestDetails());
		MetadataResource deleted = all.get(1);
		dao(deleted).delete(new IdType(key(deleted)), new SystemRequestDetails());
		Map<String, String> before = versions();

		conformanceInstaller.install();

		assertThat(sameContent(read(all.get(0)), all.get(0))).isTrue();
		assertThat(sameContent(read(deleted), deleted)).isTrue();
		Map<String, String> after = versions();
		assertThat(after.get(key(all.get(0)))).isNotEqualTo(before.get(key(all.get(0))));
		// Only those two got a new version.
		after.keySet().removeAll(List.of(key(all.get(0)), key(deleted)));
		before.keySet().removeAll(List.of(key(all.get(0)), key(deleted)));
		assertThat(after).isEqualTo(before);
	}

	@Test
	void twoNodesStartingAtOnceBothStartAndStoreOneCopy() {
		conformanceInstaller.install();
		MetadataResource definition = first("CodeSystem");
		MetadataResource changed = read(definition);
		changed.setDescription("stale");
		dao(changed).update(changed, new SystemRequestDetails());
		long stale = read(definition).getIdElement().getVersionIdPartAsLong();

		CompletableFuture<Void> one = CompletableFuture.runAsync(conformanceInstaller::install);
		CompletableFuture<Void> two = CompletableFuture.runAsync(conformanceInstaller::install);
		CompletableFuture.allOf(one, two).join();

		assertThat(sameContent(read(definition), definition)).isTrue();
		// Put back once: the node that came second found it put back, or stored the same content (no new version).
		assertThat(read(definition).getIdElement().getVersionIdPartAsLong()).isEqualTo(stale + 1);
	}

	private MetadataResource first(String type) {
		return conformance.all().stream().filter(r -> r.fhirType().equals(type)).findFirst().orElseThrow();
	}

	private Map<String, String> versions() {
		return conformance.all().stream().collect(Collectors.toMap(ConformanceInstallerIT::key,
				ConformanceInstallerIT.this::versionOf, (a, b) -> a, java.util.TreeMap::new));
	}

	private String versionOf(MetadataResource shipped) {
		try {
			return read(shipped).getMeta().getVersionId();
		} catch (ResourceGoneException e) {
			return "deleted";
		}
	}

	private MetadataResource read(MetadataResource shipped) {
		return (MetadataResource) dao(shipped).read(new IdType(key(shipped)), new SystemRequestDetails());
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<MetadataResource> dao(MetadataResource resource) {
		return daos.getResourceDao(resource.fhirType());
	}

	private static String key(MetadataResource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	private static boolean sameContent(MetadataResource stored, MetadataResource wanted) {
		MetadataResource a = stored.copy();
		MetadataResource b = wanted.copy();
		for (MetadataResource r : List.of(a, b)) {
			r.setMeta(null);
			r.setIdElement(null);
			r.setText(null);
		}
		return a.equalsDeep(b);
	}
}
