package org.msclupus.fhir.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.design.Day0;
import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.LabToxicity;
import org.msclupus.fhir.safety.SafetyLab;
import org.msclupus.fhir.safety.SafetyRecord;
import org.msclupus.fhir.safety.VitalSign;

/**
 * Takes what the safety summary needs out of a subject's FHIR records: completed MSC infusions, actual adverse events
 * of this study (or of no study), and safety laboratory values with a reference range.
 */
public class SafetyMapper {

	static final String CTCAE_GRADE = TrialCodes.BASE + "/StructureDefinition/ctcae-grade";
	static final String INFUSION_NUMBER = TrialCodes.BASE + "/StructureDefinition/infusion-number";
	static final String CAUSALITY = "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess";
	static final String SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";
	public static final String OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome";

	private final CanonicalUnits units;

	public SafetyMapper(CanonicalUnits units) {
		this.units = units;
	}

	/** @param asOf the cut-off date: an infusion or enrolment after it has not happened yet (day 0 is {@link Day0}'s) */
	public SafetyData.Subject subject(ResearchSubject subject, String studyId, List<IBaseResource> records,
			LocalDate asOf) {
		return subject(subject, studyId, asOf, records.stream().map(this::recordOf).toList());
	}

	/** A subject's safety data from the facts of its records (read from the safety index, or just taken). */
	public static SafetyData.Subject subject(ResearchSubject subject, String studyId, LocalDate asOf,
			List<SafetyRecord> records) {
		LocalDate enrolled = subject.getPeriod().hasStart() ? dateOf(subject.getPeriod().getStartElement()) : null;
		return SafetyRecord.subject(subject.getIdElement().toUnqualifiedVersionless().getValue(),
				subject.getAssignedArm(), enrolled, asOf, studyId, records);
	}

	/** What the safety summary takes of one record, whatever study it is read for; {@link SafetyRecord#NONE} if nothing. */
	public SafetyRecord recordOf(IBaseResource record) {
		if (record instanceof AdverseEvent event) {
			return eventOf(event).map(e -> new SafetyRecord(e, null, null, List.of(), null)).orElse(SafetyRecord.NONE);
		}
		if (record instanceof Observation observation) {
			return new SafetyRecord(null, null, labResult(observation).orElse(null), vitalValues(observation),
					gradedLab(observation).orElse(null));
		}
		if (record instanceof MedicationAdministration administration) {
			return doseOf(administration).map(d -> new SafetyRecord(null, d, null, List.of(), null))
					.orElse(SafetyRecord.NONE);
		}
		return SafetyRecord.NONE;
	}

	/** Whether the summary of this study counts the record: an event of it, a graded laboratory value, a vital sign, an MSC infusion. */
	public boolean uses(IBaseResource record, String studyId) {
		return recordOf(record).usedBy(studyId);
	}

	/** Completed MSC infusions in time order, numbered by their extension or else by their order. */
	public static List<SafetyData.Infusion> infusions(List<IBaseResource> records) {
		return SafetyRecord.infusions(records.stream().filter(MedicationAdministration.class::isInstance)
				.map(r -> doseOf((MedicationAdministration) r)).flatMap(Optional::stream)
				.map(d -> new SafetyRecord(null, d, null, List.of(), null)).toList());
	}

	/** An MSC infusion with a date; empty for another administration. */
	static Optional<SafetyRecord.Dose> doseOf(MedicationAdministration administration) {
		if (!TimelineMapper.isMscProduct(administration)) {
			return Optional.empty();
		}
		return TimelineMapper.infusionOf(administration).map(infusion -> {
			Instant completedStart = administration.getStatus()
					== MedicationAdministration.MedicationAdministrationStatus.COMPLETED
					? startOf(administration).orElse(null) : null;
			Integer number = administration.getExtensionByUrl(INFUSION_NUMBER) != null
					&& administration.getExtensionByUrl(INFUSION_NUMBER).getValue() instanceof PositiveIntType n
					&& n.getValue() != null ? n.getValue() : null;
			return new SafetyRecord.Dose(infusion, completedStart, number);
		});
	}

