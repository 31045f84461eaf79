package org.msclupus.fhir.server;

import org.springframework.test.context.TestPropertySource;

/** The REST contract on the embedded default: H2 in a file. */
@TestPropertySource(properties = "msc.storage.data-dir=target/it-data/h2")
class H2FhirServerIT extends AbstractFhirServerIT {}
