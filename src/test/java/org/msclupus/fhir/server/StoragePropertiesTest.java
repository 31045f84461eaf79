package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.PropertiesBinding;

class StoragePropertiesTest {

	private static StorageProperties bind(Map<String, Object> environmentVariables, Map<String, Object> properties) {
		return PropertiesBinding.bind("msc.storage", StorageProperties.class, environmentVariables, properties);
	}

	@Test
	void readHelpersUnsetAreOneFewerThanTheProcessors() {
		StorageProperties storage = bind(Map.of(), Map.of());
		assertThat(storage.readHelpers()).isNull();
		assertThat(storage.readHelpersOrDefault())
				.isEqualTo(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
		assertThat(storage.schema()).isEqualTo(StorageProperties.SchemaMode.UPDATE);
	}

	@Test
	void readHelpersAreSetByPropertyOrEnvironmentAndZeroMeansNone() {
		assertThat(bind(Map.of(), Map.of("msc.storage.read-helpers", "0")).readHelpersOrDefault()).isZero();
		assertThat(bind(Map.of("MSC_STORAGE_READHELPERS", "3"), Map.of()).readHelpersOrDefault()).isEqualTo(3);
		assertThat(bind(Map.of("MSC_STORAGE_READ_HELPERS", "2"), Map.of()).readHelpersOrDefault()).isEqualTo(2);
	}
}
