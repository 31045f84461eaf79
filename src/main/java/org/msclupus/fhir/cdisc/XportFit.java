package org.msclupus.fhir.cdisc;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What SAS XPORT version 5 cannot carry, made to fit and reported, never cut silently.
 * <ul>
 * <li>A character value over 200 bytes is split at 200-byte boundaries (before the last blank within them, when
 * there is one). In an SDTM domain with subjects, the parts after the first go to its SUPP-- dataset as QNAM {@code VAR1},
 * {@code VAR2} (the variable's name cut to 7 characters plus a digit), keyed by --SEQ (SDTMIG 3.4, 4.5.3.2); in
 * other datasets (TS, the ADaM datasets) to new variables {@code VAR1}, {@code VAR2} after the variable.</li>
 * <li>A character outside ASCII is written as its ASCII letter without accents when it has one, else as {@code ?}:
 * XPORT has no encoding. The Dataset-JSON form of the same export keeps the original.</li>
 * </ul>
 */
public final class XportFit {

	static final int MAX = 200;

	private XportFit() {
	}

	/** The datasets made to fit, SUPP-- datasets added or extended as needed, and one warning per change. */
	public record Fitted(List<Dataset> datasets, List<String> warnings) {
	}

	public static Fitted fit(List<Dataset> datasets) {
		List<String> warnings = new ArrayList<>();
		Map<String, Dataset> byName = new LinkedHashMap<>();
		datasets.forEach(d -> byName.put(d.name(), d));
		Map<String, List<Object[]>> extraSupp = new LinkedHashMap<>();
		for (Dataset d : datasets) {
			byName.put(d.name(), fitOne(d, warnings, extraSupp));
		}
		for (Map.Entry<String, List<Object[]>> e : extraSupp.entrySet()) {
			String supp = "SUPP" + e.getKey();
			Dataset existing = byName.get(supp);
			Supplemental template = new Supplemental(e.getKey());
			Dataset base = existing != null ? existing : template.build();
			List<Object[]> rows = new ArrayList<>(base.rows());
			rows.addAll(e.getValue());
			byName.put(supp, new Dataset(base.name(), base.label(), base.datasetClass(), base.structure(),
					base.keys(), base.variables(), rows));
		}
		return new Fitted(List.copyOf(byName.values()), warnings);
	}

	private static Dataset fitOne(Dataset d, List<String> warnings, Map<String, List<Object[]>> extraSupp) {
		List<Object[]> rows = new ArrayList<>(d.rows().size());
		for (Object[] row : d.rows()) {
			rows.add(row.clone());
		}
		for (int c = 0; c < d.variables().size(); c++) {
			if (d.variables().get(c).numeric()) {
				continue;
			}
			for (int r = 0; r < rows.size(); r++) {
				Object value = rows.get(r)[c];
				if (value instanceof String text && !ascii(text)) {
					rows.get(r)[c] = toAscii(text);
					warnings.add(d.name() + "." + d.variables().get(c).name() + " row " + (r + 1) + ": '" + text
							+ "' has characters outside ASCII; the XPT file holds '" + rows.get(r)[c]
							+ "' (the Dataset-JSON form keeps the original)");
				}
			}
		}
		List<Variable> variables = new ArrayList<>(d.variables());
		boolean supplemental = !d.analysis() && d.variables().stream().anyMatch(v -> v.name().equals("USUBJID"))
				&& d.variables().stream().anyMatch(v -> v.name().equals(d.name() + "SEQ"));
		for (int c = variables.size() - 1; c >= 0; c--) {
			Variable v = variables.get(c);
			int column = c;
			if (v.numeric() || rows.stream().noneMatch(r -> r[column] != null
					&& ((String) r[column]).getBytes(StandardCharsets.US_ASCII).length > MAX)) {
				continue;
			}
			String stem = v.name().length() > 7 ? v.name().substring(0, 7) : v.name();
			int parts = 1;
			List<List<String>> split = new ArrayList<>();
			for (Object[] row : rows) {
				List<String> pieces = split((String) row[column]);
				split.add(pieces);
				parts = Math.max(parts, pieces.size());
			}
			for (int r = 0; r < rows.size(); r++) {
				List<String> pieces = split.get(r);
				if (pieces.size() > 1) {
					warnings.add(d.name() + "." + v.name() + " row " + (r + 1) + ": " + ((String) rows.get(r)[column])
							.length() + " characters, over XPORT's 200; split into " + v.name() + " and "
							+ (supplemental ? "SUPP" + d.name() + " QNAM " : "") + stem + "1"
							+ (pieces.size() > 2 ? ".." + stem + (pieces.size() - 1) : ""));
				}
				rows.get(r)[column] = pieces.isEmpty() ? null : pieces.get(0);
			}
			if (supplemental) {
				int usubjid = d.indexOf("USUBJID");
				int seq = d.indexOf(d.name() + "SEQ");
				for (int r = 0; r < rows.size(); r++) {
					List<String> pieces = split.get(r);
					for (int p = 1; p < pieces.size(); p++) {
						Object[] row = rows.get(r);
						extraSupp.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(new Object[] {row[0],
								d.name(), row[usubjid], d.name() + "SEQ", String.valueOf(row[seq]), stem + p,
								truncate(v.label() + " " + p), pieces.get(p), "Collected"});
					}
				}
			} else {
				for (int p = parts - 1; p >= 1; p--) {
					variables.add(c + 1, new Variable(stem + p, truncate(v.label() + " " + p), Variable.Type.TEXT,
							v.origin(), v.method()));
					for (int r = 0; r < rows.size(); r++) {
						List<String> pieces = split.get(r);
						Object[] row = rows.get(r);
						Object[] widened = new Object[row.length + 1];
						System.arraycopy(row, 0, widened, 0, c + 1);
						widened[c + 1] = p < pieces.size() ? pieces.get(p) : null;
						System.arraycopy(row, c + 1, widened, c + 2, row.length - c - 1);
						rows.set(r, widened);
					}
				}
			}
		}
		return new Dataset(d.name(), d.label(), d.datasetClass(), d.structure(), d.keys(), variables, rows);
	}

	/** Pieces of at most 200 bytes, each ending before the last blank within the limit when there is one. */
	static List<String> split(String text) {
		List<String> pieces = new ArrayList<>();
		if (text == null) {
			return pieces;
		}
		String rest = text;
		while (rest.length() > MAX) {
			// the blank starts the next piece: SAS drops trailing blanks, never leading ones
			int cut = rest.lastIndexOf(' ', MAX);
			cut = cut <= 0 ? MAX : cut;
			pieces.add(rest.substring(0, cut));
			rest = rest.substring(cut);
		}
		pieces.add(rest);
		return pieces;
	}

	static boolean ascii(String text) {
		return text.chars().allMatch(ch -> ch < 128);
	}

	static String toAscii(String text) {
		String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		StringBuilder out = new StringBuilder(stripped.length());
		stripped.codePoints().forEach(cp -> out.append(cp < 128 ? (char) cp : '?'));
		return out.toString();
	}

	private static String truncate(String label) {
		return label.length() > 40 ? label.substring(0, 40) : label;
	}
}
