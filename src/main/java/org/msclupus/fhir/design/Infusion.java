package org.msclupus.fhir.design;

import java.time.LocalDate;

/**
 * One MSC infusion (MedicationAdministration).
 *
 * @param date     when it was given
 * @param status   the MedicationAdministration status; only {@code completed} infusions set day 0
 * @param evidence a versioned reference to the source record
 */
public record Infusion(LocalDate date, String status, String evidence) {

	public boolean completed() {
		return "completed".equals(status);
	}
}