	private static Optional<Instant> startOf(MedicationAdministration administration) {
		if (administration.hasEffectiveDateTimeType()) {
			return instantOf(administration.getEffectiveDateTimeType());
		}
		return administration.hasEffectivePeriod() ? instantOf(administration.getEffectivePeriod().getStartElement())
				: Optional.empty();
	}

	/** An event of this study, or of no study (an EHR's event of a trial patient). */
	public static boolean belongsTo(AdverseEvent event, String studyId) {
		return !event.hasStudy() || event.getStudy().stream()
				.anyMatch(s -> studyId.equals(s.getReferenceElement().getIdPart()));
	}

	/**
	 * Whether the event is serious: R4's {@code Serious} or THO's {@code serious}; null when the seriousness is not
	 * recorded in either code system's spelling.
	 */
	public static Boolean seriousness(AdverseEvent event) {
		return codeIn(event.getSeriousness(), SERIOUSNESS).map(c -> switch (c) {
			case "Serious", "serious" -> Boolean.TRUE; // R4's code, and THO's since
			case "Non-serious", "non-serious" -> Boolean.FALSE;
			default -> null;
		}).orElse(null);
	}

	/**
	 * Whether the record is of an event that happened: a potential one (a near miss) is no adverse event, for the
	 * safety summary, the AE dataset and the serious-event notification alike.
	 */
	public static boolean happened(AdverseEvent event) {
		return event.getActuality() != AdverseEvent.AdverseEventActuality.POTENTIAL;
	}

	public static Optional<SafetyData.AdverseEvent> adverseEvent(AdverseEvent event, Set<String> infusionIds) {
		return eventOf(event).map(e -> e.withInfusions(infusionIds));
	}

	/** An actual, dated adverse event, its relatedness left to be worked out against the subject's infusions. */
	static Optional<SafetyRecord.Event> eventOf(AdverseEvent event) {
		if (!happened(event) || !event.hasDateElement()) {
			return Optional.empty(); // an undated event cannot be placed on the time line
		}
		Optional<Instant> start = instantOf(event.getDateElement());
		LocalDate day = dateOf(event.getDateElement());
		if (start.isEmpty() || day == null) {
			return Optional.empty();
		}
		Boolean serious = seriousness(event);
		Integer grade = event.getExtensionByUrl(CTCAE_GRADE) != null
				&& event.getExtensionByUrl(CTCAE_GRADE).getValue() instanceof IntegerType g && g.getValue() != null
				&& g.getValue() >= 1 && g.getValue() <= 5 ? g.getValue() : null;
		boolean fatal = codeIn(event.getOutcome(), OUTCOME).filter("fatal"::equals).isPresent();
		Boolean expected = event.getExtensionByUrl(TrialCodes.EXPECTED_IN_RESEARCH_STUDY_EXTENSION) != null
				&& event.getExtensionByUrl(TrialCodes.EXPECTED_IN_RESEARCH_STUDY_EXTENSION).getValue() instanceof BooleanType b
				? b.getValue() : null;
		List<String> codes = event.getEvent().getCoding().stream().filter(c -> c.hasSystem() && c.hasCode())
				.map(c -> c.getSystem() + "|" + c.getCode()).toList();
		String term = event.getEvent().hasText() ? event.getEvent().getText()
				: event.getEvent().getCoding().stream().filter(c -> c.hasDisplay()).map(c -> c.getDisplay())
						.findFirst().orElse(null);
		List<String> studies = event.getStudy().stream().map(s -> s.getReferenceElement().getIdPart())
				.filter(java.util.Objects::nonNull).distinct().toList();
		if (event.hasStudy() && studies.isEmpty()) {
			studies = List.of("$none"); // names a study, but none by id: of no study this server holds
		}
		return Optional.of(new SafetyRecord.Event(new SafetyData.AdverseEvent(reference(event), start.get(), day, serious,
				grade, SafetyData.Relatedness.UNKNOWN, fatal, expected, codes, term), studies, suspects(event),
				productRelatedness(event)));
	}

