package org.msclupus.fhir.study;

/**
 * One measure at one visit in one arm: n, mean, SD and median of the values; mean and SD of the change from
 * baseline and the two-sided paired t test of visit against baseline over the {@code nPaired} subjects with both;
 * the two-sided 95 % t interval of the mean ({@code meanLower}, {@code meanUpper}). Undefined statistics (too few
 * values) are null.
 */
public record MeasureStatistic(String measure, String arm, String visit, int n, Double mean, Double sd, Double median,
		int nPaired, Double meanChange, Double sdChange, Double pValue, Double meanLower, Double meanUpper) {
}
