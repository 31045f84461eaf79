package org.msclupus.fhir.cdisc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A CDISC dataset: its name (DM, ADSL), label, class and structure as Define-XML states them, its key variables, its
 * variables in order and its rows (one value per variable, typed as {@link Variable.Type} says; null is missing).
 */
public record Dataset(String name, String label, String datasetClass, String structure, List<String> keys,
		List<Variable> variables, List<Object[]> rows) {

	public Dataset {
		Objects.requireNonNull(name, "name");
		keys = List.copyOf(keys);
		variables = List.copyOf(variables);
		rows = List.copyOf(rows);
		for (Object[] row : rows) {
			if (row.length != variables.size()) {
				throw new IllegalArgumentException(name + ": a row of " + row.length + " values for "
						+ variables.size() + " variables");
			}
		}
	}

	/** Whether the dataset is ADaM (its name starts with AD), else SDTM. */
	public boolean analysis() {
		return name.startsWith("AD");
	}

	public int indexOf(String variable) {
		for (int i = 0; i < variables.size(); i++) {
			if (variables.get(i).name().equals(variable)) {
				return i;
			}
		}
		throw new IllegalArgumentException(name + " has no variable " + variable);
	}

	/**
	 * The length a character variable needs: the longest value in UTF-8 bytes, at least 1 (SAS has no empty
	 * variables); 8 for a numeric one.
	 */
	public int length(int column) {
		if (variables.get(column).numeric()) {
			return 8;
		}
		int longest = 1;
		for (Object[] row : rows) {
			if (row[column] != null) {
				longest = Math.max(longest, row[column].toString().getBytes(StandardCharsets.UTF_8).length);
			}
		}
		return longest;
	}

	/** The values of one variable, in row order. */
	public List<Object> column(String variable) {
		int i = indexOf(variable);
		return rows.stream().map(r -> r[i]).toList();
	}
}
