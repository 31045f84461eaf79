package org.msclupus.fhir.reliability;

import org.msclupus.fhir.support.H2ServerTest;

/** {@link AbstractLockWaitIT} on the embedded H2 file database. */
@H2ServerTest
class LockWaitIT extends AbstractLockWaitIT {
}
