package org.msclupus.fhir.response;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A period of glucocorticoid treatment (MedicationStatement) with its prednisone-equivalent daily dose.
 *
 * @param start              first day, inclusive
 * @param end                last day, inclusive; null while ongoing
 * @param prednisoneMgPerDay the daily dose converted to prednisone equivalents
 * @param status             the MedicationStatement status; only {@code active} and {@code completed} count
 * @param evidence           a versioned reference to the source record
 */
public record GlucocorticoidCourse(LocalDate start, LocalDate end, BigDecimal prednisoneMgPerDay, String status,
		String evidence) {

	public boolean counts() {
		return "active".equals(status) || "completed".equals(status);
	}

	public boolean inEffectOn(LocalDate day) {
		return !day.isBefore(start) && (end == null || !day.isAfter(end));
	}
}
