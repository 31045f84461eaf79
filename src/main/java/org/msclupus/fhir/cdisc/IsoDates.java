package org.msclupus.fhir.cdisc;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * SDTM's date rules: ISO 8601 text kept to the precision the source had, and the study day.
 */
public final class IsoDates {

	private IsoDates() {
	}

	/** The calendar day of an ISO 8601 date or date-time with at least day precision; empty for 1975 or 1975-04. */
	public static Optional<LocalDate> day(String iso) {
		if (iso == null || iso.length() < 10) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(iso.substring(0, 10)));
		} catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	/**
	 * The SDTM study day (SDTMIG 3.4, 4.4.4): the date minus the reference date plus one on or after the reference
	 * date, the plain difference before it, so there is no day 0. Null when either date lacks day precision.
	 */
	public static Integer studyDay(LocalDate date, LocalDate reference) {
		if (date == null || reference == null) {
			return null;
		}
		long days = ChronoUnit.DAYS.between(reference, date);
		return Math.toIntExact(days >= 0 ? days + 1 : days);
	}

	/** {@link #studyDay(LocalDate, LocalDate)} of an ISO 8601 text. */
	public static Integer studyDay(String iso, LocalDate reference) {
		return studyDay(day(iso).orElse(null), reference);
	}

	/** Whole years from birth to a date (null when either lacks day precision). */
	public static Integer age(String birthDate, LocalDate at) {
		Optional<LocalDate> birth = day(birthDate);
		if (birth.isEmpty() || at == null) {
			return null;
		}
		return Math.toIntExact(ChronoUnit.YEARS.between(birth.get(), at));
	}

	/**
	 * An ISO 8601 date or date-time as SDTM writes it: to the precision given, without the UTC offset (SDTM's --DTC
	 * holds local time as recorded) and without fractions of a second.
	 */
	public static String sdtm(String iso) {
		if (iso == null || iso.length() <= 10) {
			return iso;
		}
		String local = iso.replaceFirst("(Z|[+-]\\d{2}:\\d{2})$", "");
		return local.replaceFirst("\\.\\d+$", "");
	}
}
