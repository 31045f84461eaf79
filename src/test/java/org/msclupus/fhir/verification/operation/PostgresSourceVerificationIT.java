package org.msclupus.fhir.verification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.server.EmbeddedPostgresConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Source-data verification on a real PostgreSQL ({@link SourceVerificationScenario}): the verification rows, their
 * lock and the versioned Provenance behave as on H2. Shares the PostgreSQL server context of PostgresFhirServerIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EmbeddedPostgresConfiguration.class)
class PostgresSourceVerificationIT extends SourceVerificationScenario {

	@LocalServerPort
	int port;

	@Override
	int port() {
		return port;
	}

	@Test
	void wrongValuesAreQueuedAndCountOnlyUntilVerifiedOnPostgres() throws Exception {
		load();
		for (String record : verifiedRecords) {
			verify(record, "verified", null, null);
		}
		String flip = inject(week24Upcr, DAY0.plusDays(168), "0.09", "g/g");
		inject(verifiedRecords.get(2), DAY0.minusDays(2), "2.0", "g/g");
		Parameters queued = queue("");
		assertThat(value(queued, "total")).isEqualTo("2");
		List<ParametersParameterComponent> items = named(queued, "item");
		assertThat(text(items.get(0), "resource")).isEqualTo(flip + "/_history/1");
		assertThat(renalResponse(evaluateSubject(false))).isEqualTo("CR");
		assertThat(unverifiedValues(evaluateSubject(false))).isEqualTo(2);
		assertThat(renalResponse(evaluateSubject(true))).isEqualTo("PR");
		verify(flip, "verified", null, "1");
		assertThat(renalResponse(evaluateSubject(true))).isEqualTo("CR");
		String duplicate = text(items.get(1), "resource").replaceAll("/_history/\\d+$", "");
		assertThat(provenance(verify(duplicate, "query", "Sent twice?", null)).getTargetFirstRep().getReference())
				.isEqualTo(duplicate + "/_history/1");
	}
}
