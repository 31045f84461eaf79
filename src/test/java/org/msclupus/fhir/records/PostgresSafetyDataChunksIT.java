package org.msclupus.fhir.records;

import org.msclupus.fhir.server.EmbeddedPostgresConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@link AbstractSafetyDataChunksIT} on a real PostgreSQL; shares the PostgreSQL server context of PostgresFhirServerIT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EmbeddedPostgresConfiguration.class)
class PostgresSafetyDataChunksIT extends AbstractSafetyDataChunksIT {
}
