package org.msclupus.fhir.records;

import org.msclupus.fhir.support.H2ServerTest;

/** {@link AbstractSafetyDataChunksIT} on the embedded H2. */
@H2ServerTest
class SafetyDataChunksIT extends AbstractSafetyDataChunksIT {
}
