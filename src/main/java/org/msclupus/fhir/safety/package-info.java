/**
 * The safety summary rules in plain Java. safety.operation is $safety-summary.
 */
@PlainJava
package org.msclupus.fhir.safety;

import org.msclupus.fhir.PlainJava;
