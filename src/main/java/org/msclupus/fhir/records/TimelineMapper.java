package org.msclupus.fhir.records;

import org.msclupus.fhir.design.TrialCodes;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.msclupus.fhir.response.BilagDomain;
import org.msclupus.fhir.response.BilagGrade;
import org.msclupus.fhir.response.Glucocorticoid;
import org.msclupus.fhir.response.GlucocorticoidCourse;
import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.response.TimelineSink;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.design.fhir.StudySchedules;

/**
 * Turns a subject's FHIR resources into the rules' time line: picks out the trial measures by code, converts every
 * value to its canonical unit, computes prednisone-equivalent daily doses and notes what it had to leave out. It
 * makes no clinical decision: statuses, windows and thresholds are the rules' business.
 */
public final class TimelineMapper {

	/**
	 * Version of what {@link #mapRecord} produces. Raise it whenever the mapping changes (codes, units, dates): the
	 * stored {@link ResponseEvidence} rows are then rebuilt at the next start.
	 * 2: entries as JSON objects; 3: as JSON arrays; 4: rows keep the record's version (source verification);
	 * 5: molar units in any UCUM spelling or scale (umol/l, mmol/L).
	 */
	public static final int MAPPING_VERSION = 5;

	private final CanonicalUnits units;

	public TimelineMapper(CanonicalUnits units) {
		this.units = units;
	}

	/** The records of one subject held in memory (tests and tools; the server reads the evidence index). */
	public record SubjectData(ResearchSubject subject, ResearchStudy study, List<Observation> observations,
			List<MedicationAdministration> administrations, List<MedicationStatement> statements) {
	}

	/**
	 * The time line of records held in memory, by the same road the server takes for stored ones: each record's
	 * entries as the evidence index would store them ({@link #entriesOf}), replayed.
	 */
	public SubjectTimeline toTimeline(SubjectData data, LocalDate asOf) {
		SubjectTimeline.Builder timeline = timelineOf(data.subject(), data.study(), asOf);
		java.util.stream.Stream.of(data.observations(), data.administrations(), data.statements())
				.flatMap(List::stream)
				.forEach(resource -> TimelineEntries.replay(entriesOf(resource).encode(), timeline));
		return timeline.build();
	}

	/** What one record contributes, in the form the evidence index stores. */
	public TimelineEntries entriesOf(IBaseResource resource) {
		TimelineEntries entries = new TimelineEntries();
		mapRecord(resource, entries);
		return entries;
	}

	/**
	 * What one stored record contributes to its subject's time line; nothing for a record the rules do not use. The
	 * result depends on the record alone, so it can be computed when the record is written.
	 */
	public void mapRecord(IBaseResource resource, TimelineSink sink) {
		if (resource instanceof Observation observation) {
			mapObservation(observation, sink);
		} else if (resource instanceof MedicationAdministration administration) {
			mapInfusion(administration, sink);
		} else if (resource instanceof MedicationStatement statement) {
			mapCourse(statement, sink);
		}
	}

	/** Builds a time line from the subject's enrolment, the study's schedule and contributions supplied later. */
	public static SubjectTimeline.Builder timelineOf(ResearchSubject subject, ResearchStudy study, LocalDate asOf) {
		SubjectTimeline.Builder timeline = SubjectTimeline.builder(evidence(subject)).asOf(asOf)
				.studySchedule(studySchedule(study).orElse(null));
		if (subject.getPeriod().hasStart()) {
			timeline.enrolled(toLocalDateTime(subject.getPeriod().getStartElement()).toLocalDate());
		}
		return timeline;
	}

	/** For records held in memory: the shipped schedule the study names by code (the server reads its protocol). */
	static Optional<VisitSchedule> studySchedule(ResearchStudy study) {
		return StudySchedules.scheduleCode(study).flatMap(VisitSchedule::byCode);
	}

	/** A versioned reference (Observation/12/_history/3) to a stored resource. */
	public static String evidence(IBaseResource resource) {
		return resource.getIdElement().toUnqualified().getValue();
	}

