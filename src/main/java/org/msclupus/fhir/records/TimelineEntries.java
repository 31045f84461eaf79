package org.msclupus.fhir.records;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import org.msclupus.fhir.response.GlucocorticoidCourse;
import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.response.TimelineSink;

/**
 * A record's contributions to a time line, written down as JSON (Jackson, from the rules' own records) so that they
 * can be stored with the record and replayed into a time line later without parsing the record again. Decimals keep
 * their exact digits and scale; dates are ISO 8601.
 */
public final class TimelineEntries implements TimelineSink {

	/** Notes are for people; a long one is cut so that a record's entries stay small. */
	static final int MAX_NOTE_LENGTH = 500;

	/** One contribution: exactly one of its fields is set (m, i, c or n). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(@JsonProperty("m") Measurement measurement, @JsonProperty("i") Infusion infusion,
			@JsonProperty("c") GlucocorticoidCourse course, @JsonProperty("n") String ignored) {
	}

	/*
	 * The rules' records are written as arrays of their components in declaration order, without names: a study
	 * evaluation reads some hundred thousand rows, and names would double their size. The mix-ins keep Jackson out
	 * of the rules' package.
	 */
	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"measure", "time", "value", "status", "evidence", "upperLimit", "grades"})
	private interface MeasurementAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"date", "status", "evidence"})
	private interface InfusionAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"start", "end", "prednisoneMgPerDay", "status", "evidence"})
	private interface CourseAsArray {
	}

	private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
			.registerModule(IndexDates.module())
			.addMixIn(Measurement.class, MeasurementAsArray.class)
			.addMixIn(Infusion.class, InfusionAsArray.class)
			.addMixIn(GlucocorticoidCourse.class, CourseAsArray.class)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	private static final ObjectWriter WRITER = JSON.writerFor(Entry[].class);
	private static final ObjectReader READER = JSON.readerFor(Entry[].class);

	private final List<Entry> entries = new ArrayList<>(1);

	@Override
	public TimelineEntries measurement(Measurement m) {
		entries.add(new Entry(m, null, null, null));
		return this;
	}

	@Override
	public TimelineEntries infusion(Infusion infusion) {
		entries.add(new Entry(null, infusion, null, null));
		return this;
	}

	@Override
	public TimelineEntries course(GlucocorticoidCourse course) {
		entries.add(new Entry(null, null, course, null));
		return this;
	}

	@Override
	public TimelineEntries ignored(String note) {
		// One line, so that an explanation prints as one.
		String clean = note == null ? "" : note.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
		entries.add(new Entry(null, null, null,
				clean.length() > MAX_NOTE_LENGTH ? clean.substring(0, MAX_NOTE_LENGTH) + "…" : clean));
		return this;
	}

	public boolean isEmpty() {
		return entries.isEmpty();
	}

	/** The contributions as a JSON array; empty text when there are none. */
	public String encode() {
		if (entries.isEmpty()) {
			return "";
		}
		try {
			return WRITER.writeValueAsString(entries.toArray(Entry[]::new));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Cannot encode time line entries", e);
		}
	}

	/** Hands every contribution written by {@link #encode()} to {@code sink}, in order. */
	public static void replay(String encoded, TimelineSink sink) {
		decode(encoded).replayInto(sink);
	}

	/** The contributions written by {@link #encode()}, decoded once to be replayed many times. */
	public static TimelineEntries decode(String encoded) {
		TimelineEntries decoded = new TimelineEntries();
		if (encoded == null || encoded.isEmpty()) {
			return decoded;
		}
		try {
			decoded.entries.addAll(List.of((Entry[]) READER.readValue(encoded)));
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("Not a time line entry list: " + e.getOriginalMessage(), e);
		}
		return decoded;
	}

	/** Hands every contribution to {@code sink}, in order. */
	public void replayInto(TimelineSink sink) {
		for (Entry entry : entries) {
			if (entry.measurement() != null) {
				sink.measurement(entry.measurement());
			} else if (entry.infusion() != null) {
				sink.infusion(entry.infusion());
			} else if (entry.course() != null) {
				sink.course(entry.course());
			} else if (entry.ignored() != null) {
				sink.ignored(entry.ignored());
			}
		}
	}
}
