package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Measure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One recorded value of a measure, already in the measure's canonical unit.
 *
 * @param measure    what was measured
 * @param time       when (date-only values start at midnight); the date decides windows, the time breaks ties
 * @param value      the value in {@link Measure#canonicalUnit()}; for BILAG-2004 the total of the domain scores
 * @param status     the Observation status as sent (final, amended, preliminary, entered-in-error, ...)
 * @param evidence   an opaque, versioned reference to the source record
 * @param upperLimit upper limit of the value's own reference range in the canonical unit, or null
 * @param grades     BILAG-2004 domain grades (empty for other measures)
 */
public record Measurement(Measure measure, LocalDateTime time, BigDecimal value, String status, String evidence,
		BigDecimal upperLimit, Map<BilagDomain, BilagGrade> grades) {

	/** Statuses of results that count; preliminary, registered, cancelled and entered-in-error do not. */
	public static final Set<String> COUNTABLE_STATUSES = Set.of("final", "amended", "corrected");

	public Measurement {
		Objects.requireNonNull(measure, "measure");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(evidence, "evidence");
		grades = grades == null ? Map.of() : Map.copyOf(grades);
	}

	public static Measurement bilag(LocalDate date, Map<BilagDomain, BilagGrade> grades, String evidence) {
		int total = grades.values().stream().mapToInt(BilagGrade::score).sum();
		return new Measurement(Measure.BILAG_2004, date.atStartOfDay(), BigDecimal.valueOf(total), "final", evidence,
				null, grades);
	}

	public LocalDate date() {
		return time.toLocalDate();
	}

	public boolean counts() {
		return COUNTABLE_STATUSES.contains(status);
	}

	public Measurement withStatus(String newStatus) {
		return new Measurement(measure, time, value, newStatus, evidence, upperLimit, grades);
	}

	public Measurement withUpperLimit(BigDecimal limit) {
		return new Measurement(measure, time, value, status, evidence, limit, grades);
	}

	/** True when all nine BILAG-2004 domains are graded. */
	public boolean hasAllBilagDomains() {
		return grades.size() == BilagDomain.values().length;
	}
}
