/**
 * The response rules in plain Java: a subject's time line and the criteria sets (each with its categories,
 * thresholds and defaults), units' molar factors, prednisone equivalents. response.operation is $evaluate-response for
 * one subject.
 */
@PlainJava
package org.msclupus.fhir.response;

import org.msclupus.fhir.PlainJava;
