package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HibernateDialectsTest {

	@Test
	void postgresUrlGetsHapiPostgresDialect() {
		assertThat(HibernateDialects.choose("", "jdbc:postgresql://db:5432/msclupus"))
				.isEqualTo(HapiFhirPostgresDialect.class.getName());
	}

	@Test
	void h2FileUrlGetsHapiH2Dialect() {
		assertThat(HibernateDialects.choose(null, "jdbc:h2:file:./data/msc-lupus-fhir"))
				.isEqualTo(HapiFhirH2Dialect.class.getName());
	}

	@Test
	void explicitDialectWins() {
		assertThat(HibernateDialects.choose("com.example.MyDialect", "jdbc:h2:mem:x"))
				.isEqualTo("com.example.MyDialect");
	}

	@Test
	void unknownDatabaseIsRefusedWithoutEchoingTheUrl() {
		assertThatThrownBy(() -> HibernateDialects.choose("", "jdbc:oracle:thin:scott/tiger@host:1521:orcl"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("'oracle'")
				.hasMessageNotContaining("tiger");
	}
}
