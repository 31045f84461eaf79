package org.msclupus.fhir.operation;

/**
 * A provider of trial operations: a Spring component registered with the FHIR endpoint, whose {@code @Operation}
 * methods carry {@link TrialOperation}. Implementing it is all an operation needs to be served and authorized.
 */
public interface TrialOperationProvider {
}
