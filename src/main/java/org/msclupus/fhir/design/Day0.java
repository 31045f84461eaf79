package org.msclupus.fhir.design;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Day 0 of a subject, the one rule every operation uses (trial specification §1, {@code
 * ../shared/domain/response-criteria.md}): the date of the first completed MSC infusion; for a subject never infused
 * (a control arm), the enrolment date ({@code ResearchSubject.period.start}). A subject whose infusion records all
 * failed (none completed) has no day 0: the treatment was meant but did not happen. Records entered in error, and
 * infusions and enrolments after the cut-off date, have not happened yet.
 */
public final class Day0 {

	private Day0() {
	}

	/**
	 * @param infusions the subject's MSC infusions, in any order, dated as the sender wrote them
	 * @param enrolled  the enrolment date; null when unknown
	 * @param asOf      the cut-off date
	 */
	public static Optional<LocalDate> of(List<Infusion> infusions, LocalDate enrolled, LocalDate asOf) {
		List<Infusion> given = happened(infusions, asOf);
		Optional<Infusion> first = given.stream().filter(Infusion::completed).findFirst();
		if (first.isPresent()) {
			return Optional.of(first.get().date());
		}
		if (!given.isEmpty() || enrolled == null || enrolled.isAfter(asOf)) {
			return Optional.empty();
		}
		return Optional.of(enrolled);
	}

	/** The infusion that set day 0, when day 0 is an infusion. */
	public static Optional<Infusion> infusion(List<Infusion> infusions, LocalDate asOf) {
		return happened(infusions, asOf).stream().filter(Infusion::completed).findFirst();
	}

	/** Infusions that count by the cut-off date, oldest first. */
	public static List<Infusion> happened(List<Infusion> infusions, LocalDate asOf) {
		return infusions.stream().filter(i -> !"entered-in-error".equals(i.status()) && !i.date().isAfter(asOf))
				.sorted(Comparator.comparing(Infusion::date)).toList();
	}
}