	static Optional<Measure> measureOf(CodeableConcept code) {
		for (Coding coding : code.getCoding()) {
			Measure measure = TrialCodes.MEASURE_BY_CODE.get(coding.getSystem() + "|" + coding.getCode());
			if (measure != null) {
				return Optional.of(measure);
			}
		}
		return Optional.empty();
	}

	private void mapObservation(Observation observation, TimelineSink timeline) {
		Optional<Measure> measure = measureOf(observation.getCode());
		if (measure.isEmpty()) {
			return;
		}
		String ref = evidence(observation);
		Optional<LocalDateTime> time = effectiveTime(observation);
		if (time.isEmpty()) {
			timeline.ignored(ref + ": no effective date to at least the day");
			return;
		}
		String status = observation.hasStatus() ? observation.getStatus().toCode() : "unknown";
		if (measure.get() == Measure.BILAG_2004) {
			mapBilag(observation, ref, time.get(), status, timeline);
			return;
		}
		Optional<BigDecimal> value;
		String unit;
		if (observation.hasValueIntegerType()) {
			value = Optional.of(BigDecimal.valueOf(observation.getValueIntegerType().getValue()));
			unit = null;
		} else if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
			value = Optional.of(observation.getValueQuantity().getValue());
			unit = unitOf(observation.getValueQuantity());
		} else {
			if (Measurement.COUNTABLE_STATUSES.contains(status)) {
				timeline.ignored(ref + ": " + measure.get().label() + " without a numeric value");
			}
			return;
		}
		Optional<BigDecimal> canonical = units.toCanonical(measure.get(), value.get(), unit);
		if (canonical.isEmpty()) {
			if (Measurement.COUNTABLE_STATUSES.contains(status)) {
				timeline.ignored(ref + ": " + measure.get().label() + " in '" + unit + "' cannot be converted to "
						+ measure.get().canonicalUnit());
			}
			return;
		}
		BigDecimal upperLimit = observation.getReferenceRange().stream()
				.filter(r -> r.hasHigh() && r.getHigh().hasValue())
				.findFirst()
				.flatMap(r -> units.toCanonical(measure.get(), r.getHigh().getValue(), unitOf(r.getHigh())))
				.orElse(null);
		timeline.measurement(new Measurement(measure.get(), time.get(), canonical.get(), status, ref, upperLimit,
				null));
	}

	private static void mapBilag(Observation observation, String ref, LocalDateTime time, String status,
			TimelineSink timeline) {
		Map<BilagDomain, BilagGrade> grades = new EnumMap<>(BilagDomain.class);
		for (Observation.ObservationComponentComponent component : observation.getComponent()) {
			Optional<BilagDomain> domain = component.getCode().getCoding().stream()
					.filter(c -> TrialCodes.LUPUS_TRIAL.equals(c.getSystem()))
					.map(c -> BilagDomain.byCode(c.getCode())).flatMap(Optional::stream).findFirst();
			Optional<BilagGrade> grade = component.hasValueCodeableConcept()
					? component.getValueCodeableConcept().getCoding().stream()
							.filter(c -> TrialCodes.BILAG_GRADE.equals(c.getSystem()))
							.map(c -> gradeOf(c.getCode())).flatMap(Optional::stream).findFirst()
					: Optional.empty();
			if (domain.isPresent() && grade.isPresent()) {
				grades.put(domain.get(), grade.get());
			}
		}
		int total = grades.values().stream().mapToInt(BilagGrade::score).sum();
		timeline.measurement(new Measurement(Measure.BILAG_2004, time, BigDecimal.valueOf(total), status, ref, null,
				grades));
	}

	private static Optional<BilagGrade> gradeOf(String code) {
		try {
			return Optional.of(BilagGrade.valueOf(code));
		} catch (IllegalArgumentException | NullPointerException e) {
			return Optional.empty();
		}
	}

	private static void mapInfusion(MedicationAdministration administration, TimelineSink timeline) {
		if (!isMscProduct(administration)) {
			return;
		}
		Optional<Infusion> infusion = infusionOf(administration);
		if (infusion.isEmpty()) {
			timeline.ignored(evidence(administration) + ": MSC infusion without a date");
			return;
		}
		timeline.infusion(infusion.get());
	}

	/**
	 * An MSC administration as the time line knows it: the day it started, as the sender wrote it, and its status;
	 * empty without a date to at least the day. Every operation reads infusions this way, so day 0 is one date.
	 */
	public static Optional<Infusion> infusionOf(MedicationAdministration administration) {
		Optional<LocalDateTime> time = administration.hasEffectiveDateTimeType()
				? toDay(administration.getEffectiveDateTimeType())
				: administration.hasEffectivePeriod() ? toDay(administration.getEffectivePeriod().getStartElement())
						: Optional.empty();
		String status = administration.hasStatus() ? administration.getStatus().toCode() : "unknown";
		return time.map(t -> new Infusion(t.toLocalDate(), status, evidence(administration)));
	}

	/** Whether the administration gives the UC-MSC product, coded directly or as a contained Medication. */
	public static boolean isMscProduct(MedicationAdministration administration) {
		if (administration.hasMedicationCodeableConcept()) {
			return isMscCode(administration.getMedicationCodeableConcept());
		}
		if (administration.hasMedicationReference()) {
			String reference = administration.getMedicationReference().getReference();
			for (Resource contained : administration.getContained()) {
				if (contained instanceof Medication medication && reference != null
						&& reference.equals("#" + contained.getIdPart())) {
					return isMscCode(medication.getCode());
				}
			}
		}
		return false;
	}

	private static boolean isMscCode(CodeableConcept concept) {
		return concept.getCoding().stream()
				.anyMatch(c -> TrialCodes.LUPUS_TRIAL.equals(c.getSystem()) && TrialCodes.UC_MSC.equals(c.getCode()));
	}

	/** The prednisone-equivalent factor of a statement's glucocorticoid; empty when it names none the rules know. */
	public static Optional<BigDecimal> prednisoneEquivalent(MedicationStatement statement) {
		if (!statement.hasMedicationCodeableConcept()) {
			return Optional.empty();
		}
		return statement.getMedicationCodeableConcept().getCoding().stream()
				.filter(c -> TrialCodes.RXNORM.equals(c.getSystem()) && c.getCode() != null)
				.map(c -> Glucocorticoid.byRxNorm(c.getCode())).flatMap(Optional::stream)
				.map(Glucocorticoid::prednisoneEquivalent).findFirst();
	}

	/** The prednisone-equivalent daily dose in mg a glucocorticoid statement gives, as the response rules count it. */
	public Optional<BigDecimal> prednisoneMgPerDay(MedicationStatement statement) {
		Optional<BigDecimal> equivalent = prednisoneEquivalent(statement);
		return equivalent.flatMap(e -> dailyDoseMg(statement.getDosage()).map(d -> d.multiply(e)));
	}

	private void mapCourse(MedicationStatement statement, TimelineSink timeline) {
		Optional<BigDecimal> equivalent = prednisoneEquivalent(statement);
		if (equivalent.isEmpty()) {
			return; // not a glucocorticoid
		}
		String ref = evidence(statement);
		String status = statement.hasStatus() ? statement.getStatus().toCode() : "unknown";
		Optional<LocalDate> start;
		LocalDate end = null;
		if (statement.hasEffectivePeriod()) {
			Period period = statement.getEffectivePeriod();
			start = period.hasStart() ? toDay(period.getStartElement()).map(LocalDateTime::toLocalDate) : Optional.empty();
			end = period.hasEnd() ? toDay(period.getEndElement()).map(LocalDateTime::toLocalDate).orElse(null) : null;
		} else if (statement.hasEffectiveDateTimeType()) {
			start = toDay(statement.getEffectiveDateTimeType()).map(LocalDateTime::toLocalDate);
			end = start.orElse(null);
		} else {
			start = Optional.empty();
		}
		if (start.isEmpty()) {
			timeline.ignored(ref + ": glucocorticoid statement without a start date");
			return;
		}
		Optional<BigDecimal> daily = dailyDoseMg(statement.getDosage());
		if (daily.isEmpty()) {
			timeline.ignored(ref + ": glucocorticoid statement without a daily dose in mg or mg/d");
			return;
		}
		timeline.course(new GlucocorticoidCourse(start.get(), end, daily.get().multiply(equivalent.get()), status,
				ref));
	}

	/**
	 * The daily dose in mg of the first dosage: a rate in mg/d, or a dose in mg times the timing's frequency per
	 * period (once a day without timing).
	 */
	Optional<BigDecimal> dailyDoseMg(List<Dosage> dosages) {
		if (dosages.isEmpty() || !dosages.get(0).hasDoseAndRate()) {
			return Optional.empty();
		}
		Dosage dosage = dosages.get(0);
		Dosage.DosageDoseAndRateComponent doseAndRate = dosage.getDoseAndRateFirstRep();
		if (doseAndRate.hasRateQuantity()) {
			Quantity rate = doseAndRate.getRateQuantity();
			return rate.hasValue()
					? units.toCanonical(Measure.GLUCOCORTICOID_DOSE, rate.getValue(), unitOf(rate))
					: Optional.empty();
		}
		if (!doseAndRate.hasDoseQuantity() || !doseAndRate.getDoseQuantity().hasValue()) {
			return Optional.empty();
		}
		Quantity dose = doseAndRate.getDoseQuantity();
		Optional<BigDecimal> mg = "mg".equals(unitOf(dose)) ? Optional.of(dose.getValue()) : Optional.empty();
		if (mg.isEmpty()) {
			return Optional.empty();
		}
		Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
		if (!dosage.hasTiming() || !dosage.getTiming().hasRepeat() || !repeat.hasFrequency()) {
			return mg;
		}
		BigDecimal perPeriod = mg.get().multiply(BigDecimal.valueOf(repeat.getFrequency()));
		if (!repeat.hasPeriod()) {
			return Optional.of(perPeriod);
		}
		Optional<BigDecimal> periodDays = units.toCanonicalDays(repeat.getPeriod(),
				repeat.hasPeriodUnit() ? repeat.getPeriodUnit().toCode() : "d");
		if (periodDays.isEmpty() || periodDays.get().signum() == 0) {
			return Optional.empty();
		}
		return Optional.of(perPeriod.divide(periodDays.get(), MathContext.DECIMAL64));
	}

	private static String unitOf(Quantity quantity) {
		return quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
	}

	/**
	 * The day an Observation counts on, for every rule that reads one (response, safety, eligibility, source-data
	 * review): see {@link #effectiveTime}.
	 */
	public static Optional<LocalDate> effectiveDay(Observation observation) {
		return effectiveTime(observation).map(LocalDateTime::toLocalDate);
	}

	/** effectiveDateTime or effectiveInstant, or the end of an effectivePeriod (a 24-hour collection ends then). */
	static Optional<LocalDateTime> effectiveTime(Observation observation) {
		if (observation.hasEffectiveDateTimeType()) {
			return toDay(observation.getEffectiveDateTimeType());
		}
		if (observation.hasEffectiveInstantType()) {
			return toDay(observation.getEffectiveInstantType());
		}
		if (observation.hasEffectivePeriod()) {
			Period period = observation.getEffectivePeriod();
			return period.hasEnd() ? toDay(period.getEndElement()) : toDay(period.getStartElement());
		}
		return Optional.empty();
	}

	/** The local date and time as written (in the sender's own offset); empty when less precise than a day. */
	public static Optional<LocalDateTime> toDay(BaseDateTimeType value) {
		if (value == null || value.getValue() == null
				|| value.getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
			return Optional.empty();
		}
		return Optional.of(toLocalDateTime(value));
	}

	private static LocalDateTime toLocalDateTime(BaseDateTimeType value) {
		Integer hour = value.getHour();
		Integer minute = value.getMinute();
		Integer second = value.getSecond();
		return LocalDateTime.of(value.getYear(), value.getMonth() + 1, value.getDay(), hour == null ? 0 : hour,
				minute == null ? 0 : minute, second == null ? 0 : second);
	}
}
