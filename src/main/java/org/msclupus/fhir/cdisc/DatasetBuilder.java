package org.msclupus.fhir.cdisc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Rows set by variable name, then sorted by the keys and numbered (--SEQ) within each subject. */
final class DatasetBuilder {

	private final String name;
	private final String label;
	private final String datasetClass;
	private final String structure;
	private final List<String> keys;
	private final List<Variable> variables;
	private final Map<String, Integer> index = new HashMap<>();
	private final List<Object[]> rows = new ArrayList<>();

	DatasetBuilder(String name, String label, String datasetClass, String structure, List<String> keys,
			List<Variable> variables) {
		this.name = name;
		this.label = label;
		this.datasetClass = datasetClass;
		this.structure = structure;
		this.keys = keys;
		this.variables = variables;
		for (int i = 0; i < variables.size(); i++) {
			if (index.put(variables.get(i).name(), i) != null) {
				throw new IllegalArgumentException(name + " defines " + variables.get(i).name() + " twice");
			}
		}
	}

	final class Row {
		private final Object[] values = new Object[variables.size()];

		Row set(String variable, Object value) {
			Integer at = index.get(variable);
			if (at == null) {
				throw new IllegalArgumentException(name + " has no variable " + variable);
			}
			values[at] = value instanceof String text && text.isEmpty() ? null : value;
			return this;
		}

		void add() {
			rows.add(values);
		}
	}

	Row row() {
		return new Row();
	}

	/**
	 * The dataset with its rows sorted by the keys (missing values first); {@code sequence}, when given, numbered
	 * 1, 2, ... within each USUBJID (or, without subjects, within the keys before it) in that order.
	 */
	Dataset build(String sequence) {
		List<Integer> keyColumns = keys.stream().filter(k -> !k.equals(sequence)).map(index::get)
				.filter(Objects::nonNull).toList();
		Comparator<Object[]> order = (a, b) -> 0;
		for (int column : keyColumns) {
			order = order.thenComparing(r -> r[column], DatasetBuilder::compareValues);
		}
		rows.sort(order);
		if (sequence != null) {
			// numbered within each subject; a dataset without subjects (TS) within the keys before the sequence
			List<Integer> group = index.containsKey("USUBJID") ? List.of(index.get("USUBJID"))
					: keys.subList(0, keys.indexOf(sequence)).stream().map(index::get).toList();
			int seq = index.get(sequence);
			List<Object> current = null;
			int n = 0;
			for (Object[] row : rows) {
				List<Object> key = group.stream().map(c -> row[c]).toList();
				if (!key.equals(current)) {
					current = key;
					n = 0;
				}
				row[seq] = ++n;
			}
		}
		return new Dataset(name, label, datasetClass, structure, keys, variables, rows);
	}

	Dataset build() {
		return build(null);
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private static int compareValues(Object a, Object b) {
		if (a == null || b == null) {
			return a == null ? (b == null ? 0 : -1) : 1;
		}
		if (a instanceof Number x && b instanceof Number y) {
			return Double.compare(x.doubleValue(), y.doubleValue());
		}
		if (a.getClass() == b.getClass() && a instanceof Comparable c) {
			return c.compareTo(b);
		}
		return a.toString().compareTo(b.toString());
	}
}
