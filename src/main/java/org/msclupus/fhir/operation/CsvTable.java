package org.msclupus.fhir.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV every operation writes: RFC 4180 (CRLF line ends, a field quoted only when it needs to be), one header
 * row, empty fields for absent values. Written by commons-csv, so quoting and escaping are a library's.
 */
public final class CsvTable {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setNullString("").build();

	private final StringBuilder text = new StringBuilder();
	private final CSVPrinter printer;
	private final int columns;

	public CsvTable(List<String> header) {
		this.columns = header.size();
		try {
			this.printer = new CSVPrinter(text, FORMAT);
			printer.printRecord(header);
		} catch (IOException e) {
			throw new UncheckedIOException(e); // a StringBuilder does not fail
		}
	}

	/** Adds one row; values are written with {@code toString()}, nulls as empty fields. */
	public CsvTable row(Object... values) {
		if (values.length != columns) {
			throw new IllegalArgumentException("A row of " + values.length + " fields for " + columns + " columns");
		}
		try {
			printer.printRecord(values);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return this;
	}

	@Override
	public String toString() {
		return text.toString();
	}
}
