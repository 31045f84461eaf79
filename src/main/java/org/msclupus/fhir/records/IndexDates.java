package org.msclupus.fhir.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * How the record indexes read their dates back: a {@code yyyy-MM-dd} date, as Jackson's JavaTimeModule writes every
 * date of a row, read digit by digit. {@code LocalDate.parse} goes through the general {@code DateTimeFormatter},
 * which was half the time of decoding a safety row (a 1,000-subject summary decodes 56,000). Anything else (a year
 * beyond 9999, a sign) is left to {@link LocalDate#parse}, so nothing is read differently.
 */
final class IndexDates {

	private IndexDates() {
	}

	/** A Jackson module reading {@link LocalDate} this way; register it after the JavaTimeModule. */
	static Module module() {
		return new SimpleModule("index-dates").addDeserializer(LocalDate.class, new IsoDateDeserializer());
	}

	/** The date written as {@code yyyy-MM-dd}. */
	static LocalDate parse(String text) {
		if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
			int year = digits(text, 0, 4);
			int month = digits(text, 5, 7);
			int day = digits(text, 8, 10);
			if (year >= 0 && month >= 0 && day >= 0) {
				try {
					return LocalDate.of(year, month, day);
				} catch (DateTimeException e) {
					// not a date (2025-02-30): let LocalDate.parse refuse it with its own message
				}
			}
		}
		return LocalDate.parse(text);
	}

	/** The number the ASCII digits from {@code from} to {@code to} spell; -1 when one is not a digit. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {

		IsoDateDeserializer() {
			super(LocalDate.class);
		}

		@Override
		public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
			}
			try {
				return parse(parser.getText());
			} catch (DateTimeException e) {
				return (LocalDate) context.handleWeirdStringValue(LocalDate.class, parser.getText(), e.getMessage());
			}
		}
	}
}
