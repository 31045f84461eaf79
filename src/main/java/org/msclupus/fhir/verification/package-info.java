/**
 * Source-data verification in plain Java: the states a value goes through between the EHR and the analysis, the
 * decisions a monitor and a site make, and the order a monitor reviews values in. verification.operation is
 * $verify and $verification-queue.
 */
@PlainJava
package org.msclupus.fhir.verification;

import org.msclupus.fhir.PlainJava;
