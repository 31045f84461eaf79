package org.msclupus.fhir.operation;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseBooleanDatatype;
import org.hl7.fhir.instance.model.api.IBaseDecimalDatatype;
import org.hl7.fhir.instance.model.api.IBaseIntegerDatatype;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * Writes an {@link Output} as the FHIR JSON of its Parameters, straight from the rows, without building the
 * Parameters resource and walking it with HAPI's reflective encoder (a third of a 1,000-subject
 * {@code $safety-summary}'s CPU, for 40,000 evidence references). It writes exactly what HAPI's JSON parser writes
 * for {@link Output#toParameters()} — element order {@code name}, {@code value[x]}, {@code part}; primitives by
 * their FHIR string form, integers, decimals and booleans as JSON numbers and literals, as HAPI does — which
 * {@code OutputJsonTest} checks value kind by value kind against HAPI's own encoding.
 *
 * <p>Only for what it knows to write exactly: {@link #canWrite} refuses an answer holding a primitive with an id or
 * extensions, an absolute reference (HAPI may make it relative) or a versioned reference deeper than a part (where
 * HAPI would strip the version); such an answer, and
 * any request asking for XML, pretty printing, {@code _summary} or {@code _elements}, goes through HAPI's encoder.
 * Other composite values (a Coding, a Quantity) are encoded by HAPI's parser, element by element.
 */
final class OutputJson {

	private static final JsonFactory JSON = new JsonFactory();

	private OutputJson() {
	}

	/** Whether every value of the answer is one this writer writes exactly as HAPI would. */
	static boolean canWrite(Output output) {
		for (Output.Row row : output.rows()) {
			if (!canWrite(row, 0)) {
				return false;
			}
		}
		return true;
	}

	private static boolean canWrite(Output.Row row, int depth) {
		if (row.ownValue() != null && !canWriteValue(row.ownValue(), depth)) {
			return false;
		}
		for (Map.Entry<String, Object> part : row.allParts()) {
			boolean ok = part.getValue() instanceof Output.Row group ? canWrite(group, depth + 1)
					: canWriteValue(part.getValue(), depth + 1);
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/** A plain Java value is always written exactly but for a reference; a FHIR value is looked at. */
	private static boolean canWriteValue(Object value, int depth) {
		if (value instanceof Output.Ref || value instanceof Type) {
			return canWriteType(Output.fhir(value), depth);
		}
		return true;
	}

	private static boolean canWriteType(Type value, int depth) {
		if (value instanceof PrimitiveType<?> primitive) {
			return !primitive.hasExtension() && primitive.getId() == null;
		}
		if (value instanceof Reference reference && reference.hasReference()) {
			// HAPI makes an absolute reference to this server relative, and keeps versions at parameter.value and
			// parameter.part.value only (ConformanceConfiguration.VERSIONED_REFERENCE_PATHS)
			return !reference.getReference().contains("://")
					&& (depth <= 1 || !reference.getReferenceElement().hasVersionIdPart());
		}
		return true;
	}

	/**
	 * Writes the answer; {@code composites} (HAPI's JSON parser, configured as the server's) writes the values that
	 * are neither primitives nor plain references.
	 */
	static void write(Output output, IParser composites, Writer writer) throws IOException {
		try (JsonGenerator json = JSON.createGenerator(writer)) {
			json.writeStartObject();
			json.writeStringField("resourceType", "Parameters");
			if (!output.rows().isEmpty()) {
				json.writeArrayFieldStart("parameter");
				for (Output.Row row : output.rows()) {
					writeRow(json, row, composites);
				}
				json.writeEndArray();
			}
			json.writeEndObject();
		}
	}

	private static void writeRow(JsonGenerator json, Output.Row row, IParser composites) throws IOException {
		json.writeStartObject();
		json.writeStringField("name", row.name());
		if (row.ownValue() != null) {
			writeValue(json, Output.fhir(row.ownValue()), composites);
		}
		List<Map.Entry<String, Object>> parts = row.allParts();
		if (!parts.isEmpty()) {
			json.writeArrayFieldStart("part");
			for (Map.Entry<String, Object> part : parts) {
				if (part.getValue() instanceof Output.Row group) {
					writeRow(json, group, composites);
				} else {
					json.writeStartObject();
					json.writeStringField("name", part.getKey());
					writeValue(json, Output.fhir(part.getValue()), composites);
					json.writeEndObject();
				}
			}
			json.writeEndArray();
		}
		json.writeEndObject();
	}

	private static void writeValue(JsonGenerator json, Type value, IParser composites) throws IOException {
		String field = "value" + Character.toUpperCase(value.fhirType().charAt(0)) + value.fhirType().substring(1);
		if (value instanceof PrimitiveType<?> primitive) {
			String text = primitive.getValueAsString();
			if (text == null || text.isBlank()) {
				return; // HAPI leaves an empty primitive out
			}
			json.writeFieldName(field);
			if (primitive instanceof IBaseIntegerDatatype integer) {
				json.writeNumber(integer.getValue());
			} else if (primitive instanceof IBaseDecimalDatatype) {
				json.writeNumber(text); // HAPI writes a decimal's own text, its scale kept
			} else if (primitive instanceof IBaseBooleanDatatype bool) {
				json.writeBoolean(bool.getValue());
			} else {
				json.writeString(text);
			}
		} else if (value instanceof Reference reference && reference.hasReference() && reference.getResource() == null
				&& reference.getExtension().isEmpty() && reference.getId() == null && !reference.hasType()
				&& !reference.hasIdentifier() && !reference.hasDisplay()) {
			json.writeFieldName(field);
			json.writeStartObject();
			json.writeStringField("reference", reference.getReference());
			json.writeEndObject();
		} else if (!value.isEmpty()) {
			json.writeFieldName(field);
			json.writeRawValue(composites.encodeToString(value));
		}
	}
}
