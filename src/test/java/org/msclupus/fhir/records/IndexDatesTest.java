package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index rows' dates read by hand exactly as LocalDate.parse reads them, and refused where it refuses. */
class IndexDatesTest {

	@Test
	void readsWhatLocalDateParseReads() {
		for (String text : List.of("2025-01-01", "0001-01-01", "0000-01-01", "9999-12-31", "2024-02-29", "1970-01-01",
				"2026-12-05", "+10000-01-01", "-0001-12-31")) {
			assertThat(IndexDates.parse(text)).as(text).isEqualTo(LocalDate.parse(text));
		}
	}

	@Test
	void refusesWhatLocalDateParseRefuses() {
		for (String text : List.of("2025-02-29", "2025-13-01", "2025-00-10", "2025-01-32", "2025-1-01", "25-01-01",
				"abcd-ef-gh", "2025/01/01", "2025-01-01T00:00", "")) {
			assertThatThrownBy(() -> LocalDate.parse(text)).as("LocalDate.parse " + text)
					.isInstanceOf(DateTimeException.class);
			assertThatThrownBy(() -> IndexDates.parse(text)).as(text).isInstanceOf(DateTimeException.class);
		}
	}

	@Test
	void theModuleReadsDatesAndRefusesOthersAsJackson() throws Exception {
		ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(IndexDates.module());
		assertThat(json.readValue("\"2025-03-04\"", LocalDate.class)).isEqualTo(LocalDate.of(2025, 3, 4));
		assertThat(json.readValue("[\"2025-03-04\",null]", LocalDate[].class))
				.containsExactly(LocalDate.of(2025, 3, 4), null);
		assertThatThrownBy(() -> json.readValue("\"2025-02-30\"", LocalDate.class))
				.isInstanceOf(InvalidFormatException.class);
	}
}