	/**
	 * The strongest causality assessed against each suspect record, by the suspect's id (the subject's MSC infusions
	 * among them count).
	 */
	static Map<String, SafetyData.Relatedness> suspects(AdverseEvent event) {
		Map<String, SafetyData.Relatedness> byTarget = new java.util.HashMap<>();
		for (AdverseEvent.AdverseEventSuspectEntityComponent suspect : event.getSuspectEntity()) {
			String target = suspect.getInstance().getReferenceElement().getIdPart();
			if (target == null) {
				continue;
			}
			SafetyData.Relatedness strongest = byTarget.getOrDefault(target, SafetyData.Relatedness.UNKNOWN);
			for (AdverseEvent.AdverseEventSuspectEntityCausalityComponent causality : suspect.getCausality()) {
				strongest = SafetyRecord.stronger(strongest, assessed(causality.getAssessment()));
			}
			byTarget.put(target, strongest);
		}
		return byTarget;
	}

	/**
	 * The strongest causality assessed against the cell product itself (a BiologicallyDerivedProduct named by the AE
	 * Clinical Research IG's suspect-entity extension, whose entityRelatedness is read with the same causality codes).
	 */
	static SafetyData.Relatedness productRelatedness(AdverseEvent event) {
		SafetyData.Relatedness strongest = SafetyData.Relatedness.UNKNOWN;
		for (org.hl7.fhir.r4.model.Extension suspect : event.getExtensionsByUrl(TrialCodes.SUSPECT_ENTITY_EXTENSION)) {
			org.hl7.fhir.r4.model.Extension instance = suspect.getExtensionByUrl("instance");
			org.hl7.fhir.r4.model.Extension causality = suspect.getExtensionByUrl("causality");
			if (instance != null && instance.getValue() instanceof org.hl7.fhir.r4.model.Reference product
					&& "BiologicallyDerivedProduct".equals(product.getReferenceElement().getResourceType())
					&& causality != null && causality.getExtensionByUrl("entityRelatedness") != null
					&& causality.getExtensionByUrl("entityRelatedness").getValue() instanceof CodeableConcept assessed) {
				strongest = SafetyRecord.stronger(strongest, assessed(assessed));
			}
		}
		return strongest;
	}

	private static SafetyData.Relatedness assessed(CodeableConcept assessment) {
		return codeIn(assessment, CAUSALITY).map(c -> switch (c) {
			case "Certain", "Probably-Likely" -> SafetyData.Relatedness.RELATED;
			case "Possible" -> SafetyData.Relatedness.POSSIBLY;
			case "Unlikely" -> SafetyData.Relatedness.UNRELATED;
			default -> SafetyData.Relatedness.UNKNOWN;
		}).orElse(SafetyData.Relatedness.UNKNOWN);
	}

	/**
	 * The vital signs of a counted Observation: its own value when its code is a vital sign, or its components' when
	 * it is a blood-pressure or vital-signs panel, each converted to the sign's unit (a value whose unit cannot be
	 * converted is left out).
	 */
	List<SafetyData.VitalValue> vitalValues(Observation observation) {
		if (!observation.hasStatus() || !Measurement.COUNTABLE_STATUSES.contains(observation.getStatus().toCode())) {
			return List.of();
		}
		LocalDate date = TimelineMapper.effectiveDay(observation).orElse(null);
		if (date == null) {
			return List.of();
		}
		String reference = reference(observation);
		List<SafetyData.VitalValue> values = new ArrayList<>();
		Optional<String> code = codeIn(observation.getCode(), SafetyLab.LOINC);
		if (code.isPresent() && VitalSign.PANELS.contains(code.get())) {
			for (Observation.ObservationComponentComponent component : observation.getComponent()) {
				if (component.hasValueQuantity()) {
					vitalValue(component.getCode(), component.getValueQuantity(), reference, date)
							.ifPresent(values::add);
				}
			}
		} else if (observation.hasValueQuantity()) {
			vitalValue(observation.getCode(), observation.getValueQuantity(), reference, date).ifPresent(values::add);
		}
		return values;
	}

