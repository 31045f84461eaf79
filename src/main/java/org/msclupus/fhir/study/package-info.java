/**
 * Study aggregation in plain Java: counts, intervals, arm comparisons, times to response. study.operation is
 * $evaluate-response for a study.
 */
@PlainJava
package org.msclupus.fhir.study;

import org.msclupus.fhir.PlainJava;
