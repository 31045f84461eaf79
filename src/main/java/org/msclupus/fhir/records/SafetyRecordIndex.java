package org.msclupus.fhir.records;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.SafetyRecord;
import org.msclupus.fhir.store.PatientReferences;

/**
 * Keeps {@link SafetyRecordRow} in step with the records, as {@link ResponseEvidenceIndex} does for the response
 * rules: a storage interceptor that takes each adverse event, Observation and MedicationAdministration's {@link
 * SafetyRecord} as it is created, updated or deleted, inside the writing transaction. Also reads the rows of a set of
 * patients for a safety summary. Must run inside a transaction.
 */
public class SafetyRecordIndex implements RecordIndex {

	static final Set<String> INDEXED_TYPES = Set.of("AdverseEvent", "Observation", "MedicationAdministration");

	/** Raise when {@link SafetyMapper#recordOf} or {@link SafetyRecord} change what a row holds: rows are rebuilt. */
	// 2: arrays instead of objects; 3: one day per Observation, one code list per test, events' own day;
	// 4: creatinine graded in any UCUM spelling or scale of its molar unit
	static final int MAPPING_VERSION = 4;

	/*
	 * The rules' records are written as arrays of their components in declaration order, without names, as the
	 * response evidence is (TimelineEntries): a summary of a large study reads some ten thousand rows. The mix-ins
	 * keep Jackson out of the rules' package.
	 */
	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"event", "dose", "lab", "vitals", "graded"})
	@JsonIgnoreProperties("empty")
	private interface RecordAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"details", "studies", "suspects", "product"})
	private interface EventAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"infusion", "completedStart", "number"})
	private interface DoseAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"reference", "start", "day", "serious", "grade", "relatedness", "fatal", "expected", "codes",
			"term"})
	@JsonIgnoreProperties("death")
	private interface AdverseEventAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"reference", "lab", "date", "value", "low", "high"})
	private interface LabResultAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"reference", "sign", "date", "value"})
	private interface VitalValueAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"reference", "term", "loinc", "date", "value", "limit"})
	private interface GradedLabAsArray {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({"date", "status", "evidence"})
	private interface InfusionAsArray {
	}

	private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
			.registerModule(IndexDates.module())
			.addMixIn(SafetyRecord.class, RecordAsArray.class)
			.addMixIn(SafetyRecord.Event.class, EventAsArray.class)
			.addMixIn(SafetyRecord.Dose.class, DoseAsArray.class)
			.addMixIn(SafetyData.AdverseEvent.class, AdverseEventAsArray.class)
			.addMixIn(SafetyData.LabResult.class, LabResultAsArray.class)
			.addMixIn(SafetyData.VitalValue.class, VitalValueAsArray.class)
			.addMixIn(SafetyData.GradedLab.class, GradedLabAsArray.class)
			.addMixIn(org.msclupus.fhir.design.Infusion.class, InfusionAsArray.class)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	private static final ObjectWriter WRITER = JSON.writerFor(SafetyRecord.class);
	private static final ObjectReader READER = JSON.readerFor(SafetyRecord.class);

	private final EntityManager entityManager;
	private final SafetyMapper mapper;
	private final Marker<SafetyRecordRow> marker;

	public SafetyRecordIndex(EntityManager entityManager, SafetyMapper mapper) {
		this.entityManager = entityManager;
		this.mapper = mapper;
		this.marker = new Marker<>(entityManager, SafetyRecordRow.class,
				() -> new SafetyRecordRow(MARKER_KEY, "$", null, "-", MAPPING_VERSION));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		index(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		index(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (INDEXED_TYPES.contains(resource.fhirType())) {
			SafetyRecordRow row = entityManager.find(SafetyRecordRow.class, ResponseEvidenceIndex.keyOf(resource));
			if (row != null) {
				entityManager.remove(row);
			}
		}
	}

	/**
	 * Writes (or removes) the row of one record's current version. Looks for an existing row even on create: a
	 * deleted id can be created again, and a rebuild on another node may have written the row already.
	 */
	@Override
	public void index(IBaseResource resource) {
		if (!INDEXED_TYPES.contains(resource.fhirType())) {
			return;
		}
		String patient = PatientReferences.patientOf(resource);
		SafetyRecord facts = patient == null ? SafetyRecord.NONE : mapper.recordOf(resource);
		String key = ResponseEvidenceIndex.keyOf(resource);
		SafetyRecordRow row = entityManager.find(SafetyRecordRow.class, key);
		if (facts.isEmpty()) {
			if (row != null) {
				entityManager.remove(row); // no longer used by the summary, or no longer a patient's
			}
		} else if (row == null) {
			entityManager.persist(new SafetyRecordRow(key, patient, ResponseEvidenceIndex.versionOf(resource),
					encode(facts), MAPPING_VERSION));
		} else {
			row.update(patient, ResponseEvidenceIndex.versionOf(resource), encode(facts), MAPPING_VERSION);
		}
	}

	/** One record's row: its key ({@code AdverseEvent/1}), the version its facts are of, and the facts. */
	public record Row(String key, long version, SafetyRecord facts) {
	}

	/** The rows of every indexed record of these patients, by patient id, each patient's in key order. */
	public Map<String, List<Row>> rowsOf(Collection<String> patientIds) {
		Map<String, List<Row>> byPatient = new HashMap<>();
		for (RowValues row : RecordIndex.rowsOf(entityManager, SafetyRecordRow.class, patientIds)) {
			byPatient.computeIfAbsent(row.patientId(), k -> new ArrayList<>())
					.add(new Row(row.key(), row.version(), decode(row.body())));
		}
		// In key order, so that a subject's facts reach the summary in the same order at every call.
		byPatient.values().forEach(rows -> rows.sort(java.util.Comparator.comparing(Row::key)));
		return byPatient;
	}

	static String encode(SafetyRecord facts) {
		try {
			return WRITER.writeValueAsString(facts);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Cannot encode a record's safety facts", e);
		}
	}

	static SafetyRecord decode(String encoded) {
		try {
			return READER.readValue(encoded);
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("Not a record's safety facts: " + e.getOriginalMessage(), e);
		}
	}

	@Override
	public String name() {
		return "safety record index";
	}

	@Override
	public Set<String> types() {
		return INDEXED_TYPES;
	}

	@Override
	public int mappingVersion() {
		return MAPPING_VERSION;
	}

	@Override
	public Marker<?> marker() {
		return marker;
	}
}
