package org.msclupus.fhir.response;

import java.time.LocalDate;
import java.util.List;

/**
 * What a criteria set found at one visit.
 *
 * @param date     the date of the values used (the latest of them), or the target date when none was found
 * @param response the response at that visit; null where the criteria set grades no single visit
 * @param changes  per-measure values and changes (change from baseline only)
 */
public record VisitResult(String label, LocalDate date, Response response, List<MeasureChange> changes) {

	public VisitResult {
		changes = changes == null ? List.of() : List.copyOf(changes);
	}
}
