/**
 * Plain-Java statistics every report uses: Wilson intervals, two-arm comparisons, Kaplan-Meier and log-rank,
 * Mantel-Haenszel and DerSimonian-Laird pooling.
 */
@PlainJava
package org.msclupus.fhir.statistics;

import org.msclupus.fhir.PlainJava;
