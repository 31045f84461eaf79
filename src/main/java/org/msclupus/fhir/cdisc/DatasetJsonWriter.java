package org.msclupus.fhir.cdisc;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Writes a dataset as CDISC Dataset-JSON 1.1 (final, 2024-12), as one JSON document or in its NDJSON form (the
 * metadata on the first line, then one row per line), streamed with Jackson so that a large dataset is never held
 * as a tree. Attribute names and order follow the published schema and CDISC's own example files; checked against
 * those files and validated with the schema. Plain Java.
 */
public final class DatasetJsonWriter {

	public static final String VERSION = "1.1.0";
	private static final JsonFactory JSON = new JsonFactory();
	private static final DateTimeFormatter DATETIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

	/** The dataset's metadata; every field but created, itemGroupOid, name and label may be null. */
	public record Dataset(LocalDateTime created, String fileOid, LocalDateTime dbLastModified, String originator,
			String sourceSystemName, String sourceSystemVersion, String studyOid, String metaDataVersionOid,
			String metaDataRef, String itemGroupOid, String name, String label) {

		public Dataset {
			Objects.requireNonNull(created, "created");
			Objects.requireNonNull(itemGroupOid, "itemGroupOid");
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(label, "label");
		}
	}

	/**
	 * A column: {@code dataType} is one of string, integer, decimal, float, double, boolean; {@code targetDataType}
	 * (integer or decimal) when the logical type differs; length, display format and key sequence when known.
	 */
	public record Column(String itemOid, String name, String label, String dataType, String targetDataType,
			Integer length, String displayFormat, Integer keySequence) {

		public Column {
			Objects.requireNonNull(itemOid, "itemOid");
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(label, "label");
			Objects.requireNonNull(dataType, "dataType");
		}
	}

	private DatasetJsonWriter() {
	}

	/** One JSON document. Row values: String, Number, Boolean or null, in the columns' order. */
	public static void write(OutputStream out, Dataset dataset, List<Column> columns, List<Object[]> rows)
			throws IOException {
		try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
			json.writeStartObject();
			metadata(json, dataset, columns, rows.size());
			json.writeArrayFieldStart("rows");
			for (Object[] row : rows) {
				row(json, columns, row);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	/** The NDJSON form: the metadata object on the first line, then one array per row, each on its own line. */
	public static void writeNdjson(OutputStream out, Dataset dataset, List<Column> columns, List<Object[]> rows)
			throws IOException {
		try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
			json.setRootValueSeparator(null);
			json.writeStartObject();
			metadata(json, dataset, columns, rows.size());
			json.writeEndObject();
			json.writeRaw('\n');
			for (Object[] row : rows) {
				row(json, columns, row);
				json.writeRaw('\n');
			}
		}
	}

	private static void metadata(JsonGenerator json, Dataset d, List<Column> columns, int records) throws IOException {
		json.writeStringField("datasetJSONCreationDateTime", DATETIME.format(d.created()));
		json.writeStringField("datasetJSONVersion", VERSION);
		optional(json, "fileOID", d.fileOid());
		optional(json, "dbLastModifiedDateTime", d.dbLastModified() == null ? null
				: DATETIME.format(d.dbLastModified()));
		optional(json, "originator", d.originator());
		if (d.sourceSystemName() != null) {
			json.writeObjectFieldStart("sourceSystem");
			json.writeStringField("name", d.sourceSystemName());
			optional(json, "version", d.sourceSystemVersion());
			json.writeEndObject();
		}
		optional(json, "studyOID", d.studyOid());
		optional(json, "metaDataVersionOID", d.metaDataVersionOid());
		optional(json, "metaDataRef", d.metaDataRef());
		json.writeStringField("itemGroupOID", d.itemGroupOid());
		json.writeNumberField("records", records);
		json.writeStringField("name", d.name());
		json.writeStringField("label", d.label());
		json.writeArrayFieldStart("columns");
		for (Column c : columns) {
			json.writeStartObject();
			json.writeStringField("itemOID", c.itemOid());
			json.writeStringField("name", c.name());
			json.writeStringField("label", c.label());
			json.writeStringField("dataType", c.dataType());
			optional(json, "targetDataType", c.targetDataType());
			if (c.length() != null) {
				json.writeNumberField("length", c.length());
			}
			optional(json, "displayFormat", c.displayFormat());
			if (c.keySequence() != null) {
				json.writeNumberField("keySequence", c.keySequence());
			}
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static void row(JsonGenerator json, List<Column> columns, Object[] row) throws IOException {
		if (row.length != columns.size()) {
			throw new IllegalArgumentException("A row of " + row.length + " values for " + columns.size() + " columns");
		}
		json.writeStartArray();
		for (Object value : row) {
			if (value == null) {
				json.writeNull();
			} else if (value instanceof String text) {
				json.writeString(text);
			} else if (value instanceof Boolean flag) {
				json.writeBoolean(flag);
			} else if (value instanceof Integer || value instanceof Long) {
				json.writeNumber(((Number) value).longValue());
			} else if (value instanceof BigDecimal decimal) {
				json.writeNumber(decimal);
			} else if (value instanceof Number number) {
				json.writeNumber(number.doubleValue());
			} else {
				throw new IllegalArgumentException("Dataset-JSON holds strings, numbers and booleans; got " + value);
			}
		}
		json.writeEndArray();
	}

	private static void optional(JsonGenerator json, String field, String value) throws IOException {
		if (value != null) {
			json.writeStringField(field, value);
		}
	}
}
