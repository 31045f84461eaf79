/**
 * The eligibility screen in plain Java (criteria as data). eligibility.operation is $check-eligibility.
 */
@PlainJava
package org.msclupus.fhir.eligibility;

import org.msclupus.fhir.PlainJava;
