package org.msclupus.fhir.operation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * An operation's answer as named rows of named parts, the one model every operation writes: {@link #toParameters()}
 * makes one Parameters parameter per row (a part per value, repeated for a list), {@link #toCsv} one CSV line per row
 * (a column per part name, the row's name in the first). Values are plain Java: a String is a FHIR {@code string}, a
 * {@link Code} a {@code code}, a {@link Ref} a Reference, Integer/Long an {@code integer}, BigDecimal/Double a
 * {@code decimal}, LocalDate a {@code date}, Boolean a {@code boolean}; a FHIR {@link Type} is written as is. A null
 * value writes nothing.
 */
public final class Output {

	/** A FHIR {@code code}. */
	public record Code(String value) {
		@Override
		public String toString() {
			return value;
		}
	}

	/** A reference to a resource ({@code ResearchSubject/1}). */
	public record Ref(String reference) {
		@Override
		public String toString() {
			return reference;
		}
	}

	public static Code code(String value) {
		return value == null ? null : new Code(value);
	}

	public static Ref ref(String reference) {
		return reference == null ? null : new Ref(reference);
	}

	/** One row: a parameter with a value of its own, or with parts. */
	public static final class Row {
		private final String name;
		private Object value;
		private final List<Map.Entry<String, Object>> parts = new ArrayList<>();

		private Row(String name) {
			this.name = name;
		}

		public String name() {
			return name;
		}

		/** Adds a part; nothing for a null value. */
		public Row part(String partName, Object partValue) {
			if (partValue != null) {
				parts.add(Map.entry(partName, partValue));
			}
			return this;
		}

		/** Adds one part per value, in order (a repeated part). */
		public Row parts(String partName, Collection<?> values) {
			values.forEach(v -> part(partName, v));
			return this;
		}

		/**
		 * Adds a part made of parts (the impact of a queued value), returned to be filled. In CSV its values are
		 * joined by a colon, in the order added.
		 */
		public Row group(String partName) {
			Row group = new Row(partName);
			parts.add(Map.entry(partName, group));
			return group;
		}

		/** The parameter's own value (a row without parts). */
		public Row value(Object parameterValue) {
			this.value = parameterValue;
			return this;
		}

		/** The parameter's own value; null for a row with parts. */
		Object ownValue() {
			return value;
		}

		/** Every part in order, a group as its {@link Row}. */
		List<Map.Entry<String, Object>> allParts() {
			return parts;
		}

		/** The values of a part, in order. */
		public List<Object> values(String partName) {
			return parts.stream().filter(p -> p.getKey().equals(partName)).map(Map.Entry::getValue).toList();
		}
	}

	private final List<Row> rows = new ArrayList<>();

	/** A new row, added after the others. */
	public Row add(String name) {
		Row row = new Row(name);
		rows.add(row);
		return row;
	}

	public List<Row> rows() {
		return rows;
	}

	/**
	 * Adds a part to a parameter built by hand (the nested results of $evaluate-response); nothing for a null value.
	 * The value is converted as every row's is.
	 */
	public static void part(ParametersParameterComponent parent, String name, Object value) {
		if (value != null) {
			parent.addPart().setName(name).setValue(fhir(value));
		}
	}

	public Parameters toParameters() {
		Parameters out = new Parameters();
		for (Row row : rows) {
			ParametersParameterComponent parameter = out.addParameter().setName(row.name);
			if (row.value != null) {
				parameter.setValue(fhir(row.value));
			}
			addParts(parameter, row);
		}
		return out;
	}

	private static void addParts(ParametersParameterComponent parameter, Row row) {
		for (Map.Entry<String, Object> part : row.parts) {
			ParametersParameterComponent added = parameter.addPart().setName(part.getKey());
			if (part.getValue() instanceof Row group) {
				addParts(added, group);
			} else {
				added.setValue(fhir(part.getValue()));
			}
		}
	}

	/**
	 * The rows named in {@code sections}, as CSV: the header is {@code columns}; the first column holds the row's
	 * name, the others the part of that name (a repeated part's values joined by a space), empty when absent.
	 */
	public String toCsv(List<String> columns, Set<String> sections) {
		CsvTable csv = new CsvTable(columns);
		for (Row row : rows) {
			if (!sections.contains(row.name)) {
				continue;
			}
			Object[] fields = new Object[columns.size()];
			fields[0] = row.name;
			for (int i = 1; i < columns.size(); i++) {
				List<Object> values = row.values(columns.get(i));
				fields[i] = values.isEmpty() ? null
						: values.stream().map(Output::text).collect(Collectors.joining(" "));
			}
			csv.row(fields);
		}
		return csv.toString();
	}

	private static String text(Object value) {
		if (value instanceof Row group) {
			return group.parts.stream().map(p -> text(p.getValue())).collect(Collectors.joining(":"));
		}
		if (value instanceof Reference r) {
			return r.getReference();
		}
		if (value instanceof PrimitiveType<?> p) {
			return p.getValueAsString();
		}
		if (value instanceof org.hl7.fhir.r4.model.Coding c) {
			return c.getCode();
		}
		return value.toString();
	}

	static Type fhir(Object value) {
		if (value instanceof Type type) {
			return type;
		}
		if (value instanceof String s) {
			return new StringType(s);
		}
		if (value instanceof Code c) {
			return new CodeType(c.value());
		}
		if (value instanceof Ref r) {
			return new Reference(r.reference());
		}
		if (value instanceof Integer i) {
			return new IntegerType(i);
		}
		if (value instanceof Long l) {
			return new IntegerType(Math.toIntExact(l));
		}
		if (value instanceof BigDecimal d) {
			return new DecimalType(d);
		}
		if (value instanceof Double d) {
			return new DecimalType(d);
		}
		if (value instanceof LocalDate d) {
			return new DateType(d.toString());
		}
		if (value instanceof Boolean b) {
			return new BooleanType(b);
		}
		throw new IllegalArgumentException("No FHIR type for " + value.getClass().getSimpleName());
	}
}
