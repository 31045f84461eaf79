package org.msclupus.fhir.eligibility;

/** Whether a code is in a value set; the server answers it with its terminology support. */
@FunctionalInterface
public interface CodeMembership {

	boolean contains(String valueSetUrl, String system, String code);
}
