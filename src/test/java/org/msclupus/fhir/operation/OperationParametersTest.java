package org.msclupus.fhir.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperationParametersTest {

	@ParameterizedTest(name = "asOf={0} means up to {1}")
	@CsvSource({"2027-02-14, 2027-02-14", "2027-02, 2027-02-28", "2028-02, 2028-02-29", "2027, 2027-12-31"})
	void aPartialAsOfDateCoversItsWholePeriod(String asOf, String lastDay) {
		assertThat(OperationParameters.lastDayOf(new DateType(asOf))).isEqualTo(LocalDate.parse(lastDay));
	}

	@ParameterizedTest(name = "{0} ends on {1}")
	@CsvSource({"2027-02-14T23:30:00+08:00, 2027-02-14", "2027-02-14T00:30:00-05:00, 2027-02-14", "2027-02, 2027-02-28",
			"2027, 2027-12-31"})
	void aDateTimeEndsOnItsDayAsWrittenAndAPartialOneOnItsLastDay(String end, String lastDay) {
		assertThat(OperationParameters.lastDayOf(new org.hl7.fhir.r4.model.DateTimeType(end)))
				.isEqualTo(LocalDate.parse(lastDay));
	}

	@Test
	void anAbsentAsOfIsTodayOnTheServersClock() {
		Clock clock = Clock.fixed(Instant.parse("2027-03-01T23:30:00Z"), ZoneOffset.UTC);
		assertThat(OperationParameters.lastDayOrToday(null, clock)).isEqualTo(LocalDate.parse("2027-03-01"));
		assertThat(OperationParameters.lastDayOrToday(new DateType(), clock)).isEqualTo(LocalDate.parse("2027-03-01"));
		assertThat(OperationParameters.lastDayOrToday(new DateType("2026"), clock))
				.isEqualTo(LocalDate.parse("2026-12-31"));
	}

	@Test
	void persistIsTrueOnlyWhenSaidSo() {
		assertThat(OperationParameters.isTrue(null)).isFalse();
		assertThat(OperationParameters.isTrue(new BooleanType())).isFalse();
		assertThat(OperationParameters.isTrue(new BooleanType(false))).isFalse();
		assertThat(OperationParameters.isTrue(new BooleanType(true))).isTrue();
	}

	@Test
	void emptyTextAndAbsentCodesAreNothing() {
		assertThat(OperationParameters.textOrNull(null)).isNull();
		assertThat(OperationParameters.textOrNull(new StringType(""))).isNull();
		assertThat(OperationParameters.textOrNull(new StringType("uc-msc"))).isEqualTo("uc-msc");
		assertThat(OperationParameters.codes(null)).isEmpty();
		assertThat(OperationParameters.codes(List.of(new CodeType("sri-4"), new CodeType("x"))))
				.containsExactly("sri-4", "x");
	}

	@Test
	void aRuleRefusingItsInputIsABadRequestWithTheRulesWords() {
		assertThatThrownBy(() -> OperationParameters.orBadRequest(() -> {
			throw new IllegalArgumentException("Unknown criteria code(s) x; known codes: sri-4");
		})).isInstanceOf(InvalidRequestException.class).hasMessageContaining("Unknown criteria code(s) x");
		assertThat(OperationParameters.orBadRequest(() -> 42)).isEqualTo(42);
	}
}
