/**
 * Visit compliance in plain Java. visits.operation is $visit-compliance.
 */
@PlainJava
package org.msclupus.fhir.visits;

import org.msclupus.fhir.PlainJava;
