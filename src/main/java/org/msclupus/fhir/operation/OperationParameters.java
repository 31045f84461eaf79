package org.msclupus.fhir.operation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.StringType;

/**
 * How every operation of this server reads its common parameters, so that {@code asOf}, {@code persist}, an arm
 * name or a list of codes mean the same everywhere.
 */
public final class OperationParameters {

	private OperationParameters() {
	}

	/** A cut-off date parameter ({@code asOf}, {@code screeningDate}): its last day, or today when absent. */
	public static LocalDate lastDayOrToday(DateType date, Clock clock) {
		return date == null || date.getValue() == null ? LocalDate.now(clock) : lastDayOf(date);
	}

	/**
	 * The last day a date stands for: asOf=2027 means up to 2027-12-31, asOf=2027-02 up to 2027-02-28; a date with a
	 * time, its day as written.
	 */
	public static LocalDate lastDayOf(org.hl7.fhir.r4.model.BaseDateTimeType date) {
		return switch (date.getPrecision()) {
			case YEAR -> LocalDate.of(date.getYear(), 12, 31);
			case MONTH -> YearMonth.of(date.getYear(), date.getMonth() + 1).atEndOfMonth();
			default -> LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
		};
	}

	/** A boolean flag such as {@code persist}: true only when given as true. */
	public static boolean isTrue(BooleanType flag) {
		return flag != null && Boolean.TRUE.equals(flag.getValue());
	}

	/** A string parameter such as {@code arm}: its value, or null when absent or empty. */
	public static String textOrNull(StringType text) {
		return text == null || text.isEmpty() ? null : text.getValue();
	}

	/** The values of a repeated code parameter, in order; an empty list when absent. */
	public static List<String> codes(List<CodeType> codes) {
		return codes == null ? List.of() : codes.stream().map(CodeType::getValue).toList();
	}

	/** Runs a rule-side check whose {@link IllegalArgumentException} means a bad request: it becomes a 400. */
	public static <T> T orBadRequest(Supplier<T> check) {
		try {
			return check.get();
		} catch (IllegalArgumentException e) {
			throw new InvalidRequestException(e.getMessage());
		}
	}
}