	private Optional<SafetyData.VitalValue> vitalValue(CodeableConcept code, Quantity quantity, String reference,
			LocalDate date) {
		Optional<VitalSign> sign = code.getCoding().stream().filter(c -> SafetyLab.LOINC.equals(c.getSystem()))
				.map(c -> VitalSign.byLoinc(c.getCode())).flatMap(Optional::stream).findFirst();
		if (sign.isEmpty() || !quantity.hasValue()) {
			return Optional.empty();
		}
		String unit = unitOf(quantity);
		Optional<BigDecimal> value = sign.get() == VitalSign.BODY_TEMPERATURE && "[degF]".equals(unit)
				// UCUM's degrees have an offset, which a conversion factor cannot carry.
				? Optional.of(quantity.getValue().subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5))
						.divide(BigDecimal.valueOf(9), java.math.MathContext.DECIMAL64))
				: units.convert(quantity.getValue(), unit, sign.get().unit());
		return value.map(v -> new SafetyData.VitalValue(reference, sign.get(), date, v));
	}

	/**
	 * A counted safety laboratory value with a usable reference range; the range's limits are converted to the
	 * value's unit when they are written in another one.
	 */
	Optional<SafetyData.LabResult> labResult(Observation observation) {
		Optional<SafetyLab> lab = observation.getCode().getCoding().stream()
				.filter(c -> SafetyLab.LOINC.equals(c.getSystem())).map(c -> SafetyLab.byLoinc(c.getCode()))
				.flatMap(Optional::stream).findFirst();
		if (lab.isEmpty() || !observation.hasStatus()
				|| !Measurement.COUNTABLE_STATUSES.contains(observation.getStatus().toCode())
				|| !observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()
				|| !observation.hasReferenceRange()) {
			return Optional.empty();
		}
		Optional<LocalDate> date = TimelineMapper.effectiveDay(observation);
		if (date.isEmpty()) {
			return Optional.empty();
		}
		Quantity value = observation.getValueQuantity();
		Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
		Optional<BigDecimal> low = limit(range.getLow(), value);
		Optional<BigDecimal> high = limit(range.getHigh(), value);
		if ((range.hasLow() && low.isEmpty()) || (range.hasHigh() && high.isEmpty()) || (low.isEmpty() && high.isEmpty())) {
			return Optional.empty(); // a limit in a unit that cannot be compared, or no numeric limit at all
		}
		return Optional.of(new SafetyData.LabResult(reference(observation), lab.get(), date.get(), value.getValue(),
				low.orElse(null), high.orElse(null)));
	}

	/**
	 * A value CTCAE v5.0 grades ({@link LabToxicity}, by its LOINC code), converted by UCUM to the term's unit with
	 * the limit of normal of its reference range (the lower for a decrease, the upper for an increase); empty for
	 * another test, a value in a unit UCUM cannot convert, or one without a day.
	 */
	public Optional<SafetyData.GradedLab> gradedLab(Observation observation) {
		Optional<org.hl7.fhir.r4.model.Coding> coding = observation.getCode().getCoding().stream()
				.filter(c -> SafetyLab.LOINC.equals(c.getSystem()) && LabToxicity.byLoinc(c.getCode()).isPresent())
				.findFirst();
		if (coding.isEmpty() || !observation.hasStatus()
				|| !Measurement.COUNTABLE_STATUSES.contains(observation.getStatus().toCode())
				|| !observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
			return Optional.empty();
		}
		LabToxicity term = LabToxicity.byLoinc(coding.get().getCode()).orElseThrow();
		LocalDate date = TimelineMapper.effectiveDay(observation).orElse(null);
		Quantity value = observation.getValueQuantity();
		Optional<BigDecimal> converted = inUnit(term, value.getValue(), unitOf(value));
		if (date == null || converted.isEmpty()) {
			return Optional.empty();
		}
		BigDecimal limit = null;
		if (observation.hasReferenceRange()) {
			Quantity normal = term.decreasing() ? observation.getReferenceRangeFirstRep().getLow()
					: observation.getReferenceRangeFirstRep().getHigh();
			if (normal != null && normal.hasValue()) {
				String limitUnit = unitOf(normal) == null ? unitOf(value) : unitOf(normal);
				limit = inUnit(term, normal.getValue(), limitUnit).orElse(null);
			}
		}
		return Optional.of(new SafetyData.GradedLab(reference(observation), term, coding.get().getCode(), date,
				converted.get(), limit));
	}

	/** Micromoles of bilirubin per litre in one mg/dL (molar mass 584.66 g/mol: 10 / 584.66 x 1000). */
	static final BigDecimal BILIRUBIN_UMOL_PER_MG_DL = new BigDecimal("17.104");

	/**
	 * A value in the term's unit: by UCUM within a dimension; creatinine in umol/L by the trial's factor
	 * ({@link CanonicalUnits#toCanonical}); bilirubin in a molar unit by its molar mass.
	 */
	private Optional<BigDecimal> inUnit(LabToxicity term, BigDecimal value, String from) {
		if (from == null) {
			return Optional.empty();
		}
		Optional<BigDecimal> converted = units.convert(value, from, term.unit());
		if (converted.isPresent()) {
			return converted;
		}
		if (term == LabToxicity.CREATININE_INCREASED) {
			return units.toCanonical(org.msclupus.fhir.design.Measure.SERUM_CREATININE, value, from);
		}
		if (term == LabToxicity.BLOOD_BILIRUBIN_INCREASED) {
			return units.convert(value, from, "umol/L")
					.map(umol -> umol.divide(BILIRUBIN_UMOL_PER_MG_DL, java.math.MathContext.DECIMAL64));
		}
		return Optional.empty();
	}

	private Optional<BigDecimal> limit(Quantity limit, Quantity value) {
		if (limit == null || !limit.hasValue()) {
			return Optional.empty();
		}
		String limitUnit = unitOf(limit);
		String valueUnit = unitOf(value);
		if (limitUnit == null || limitUnit.equals(valueUnit)) {
			return Optional.of(limit.getValue()); // a range without a unit is in the value's unit
		}
		return units.convert(limit.getValue(), limitUnit, valueUnit);
	}

	private static String unitOf(Quantity quantity) {
		return quantity.hasCode() ? quantity.getCode() : quantity.hasUnit() ? quantity.getUnit() : null;
	}

	private static Optional<String> codeIn(CodeableConcept concept, String system) {
		return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode)
				.filter(java.util.Objects::nonNull).findFirst();
	}

	private static Optional<Instant> instantOf(BaseDateTimeType value) {
		if (value == null || value.getValue() == null) {
			return Optional.empty();
		}
		if (value.getTimeZone() != null && value.getPrecision().ordinal() > ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
			return Optional.of(value.getValue().toInstant());
		}
		// A date, or a time without offset: read as written, in UTC.
		return TimelineMapper.toDay(value).map(t -> t.toInstant(ZoneOffset.UTC));
	}

	private static LocalDate dateOf(BaseDateTimeType value) {
		return TimelineMapper.toDay(value).map(LocalDateTime::toLocalDate).orElse(null);
	}

	private static String reference(org.hl7.fhir.r4.model.Resource resource) {
		return resource.getIdElement().toUnqualified().getValue();
	}

	private static String idOf(String reference) {
		return new org.hl7.fhir.r4.model.IdType(reference).getIdPart();
	}
}
