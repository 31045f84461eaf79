package org.msclupus.fhir.reliability;

import org.msclupus.fhir.server.EmbeddedPostgresConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@link AbstractLockWaitIT} on a real PostgreSQL; shares the PostgreSQL server context of PostgresFhirServerIT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EmbeddedPostgresConfiguration.class)
class PostgresLockWaitIT extends AbstractLockWaitIT {
}
