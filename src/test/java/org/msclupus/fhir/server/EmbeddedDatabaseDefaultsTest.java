package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Every embedded H2 file database is written durably, whoever chose its URL: a user-supplied
 * {@code jdbc:h2:file:} URL once lost 28 of 663 acknowledged Observations to a SIGKILL because only the default URL
 * carried WRITE_DELAY=0.
 */
class EmbeddedDatabaseDefaultsTest {

	private static String effectiveUrl(MockEnvironment environment) {
		new EmbeddedDatabaseDefaults().postProcessEnvironment(environment, null);
		return environment.getProperty("spring.datasource.url");
	}

	@Test
	void theDefaultDatabaseIsDurable() {
		String url = effectiveUrl(new MockEnvironment().withProperty("msc.storage.data-dir", "/tmp/x"));
		assertThat(url).isEqualTo("jdbc:h2:retry:/tmp/x/msc-lupus-fhir;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
	}

	@Test
	void aUserSuppliedFileUrlGetsTheSameDurability() {
		assertThat(effectiveUrl(new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:h2:file:/some/dir/fhir"))).isEqualTo("jdbc:h2:retry:/some/dir/fhir;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		assertThat(effectiveUrl(new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:h2:/some/dir/fhir;MODE=PostgreSQL;WRITE_DELAY=0")))
				.isEqualTo("jdbc:h2:retry:/some/dir/fhir;MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void aUrlAskingForDelayedWritesStopsTheServerSayingWhy() {
		assertThatThrownBy(() -> effectiveUrl(new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:h2:file:/some/dir/fhir;WRITE_DELAY=500")))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("WRITE_DELAY=500")
				.hasMessageContaining("WRITE_DELAY=0");
	}

	@Test
	void otherDatabasesAreLeftAsTheyAre() {
		for (String url : new String[] {"jdbc:postgresql://db:5432/fhir", "jdbc:h2:mem:test",
				"jdbc:h2:tcp://localhost/~/fhir"}) {
			assertThat(effectiveUrl(new MockEnvironment().withProperty("spring.datasource.url", url))).isEqualTo(url);
		}
	}
}
