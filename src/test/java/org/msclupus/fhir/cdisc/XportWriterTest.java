package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The writer against SAS itself: CDISC's pilot study datasets (src/test/resources/cdisc-examples, from CDISC's
 * Dataset-JSON repository, MIT) come as pairs that SAS 9.4 wrote, a Dataset-JSON file and an XPORT file of the same
 * data. Given the rows of the JSON file and the variable metadata and header fields of the XPORT file, the writer
 * must produce the XPORT file byte for byte: headers, NAMESTR records, IBM floating point, missing values, padding.
 */
class XportWriterTest {

	static final Path EXAMPLES = Path.of("src/test/resources/cdisc-examples");
	static final DateTimeFormatter SAS_DATETIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
			.appendPattern("ddMMMyy:HH:mm:ss").toFormatter(Locale.ROOT);

	@ParameterizedTest
	@ValueSource(strings = {"dm", "ae", "cm", "sv", "ta", "te", "tv", "ts", "suppdm"})
	void writesWhatSasWrote(String dataset) throws Exception {
		byte[] expected = Files.readAllBytes(EXAMPLES.resolve(dataset + ".xpt"));
		JsonNode json = new ObjectMapper().readTree(EXAMPLES.resolve(dataset + ".json").toFile());

		String version = text(expected, 80 + 24, 8).trim();
		String os = text(expected, 80 + 32, 8).trim();
		LocalDateTime created = LocalDateTime.parse(text(expected, 80 + 64, 16), SAS_DATETIME);
		LocalDateTime modified = LocalDateTime.parse(text(expected, 160, 16), SAS_DATETIME);
		String name = text(expected, 5 * 80 + 8, 8).trim();
		String label = text(expected, 6 * 80 + 32, 40).trim();
		int count = Integer.parseInt(text(expected, 7 * 80 + 54, 4));
		List<XportWriter.Variable> variables = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ByteBuffer namestr = ByteBuffer.wrap(expected, 8 * 80 + i * 140, 140);
			boolean numeric = namestr.getShort() == 1;
			namestr.getShort();
			int length = namestr.getShort();
			namestr.getShort();
			int at = 8 * 80 + i * 140 + 8;
			String variable = text(expected, at, 8).trim();
			String variableLabel = text(expected, at + 8, 40).trim();
			String format = text(expected, at + 48, 8).trim();
			ByteBuffer formatWidth = ByteBuffer.wrap(expected, at + 56, 4);
			variables.add(new XportWriter.Variable(variable, variableLabel, numeric, length, format,
					formatWidth.getShort(), formatWidth.getShort()));
		}
		assertThat(variables).extracting(XportWriter.Variable::name).containsExactlyElementsOf(
				names(json.get("columns")));

		List<Object[]> rows = new ArrayList<>();
		for (JsonNode row : json.get("rows")) {
			Object[] values = new Object[variables.size()];
			for (int i = 0; i < values.length; i++) {
				JsonNode value = row.get(i);
				values[i] = value == null || value.isNull() ? null
						: variables.get(i).numeric() ? (Object) value.doubleValue() : value.asText();
			}
			rows.add(values);
		}

		ByteArrayOutputStream written = new ByteArrayOutputStream();
		XportWriter.write(written, name, label, variables, rows, created, modified,
				new XportWriter.Origin(version, os));
		byte[] actual = written.toByteArray();
		int first = firstDifference(expected, actual);
		assertThat(first).as("first differing byte of %s.xpt (%d bytes written, %d expected): %s", dataset,
				actual.length, expected.length, first < 0 ? "" : around(expected, actual, first)).isEqualTo(-1);
	}

	@Test
	void ibmFloatingPointOfKnownValues() {
		HexFormat hex = HexFormat.of();
		// 1 = 0x41100000 00000000; -118.625 = 0xC276A000 00000000 (the classic IBM example); 0.1 rounds as IEEE does
		assertThat(hex.formatHex(XportWriter.ibm(1))).isEqualTo("4110000000000000");
		assertThat(hex.formatHex(XportWriter.ibm(-118.625))).isEqualTo("c276a00000000000");
		assertThat(hex.formatHex(XportWriter.ibm(84))).isEqualTo("4254000000000000");
		assertThat(hex.formatHex(XportWriter.ibm(0))).isEqualTo("0000000000000000");
		assertThat(hex.formatHex(XportWriter.missing())).isEqualTo("2e00000000000000");
		assertThat(hex.formatHex(XportWriter.ibm(0.1))).isEqualTo("401999999999999a");
	}

	@Test
	void valuesThatDoNotFitAreRefused() {
		List<XportWriter.Variable> variables = List.of(XportWriter.Variable.text("ARM", "Arm", 4));
		assertThatThrownBy(() -> XportWriter.write(new ByteArrayOutputStream(), "DM", "", variables,
				List.<Object[]>of(new Object[] {"UC-MSC"}), LocalDateTime.now(), LocalDateTime.now(),
				XportWriter.Origin.THIS_SERVER)).hasMessageContaining("ARM has length 4");
		assertThatThrownBy(() -> XportWriter.Variable.text("TOOLONGNAME", "", 4)).hasMessageContaining("1 to 8");
		assertThatThrownBy(() -> XportWriter.write(new ByteArrayOutputStream(), "DM", "", variables,
				List.<Object[]>of(new Object[] {"é"}), LocalDateTime.now(), LocalDateTime.now(),
				XportWriter.Origin.THIS_SERVER)).hasMessageContaining("ASCII");
	}

	private static List<String> names(JsonNode columns) {
		List<String> names = new ArrayList<>();
		columns.forEach(c -> names.add(c.get("name").asText()));
		return names;
	}

	private static String text(byte[] bytes, int offset, int length) {
		return new String(bytes, offset, length, StandardCharsets.US_ASCII);
	}

	private static int firstDifference(byte[] a, byte[] b) {
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			if (a[i] != b[i]) {
				return i;
			}
		}
		return a.length == b.length ? -1 : Math.min(a.length, b.length);
	}

	private static String around(byte[] expected, byte[] actual, int at) {
		int from = Math.max(0, at - 16);
		HexFormat hex = HexFormat.of();
		return "at " + at + " expected " + hex.formatHex(expected, from, Math.min(expected.length, at + 16))
				+ " got " + hex.formatHex(actual, from, Math.min(actual.length, at + 16));
	}
}
