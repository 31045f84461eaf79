package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** SDTM's study day, on and either side of the reference date, and dates kept to the precision sent. */
class IsoDatesTest {

	static final LocalDate RFSTDTC = LocalDate.of(2025, 1, 8);

	@Test
	void studyDayHasNoDayZero() {
		assertThat(IsoDates.studyDay(RFSTDTC, RFSTDTC)).isEqualTo(1);
		assertThat(IsoDates.studyDay(RFSTDTC.plusDays(1), RFSTDTC)).isEqualTo(2);
		assertThat(IsoDates.studyDay(RFSTDTC.minusDays(1), RFSTDTC)).isEqualTo(-1);
		assertThat(IsoDates.studyDay(RFSTDTC.plusDays(28), RFSTDTC)).isEqualTo(29);
		assertThat(IsoDates.studyDay(RFSTDTC.minusDays(28), RFSTDTC)).isEqualTo(-28);
	}

	@Test
	void studyDayNeedsTwoFullDates() {
		assertThat(IsoDates.studyDay((LocalDate) null, RFSTDTC)).isNull();
		assertThat(IsoDates.studyDay(RFSTDTC, null)).isNull();
		assertThat(IsoDates.studyDay("2025-01", RFSTDTC)).isNull();
		assertThat(IsoDates.studyDay("2025-01-09T23:59:00", RFSTDTC)).isEqualTo(2);
	}

	@Test
	void datesKeepTheirPrecisionAndLoseTheirOffset() {
		assertThat(IsoDates.sdtm("1975")).isEqualTo("1975");
		assertThat(IsoDates.sdtm("1975-04")).isEqualTo("1975-04");
		assertThat(IsoDates.sdtm("2023-03-02")).isEqualTo("2023-03-02");
		assertThat(IsoDates.sdtm("2023-03-02T09:30:00Z")).isEqualTo("2023-03-02T09:30:00");
		assertThat(IsoDates.sdtm("2023-03-02T09:30:00.250+08:00")).isEqualTo("2023-03-02T09:30:00");
		assertThat(IsoDates.sdtm("2023-03-02T09:30-05:00")).isEqualTo("2023-03-02T09:30");
		assertThat(IsoDates.sdtm(null)).isNull();
	}

	@Test
	void ageInWholeYearsTurnsOnTheBirthday() {
		assertThat(IsoDates.age("1975-03-02", LocalDate.of(2025, 3, 1))).isEqualTo(49);
		assertThat(IsoDates.age("1975-03-02", LocalDate.of(2025, 3, 2))).isEqualTo(50);
		assertThat(IsoDates.age("1975", LocalDate.of(2025, 3, 2))).isNull();
		assertThat(IsoDates.age("1975-03-02", null)).isNull();
	}
}
