package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The XPORT writer read back by an independent reader: pandas' {@code read_sas(..., format="xport")} (Debian's
 * python3-pandas, which .ci/run installs). Given only a CDISC example's Dataset-JSON file (variables, labels,
 * lengths, rows), the writer's file must read back to the same variables, labels, lengths and values as the file SAS
 * wrote for the same data, and to the JSON's own values.
 */
public class XportPandasTest {

	static final Path EXAMPLES = Path.of("src/test/resources/cdisc-examples");
	static final Path READER = Path.of("src/test/resources/cdisc/xpt_to_json.py");
	static final ObjectMapper JSON = new ObjectMapper();

	/** The Python with pandas; in CI its absence is a failure, elsewhere the test is skipped. */
	static String python() throws IOException, InterruptedException {
		Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pandas").redirectErrorStream(true)
				.start();
		boolean present = probe.waitFor() == 0;
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must install python3-pandas (see .ci/run)");
		}
		assumeTrue(present, "python3-pandas is not installed");
		return "/usr/bin/python3";
	}

	public static JsonNode readWithPandas(Path... files) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(python(), READER.toString()));
		for (Path f : files) {
			command.add(f.toString());
		}
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		byte[] out = process.getInputStream().readAllBytes();
		assertThat(process.waitFor()).as(new String(out, StandardCharsets.UTF_8)).isZero();
		return JSON.readTree(out);
	}

	@ParameterizedTest
	@ValueSource(strings = {"dm", "ae", "cm", "sv", "ta", "te", "tv", "ts", "suppdm"})
	void pandasReadsWhatSasWrote(String dataset, @TempDir Path dir) throws Exception {
		JsonNode json = JSON.readTree(EXAMPLES.resolve(dataset + ".json").toFile());
		List<XportWriter.Variable> variables = new ArrayList<>();
		List<String> types = new ArrayList<>();
		for (JsonNode c : json.get("columns")) {
			String type = c.get("dataType").asText();
			boolean numeric = List.of("integer", "float", "double", "decimal").contains(type);
			types.add(type);
			int length = numeric ? 8 : c.has("length") ? c.get("length").asInt() : longest(json, variables.size());
			variables.add(numeric ? XportWriter.Variable.number(c.get("name").asText(), c.get("label").asText())
					: XportWriter.Variable.text(c.get("name").asText(), c.get("label").asText(), length));
		}
		List<Object[]> rows = new ArrayList<>();
		for (JsonNode row : json.get("rows")) {
			Object[] values = new Object[variables.size()];
			for (int i = 0; i < values.length; i++) {
				JsonNode v = row.get(i);
				values[i] = v.isNull() ? null : variables.get(i).numeric() ? (Object) v.asDouble() : v.asText();
			}
			rows.add(values);
		}
		Path ours = dir.resolve(dataset + ".xpt");
		try (OutputStream out = Files.newOutputStream(ours)) {
			XportWriter.write(out, json.get("name").asText(), json.get("label").asText(), variables, rows,
					LocalDateTime.of(2026, 11, 30, 0, 0), LocalDateTime.of(2026, 11, 30, 0, 0),
					XportWriter.Origin.THIS_SERVER);
		}
		Path sas = EXAMPLES.resolve(dataset + ".xpt");
		JsonNode read = readWithPandas(ours, sas);
		JsonNode fromOurs = read.get(ours.toString());
		JsonNode fromSas = read.get(sas.toString());

		assertThat(fromOurs.get("rows")).isEqualTo(fromSas.get("rows"));
		for (int i = 0; i < variables.size(); i++) {
			JsonNode ourVariable = fromOurs.get("variables").get(i);
			JsonNode sasVariable = fromSas.get("variables").get(i);
			assertThat(ourVariable.get("name")).isEqualTo(sasVariable.get("name"));
			assertThat(ourVariable.get("label")).isEqualTo(sasVariable.get("label"));
			assertThat(ourVariable.get("numeric")).isEqualTo(sasVariable.get("numeric"));
			if (json.get("columns").get(i).has("length") || variables.get(i).numeric()) {
				assertThat(ourVariable.get("length")).as(variables.get(i).name())
						.isEqualTo(sasVariable.get("length"));
			}
		}
		// and the values are the JSON's
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < variables.size(); c++) {
				JsonNode value = fromOurs.get("rows").get(r).get(c);
				Object expected = rows.get(r)[c];
				if (expected == null || (expected instanceof String s && s.isBlank())) {
					assertThat(value.isNull()).as(variables.get(c).name()).isTrue();
				} else if (expected instanceof Double d) {
					// pandas reads an IBM zero as 5.4e-79 (pandas issue #50670); SAS's own file reads the same
					assertThat(Math.abs(value.asDouble()) < 1e-70 ? 0 : value.asDouble()).isEqualTo(d);
				} else {
					assertThat(value.asText()).isEqualTo(((String) expected).stripTrailing());
				}
			}
		}
		assertThat(types).isNotEmpty();
	}

	private static int longest(JsonNode json, int column) {
		int longest = 1;
		for (JsonNode row : json.get("rows")) {
			if (!row.get(column).isNull()) {
				longest = Math.max(longest, row.get(column).asText().length());
			}
		}
		return longest;
	}
}
