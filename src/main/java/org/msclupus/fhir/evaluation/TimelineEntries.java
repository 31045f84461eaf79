package org.msclupus.fhir.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.msclupus.fhir.response.BilagDomain;
import org.msclupus.fhir.response.BilagGrade;
import org.msclupus.fhir.response.GlucocorticoidCourse;
import org.msclupus.fhir.response.Infusion;
import org.msclupus.fhir.response.Measure;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.response.TimelineSink;

/**
 * A record's contributions to a time line, written down as compact text so that they can be stored with the record
 * and replayed into a time line later without parsing the record again. One line per contribution, tab-separated
 * fields; decimals keep their exact digits and scale.
 */
public final class TimelineEntries implements TimelineSink {

	/** Notes are for people; a long one is cut so that a record's entries stay small. */
	static final int MAX_NOTE_LENGTH = 500;

	private final List<String> lines = new ArrayList<>(1);

	@Override
	public TimelineEntries measurement(Measurement m) {
		String grades = m.grades().entrySet().stream()
				.map(e -> e.getKey().name() + ":" + e.getValue().name()).collect(Collectors.joining(","));
		lines.add(String.join("\t", "M", m.measure().name(), m.time().toString(), m.value().toString(),
				text(m.status()), text(m.evidence()), m.upperLimit() == null ? "" : m.upperLimit().toString(), grades));
		return this;
	}

	@Override
	public TimelineEntries infusion(Infusion infusion) {
		lines.add(String.join("\t", "I", infusion.date().toString(), text(infusion.status()), text(infusion.evidence())));
		return this;
	}

	@Override
	public TimelineEntries course(GlucocorticoidCourse c) {
		lines.add(String.join("\t", "C", c.start().toString(), c.end() == null ? "" : c.end().toString(),
				c.prednisoneMgPerDay().toString(), text(c.status()), text(c.evidence())));
		return this;
	}

	@Override
	public TimelineEntries ignored(String note) {
		String clean = text(note);
		lines.add("N\t" + (clean.length() > MAX_NOTE_LENGTH ? clean.substring(0, MAX_NOTE_LENGTH) + "…" : clean));
		return this;
	}

	public boolean isEmpty() {
		return lines.isEmpty();
	}

	public String encode() {
		return String.join("\n", lines);
	}

	/** Hands every contribution written by {@link #encode()} to {@code sink}. */
	public static void replay(String encoded, TimelineSink sink) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String line : encoded.split("\n")) {
			String[] f = line.split("\t", -1);
			switch (f[0]) {
				case "M" -> sink.measurement(new Measurement(Measure.valueOf(f[1]), LocalDateTime.parse(f[2]),
						new BigDecimal(f[3]), f[4], f[5], f[6].isEmpty() ? null : new BigDecimal(f[6]), grades(f[7])));
				case "I" -> sink.infusion(new Infusion(LocalDate.parse(f[1]), f[2], f[3]));
				case "C" -> sink.course(new GlucocorticoidCourse(LocalDate.parse(f[1]),
						f[2].isEmpty() ? null : LocalDate.parse(f[2]), new BigDecimal(f[3]), f[4], f[5]));
				case "N" -> sink.ignored(f[1]);
				default -> throw new IllegalArgumentException("Unknown time line entry: " + f[0]);
			}
		}
	}

	private static Map<BilagDomain, BilagGrade> grades(String text) {
		Map<BilagDomain, BilagGrade> grades = new EnumMap<>(BilagDomain.class);
		if (!text.isEmpty()) {
			for (String pair : text.split(",")) {
				int colon = pair.indexOf(':');
				grades.put(BilagDomain.valueOf(pair.substring(0, colon)), BilagGrade.valueOf(pair.substring(colon + 1)));
			}
		}
		return grades;
	}

	/** Tabs and line breaks separate fields and entries, so they cannot appear inside one. */
	private static String text(String value) {
		return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
	}
}
