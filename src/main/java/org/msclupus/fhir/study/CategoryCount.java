package org.msclupus.fhir.study;

/**
 * How many subjects of an arm fell in a response category (or relapsed at a visit), out of how many, with the rate
 * and its Wilson 95 % interval; rate and interval are null when the denominator is 0.
 */
public record CategoryCount(String criteria, String arm, String category, String visit, int count, int denominator,
		Double rate, Double ciLower, Double ciUpper) {
}
