package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer against CDISC's own Dataset-JSON files (the pilot study's datasets that SAS wrote, in
 * src/test/resources/cdisc-examples): given each file's metadata and rows, it writes the same document, which
 * CDISC's JSON schema accepts; the NDJSON form carries the same metadata and rows.
 */
class DatasetJsonWriterTest {

	static final Path EXAMPLES = Path.of("src/test/resources/cdisc-examples");
	static final ObjectMapper MAPPER = new ObjectMapper();
	static JsonSchema schema;

	static JsonSchema schema() throws Exception {
		if (schema == null) {
			schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
					.getSchema(MAPPER.readTree(EXAMPLES.resolve("dataset.schema.json").toFile()));
		}
		return schema;
	}

	record Parsed(DatasetJsonWriter.Dataset dataset, List<DatasetJsonWriter.Column> columns, List<Object[]> rows) {
	}

	static Parsed parse(JsonNode json) {
		JsonNode source = json.path("sourceSystem");
		DatasetJsonWriter.Dataset dataset = new DatasetJsonWriter.Dataset(
				LocalDateTime.parse(json.get("datasetJSONCreationDateTime").asText()), text(json, "fileOID"),
				json.has("dbLastModifiedDateTime") ? LocalDateTime.parse(json.get("dbLastModifiedDateTime").asText())
						: null,
				text(json, "originator"), text(source, "name"), text(source, "version"), text(json, "studyOID"),
				text(json, "metaDataVersionOID"), text(json, "metaDataRef"), text(json, "itemGroupOID"),
				text(json, "name"), text(json, "label"));
		List<DatasetJsonWriter.Column> columns = new ArrayList<>();
		for (JsonNode c : json.get("columns")) {
			columns.add(new DatasetJsonWriter.Column(text(c, "itemOID"), text(c, "name"), text(c, "label"),
					text(c, "dataType"), text(c, "targetDataType"), c.has("length") ? c.get("length").asInt() : null,
					text(c, "displayFormat"), c.has("keySequence") ? c.get("keySequence").asInt() : null));
		}
		List<Object[]> rows = new ArrayList<>();
		for (JsonNode row : json.get("rows")) {
			Object[] values = new Object[columns.size()];
			for (int i = 0; i < values.length; i++) {
				JsonNode v = row.get(i);
				values[i] = v.isNull() ? null : v.isTextual() ? v.asText() : v.isBoolean() ? (Object) v.asBoolean()
						: v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble();
			}
			rows.add(values);
		}
		return new Parsed(dataset, columns, rows);
	}

	static String text(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asText() : null;
	}

	@ParameterizedTest
	@ValueSource(strings = {"dm", "ae", "cm", "sv", "ta", "te", "tv", "ts", "suppdm"})
	void writesWhatCdiscPublished(String name) throws Exception {
		JsonNode published = MAPPER.readTree(EXAMPLES.resolve(name + ".json").toFile());
		Parsed parsed = parse(published);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DatasetJsonWriter.write(out, parsed.dataset(), parsed.columns(), parsed.rows());
		JsonNode written = MAPPER.readTree(out.toByteArray());

		assertThat(written).isEqualTo(published);
		assertThat(schema().validate(written)).as("CDISC's schema").isEmpty();
	}

	@Test
	void theNdjsonFormHasTheMetadataThenOneRowPerLine() throws Exception {
		JsonNode published = MAPPER.readTree(EXAMPLES.resolve("dm.json").toFile());
		Parsed parsed = parse(published);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DatasetJsonWriter.writeNdjson(out, parsed.dataset(), parsed.columns(), parsed.rows());
		List<String> lines = new String(out.toByteArray(), StandardCharsets.UTF_8).lines().toList();

		assertThat(lines).hasSize(1 + parsed.rows().size());
		JsonNode metadata = MAPPER.readTree(lines.get(0));
		assertThat(metadata.has("rows")).isFalse();
		assertThat(schema().validate(metadata)).as("the metadata line is a Dataset-JSON object without rows").isEmpty();
		assertThat(schema().validate(((com.fasterxml.jackson.databind.node.ObjectNode) metadata.deepCopy())
				.without("itemGroupOID"))).as("the schema does check").isNotEmpty();
		for (int i = 1; i < lines.size(); i++) {
			assertThat(MAPPER.readTree(lines.get(i))).isEqualTo(published.get("rows").get(i - 1));
		}
	}

	@Test
	void aRowThatDoesNotFitItsColumnsIsRefused() {
		DatasetJsonWriter.Dataset dataset = new DatasetJsonWriter.Dataset(LocalDateTime.of(2026, 11, 30, 0, 0), null,
				null, null, null, null, null, null, null, "IG.DM", "DM", "Demographics");
		List<DatasetJsonWriter.Column> columns = List.of(new DatasetJsonWriter.Column("IT.DM.AGE", "AGE", "Age",
				"integer", null, 8, null, null));
		assertThatThrownBy(() -> DatasetJsonWriter.write(new ByteArrayOutputStream(), dataset, columns,
				List.<Object[]>of(new Object[] {1, 2}))).hasMessageContaining("A row of 2 values for 1 columns");
	}
}
