package org.msclupus.fhir.verification;

/**
 * How counting one value changes a subject's result for a criteria set: the category with every value counted and
 * the category without this one (a code such as PR or NE; "none" when the set grades nothing either way).
 */
public record Impact(String criteria, String withValue, String withoutValue) {

	/** The impact of a value, or null when both answers agree. */
	public static Impact between(String criteria, String withValue, String withoutValue) {
		String with = withValue == null ? "none" : withValue;
		String without = withoutValue == null ? "none" : withoutValue;
		return with.equals(without) ? null : new Impact(criteria, with, without);
	}
}
