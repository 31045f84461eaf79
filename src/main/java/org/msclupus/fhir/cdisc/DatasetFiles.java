package org.msclupus.fhir.cdisc;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@link Dataset} as Dataset-JSON, its NDJSON form or SAS XPORT, with one set of metadata for all three. */
public final class DatasetFiles {

	/** SAS counts dates in days from 1960-01-01. */
	static final LocalDate SAS_EPOCH = LocalDate.of(1960, 1, 1);

	/** What every file of one export states: when, for which study, by which system. */
	public record Context(LocalDateTime created, String studyOid, String metaDataVersionOid, String originator,
			String systemName, String systemVersion) {
	}

	private DatasetFiles() {
	}

	/** Writes a dataset; an XPT dataset must have been through {@link XportFit}. */
	public static void write(OutputStream target, Dataset dataset, ExportFormat format, Context context)
			throws IOException {
		OutputStream out = new java.io.FilterOutputStream(target) {
			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				target.write(b, off, len);
			}

			@Override
			public void close() throws IOException {
				flush(); // the target (a zip entry) stays open for the next file
			}
		};
		switch (format) {
			case DATASET_JSON -> DatasetJsonWriter.write(out, metadata(dataset, context), columns(dataset),
					jsonRows(dataset));
			case NDJSON -> DatasetJsonWriter.writeNdjson(out, metadata(dataset, context), columns(dataset),
					jsonRows(dataset));
			case XPT -> XportWriter.write(out, dataset.name(), dataset.label(), xptVariables(dataset),
					xptRows(dataset), context.created(), context.created(), XportWriter.Origin.THIS_SERVER);
		}
	}

	public static String itemGroupOid(Dataset dataset) {
		return "IG." + dataset.name();
	}

	public static String itemOid(Dataset dataset, Variable variable) {
		return "IT." + dataset.name() + "." + variable.name();
	}

	private static DatasetJsonWriter.Dataset metadata(Dataset d, Context c) {
		return new DatasetJsonWriter.Dataset(c.created(), c.studyOid() + "." + d.name(), null, c.originator(),
				c.systemName(), c.systemVersion(), c.studyOid(), c.metaDataVersionOid(), "define.xml",
				itemGroupOid(d), d.name(), d.label());
	}

	private static List<DatasetJsonWriter.Column> columns(Dataset d) {
		List<DatasetJsonWriter.Column> columns = new ArrayList<>();
		for (int i = 0; i < d.variables().size(); i++) {
			Variable v = d.variables().get(i);
			int key = d.keys().indexOf(v.name());
			Integer keySequence = key < 0 ? null : key + 1;
			columns.add(switch (v.type()) {
				case TEXT -> new DatasetJsonWriter.Column(itemOid(d, v), v.name(), v.label(), "string", null,
						d.length(i), null, keySequence);
				case INTEGER -> new DatasetJsonWriter.Column(itemOid(d, v), v.name(), v.label(), "integer", null,
						null, null, keySequence);
				case FLOAT -> new DatasetJsonWriter.Column(itemOid(d, v), v.name(), v.label(), "double", null, null,
						null, keySequence);
				case DATE -> new DatasetJsonWriter.Column(itemOid(d, v), v.name(), v.label(), "date", "integer",
						null, "DATE9.", keySequence);
			});
		}
		return columns;
	}

	private static List<Object[]> jsonRows(Dataset d) {
		List<Object[]> rows = new ArrayList<>(d.rows().size());
		for (Object[] row : d.rows()) {
			Object[] out = row.clone();
			for (int i = 0; i < out.length; i++) {
				if (out[i] instanceof LocalDate date) {
					out[i] = date.toString();
				}
			}
			rows.add(out);
		}
		return rows;
	}

	private static List<XportWriter.Variable> xptVariables(Dataset d) {
		List<XportWriter.Variable> variables = new ArrayList<>();
		for (int i = 0; i < d.variables().size(); i++) {
			Variable v = d.variables().get(i);
			variables.add(switch (v.type()) {
				case TEXT -> XportWriter.Variable.text(v.name(), v.label(), d.length(i));
				case INTEGER, FLOAT -> XportWriter.Variable.number(v.name(), v.label());
				case DATE -> new XportWriter.Variable(v.name(), v.label(), true, 8, "DATE", 9, 0);
			});
		}
		return variables;
	}

	private static List<Object[]> xptRows(Dataset d) {
		List<Object[]> rows = new ArrayList<>(d.rows().size());
		for (Object[] row : d.rows()) {
			Object[] out = row.clone();
			for (int i = 0; i < out.length; i++) {
				if (out[i] instanceof LocalDate date) {
					out[i] = ChronoUnit.DAYS.between(SAS_EPOCH, date);
				} else if (out[i] instanceof BigDecimal decimal) {
					out[i] = decimal.doubleValue();
				}
			}
			rows.add(out);
		}
		return rows;
	}
}
