package org.msclupus.fhir.cdisc.operation;

import org.msclupus.fhir.design.StudyArms;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.msclupus.fhir.cdisc.IsoDates;
import org.msclupus.fhir.cdisc.Terminology;
import org.msclupus.fhir.cdisc.TrialData;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.LabToxicity;
import org.msclupus.fhir.safety.SafetyLab;
import org.msclupus.fhir.safety.VitalSign;
import org.msclupus.fhir.records.SafetyMapper;
import org.msclupus.fhir.security.SiteRoster;

/**
 * Takes what the CDISC datasets need out of FHIR resources: the study's design, each subject's demographics, MSC
 * infusions, medications, laboratory values, vital signs, adverse events and disease-activity ratings, with dates as
 * the sender wrote them. Which records count is decided as the other operations decide it (completed MSC infusions,
 * actual adverse events of this study, Observations with a final, amended or corrected status).
 */
public class CdiscMapper {

	private static final String CLINICAL_TRIALS_GOV = "https://clinicaltrials.gov";
	private static final String SNOMED = "http://snomed.info/sct";
	private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
	private static final Set<Measure> RATINGS = Set.of(Measure.SLEDAI_2K, Measure.BILAG_2004, Measure.PGA);
	private static final Set<Measure> URINE = Set.of(Measure.URINE_PROTEIN_24H,
			Measure.URINE_PROTEIN_CREATININE_RATIO);

	private final CanonicalUnits units;
	private final TimelineMapper timelines;
	private final SafetyMapper safety;

	public CdiscMapper(CanonicalUnits units, TimelineMapper timelines) {
		this.safety = new SafetyMapper(units);
		this.units = units;
		this.timelines = timelines;
	}

	public TrialData.Study study(ResearchStudy study, VisitSchedule schedule, int defaultWindow) {
		String registry = study.getIdentifier().stream().filter(i -> CLINICAL_TRIALS_GOV.equals(i.getSystem()))
				.map(i -> i.getValue()).findFirst()
				.orElse(study.getIdentifier().stream().map(i -> i.getValue()).findFirst().orElse(null));
		String phase = study.getPhase().getCoding().stream().map(Coding::getCode).findFirst().orElse(null);
		String condition = study.getCondition().stream().map(CdiscMapper::text).filter(t -> t != null).findFirst()
				.orElse(null);
		StudyArms declared = StudyDesigns.arms(study);
		List<TrialData.Arm> arms = declared.names().stream().map(name -> new TrialData.Arm(name,
				declared.descriptions().get(name))).toList();
		return new TrialData.Study(study.getIdElement().getIdPart(), study.getTitle(), registry, phase, condition,
				study.getPeriod().hasStart() ? study.getPeriod().getStartElement().getValueAsString() : null,
				study.getPeriod().hasEnd() ? study.getPeriod().getEndElement().getValueAsString() : null, arms,
				schedule, defaultWindow, StudyDesigns.criteria(study));
	}

	/**
	 * One subject: {@code day0} as the response rules found it; {@code ratings} already holds the response
	 * assessments; records dated after {@code asOf} are left out.
	 */
	public TrialData.Subject subject(ResearchSubject subject, Patient patient, List<IBaseResource> records,
			String studyId, LocalDate day0, LocalDate asOf, List<TrialData.Rating> assessments) {
		List<SafetyData.Infusion> given = SafetyMapper.infusions(records);
		Map<String, MedicationAdministration> administrations = records.stream()
				.filter(MedicationAdministration.class::isInstance).map(MedicationAdministration.class::cast)
				.collect(Collectors.toMap(CdiscMapper::reference, a -> a, (a, b) -> a));
		List<TrialData.Exposure> infusions = new ArrayList<>();
		for (SafetyData.Infusion infusion : given) {
			MedicationAdministration a = administrations.get(new IdType(infusion.reference()).toUnqualifiedVersionless()
					.getValue());
			TrialData.Exposure exposure = exposure(a, infusion.number());
			if (onOrBefore(exposure.start(), asOf)) {
				infusions.add(exposure);
			}
		}
		Set<String> infusionIds = given.stream().map(i -> new IdType(i.reference()).getIdPart())
				.collect(Collectors.toSet());
		List<TrialData.Medication> medications = new ArrayList<>();
		List<TrialData.Finding> labs = new ArrayList<>();
		List<TrialData.Finding> vitals = new ArrayList<>();
		List<TrialData.Event> events = new ArrayList<>();
		List<TrialData.Rating> ratings = new ArrayList<>(assessments);
		List<SafetyData.GradedLab> graded = new ArrayList<>();
		for (IBaseResource record : records) {
			if (record instanceof Observation observation) {
				// the values CTCAE grades, as $safety-summary reads them, for ADLB
				safety.gradedLab(observation).filter(g -> asOf == null || !g.date().isAfter(asOf))
						.ifPresent(graded::add);
			}
			if (record instanceof MedicationStatement statement) {
				medication(statement).filter(m -> onOrBefore(m.start(), asOf)).ifPresent(medications::add);
			} else if (record instanceof AdverseEvent event && SafetyMapper.belongsTo(event, studyId)) {
				event(event, infusionIds).filter(e -> onOrBefore(e.start(), asOf)).ifPresent(events::add);
			} else if (record instanceof Observation observation && observation.hasStatus()
					&& Measurement.COUNTABLE_STATUSES.contains(observation.getStatus().toCode())) {
				String date = effective(observation);
				// by the day the value counts on (a timed collection's end), as $evaluate-response's asOf is
				Optional<LocalDate> counted = TimelineMapper.effectiveDay(observation);
				if (date == null || (counted.isPresent() ? asOf != null && counted.get().isAfter(asOf)
						: !onOrBefore(date, asOf))) {
					continue;
				}
				Optional<Measure> measure = measureOf(observation.getCode());
				if (measure.isPresent() && RATINGS.contains(measure.get())) {
					ratings.addAll(ratings(observation, measure.get(), date));
				} else if (measure.isPresent()) {
					finding(observation, observation.getCode(), observation.getValue(), date,
							Terminology.lab(measure.get()).orElse(null), measure.get()).ifPresent(labs::add);
				} else if (vital(observation.getCode()).isPresent() || isVitalPanel(observation)) {
					vitals.addAll(vitalSigns(observation, date));
				} else if (isLaboratory(observation)) {
					Optional<Terminology.Test> test = loinc(observation.getCode()).flatMap(SafetyLab::byLoinc)
							.flatMap(Terminology::lab);
					finding(observation, observation.getCode(), observation.getValue(), date, test.orElse(null), null)
							.ifPresent(labs::add);
				}
			}
		}
		Comparator<TrialData.Finding> byDate = Comparator.comparing(TrialData.Finding::date);
		labs.sort(byDate);
		vitals.sort(byDate);
		String site = SiteRoster.siteOf(subject);
		boolean died = patient != null && patient.hasDeceased() && (patient.hasDeceasedDateTimeType()
				|| patient.getDeceasedBooleanType().booleanValue());
		return new TrialData.Subject(subject.getIdElement().getIdPart(), site == null ? null
				: new IdType(site).getIdPart(), subject.getAssignedArm(), StudyDesigns.actualArm(subject, day0 != null || !infusions.isEmpty()), day0,
				subject.getPeriod().hasStart() ? iso(subject.getPeriod().getStartElement()) : null,
				subject.getPeriod().hasEnd() ? iso(subject.getPeriod().getEndElement()) : null,
				patient != null && patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
				patient != null && patient.hasGender() ? patient.getGender().toCode() : null, died,
				patient != null && patient.hasDeceasedDateTimeType() ? iso(patient.getDeceasedDateTimeType()) : null,
				infusions, medications, labs, vitals, events, ratings, graded);
	}

	private static boolean onOrBefore(String iso, LocalDate asOf) {
		return asOf == null || IsoDates.day(iso).map(d -> !d.isAfter(asOf)).orElse(true);
	}

	private static TrialData.Exposure exposure(MedicationAdministration a, int number) {
		String start = a.hasEffectiveDateTimeType() ? iso(a.getEffectiveDateTimeType())
				: a.hasEffectivePeriod() ? iso(a.getEffectivePeriod().getStartElement()) : null;
		String end = a.hasEffectivePeriod() && a.getEffectivePeriod().hasEnd()
				? iso(a.getEffectivePeriod().getEndElement()) : null;
		Quantity dose = a.getDosage().getDose();
		String route = a.getDosage().hasRoute() ? Terminology.route(code(a.getDosage().getRoute(), SNOMED),
				a.getDosage().getRoute().getText()) : null;
		String lot = null;
		if (a.hasMedicationReference()) {
			String ref = a.getMedicationReference().getReference();
			for (Resource contained : a.getContained()) {
				if (contained instanceof Medication m && ref != null && ref.equals("#" + contained.getIdPart())
						&& m.hasBatch()) {
					lot = m.getBatch().getLotNumber();
				}
			}
		}
		return new TrialData.Exposure(reference(a), number, start, end, dose.hasValue() ? dose.getValue() : null,
				unitOf(dose), route, lot);
	}

	private Optional<TrialData.Medication> medication(MedicationStatement statement) {
		if (statement.getStatus() == MedicationStatement.MedicationStatementStatus.ENTEREDINERROR) {
			return Optional.empty();
		}
		String start = statement.hasEffectivePeriod() ? iso(statement.getEffectivePeriod().getStartElement())
				: statement.hasEffectiveDateTimeType() ? iso(statement.getEffectiveDateTimeType()) : null;
		String end = statement.hasEffectivePeriod() && statement.getEffectivePeriod().hasEnd()
				? iso(statement.getEffectivePeriod().getEndElement()) : null;
		CodeableConcept drug = statement.hasMedicationCodeableConcept() ? statement.getMedicationCodeableConcept()
				: null;
		String name = drug == null ? null : text(drug);
		String rxNorm = drug == null ? null : code(drug, TrialCodes.RXNORM);
		BigDecimal dose = null;
		String doseUnit = null;
		BigDecimal perDay = null;
		String route = null;
		if (statement.hasDosage()) {
			Dosage dosage = statement.getDosageFirstRep();
			Quantity quantity = dosage.getDoseAndRateFirstRep().hasDoseQuantity()
					? dosage.getDoseAndRateFirstRep().getDoseQuantity() : null;
			if (quantity != null && quantity.hasValue()) {
				dose = quantity.getValue();
				doseUnit = unitOf(quantity);
			}
			if (dosage.getTiming().getRepeat().hasFrequency()) {
				var repeat = dosage.getTiming().getRepeat();
				BigDecimal period = repeat.hasPeriod() ? repeat.getPeriod() : BigDecimal.ONE;
				boolean daily = !repeat.hasPeriodUnit() || "d".equals(repeat.getPeriodUnit().toCode());
				if (daily && period.signum() > 0) {
					perDay = BigDecimal.valueOf(repeat.getFrequency()).divide(period, java.math.MathContext.DECIMAL64);
				}
			}
			if (dosage.hasRoute()) {
				route = Terminology.route(code(dosage.getRoute(), SNOMED), dosage.getRoute().getText());
			}
		}
		return Optional.of(new TrialData.Medication(reference(statement), name, rxNorm, dose, doseUnit, perDay,
				route, start, end, timelines.prednisoneMgPerDay(statement).orElse(null)));
	}

	private static Optional<TrialData.Event> event(AdverseEvent event, Set<String> infusionIds) {
		return SafetyMapper.adverseEvent(event, infusionIds).map(e -> {
			CodeableConcept what = event.getEvent();
			String decoded = what.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null).findFirst()
					.map(d -> d.toUpperCase(Locale.ROOT)).orElse(null);
			String term = what.hasText() ? what.getText() : decoded;
			String outcome = code(event.getOutcome(), SafetyMapper.OUTCOME);
			return new TrialData.Event(reference(event), term, decoded, iso(event.getDateElement()), null,
					e.serious(), e.grade(), e.relatedness(), outcome, seriousnessCriteria(event));
		});
	}

	/**
	 * The NCIt codes of the seriousness criteria recorded present (AE Clinical Research IG); null when the event
	 * records none at all, so that SDTM's flags stay as they were for such events.
	 */
	static java.util.Set<String> seriousnessCriteria(AdverseEvent event) {
		List<org.hl7.fhir.r4.model.Extension> criteria = event.getExtensionsByUrl(TrialCodes.SERIOUSNESS_CRITERIA_EXTENSION);
		if (criteria.isEmpty()) {
			return null;
		}
		java.util.Set<String> present = new java.util.TreeSet<>();
		for (org.hl7.fhir.r4.model.Extension criterion : criteria) {
			org.hl7.fhir.r4.model.Extension code = criterion.getExtensionByUrl("criterionCode");
			org.hl7.fhir.r4.model.Extension isPresent = criterion.getExtensionByUrl("criterionPresent");
			if (code != null && code.getValue() instanceof CodeableConcept concept && isPresent != null
					&& isPresent.getValue() instanceof org.hl7.fhir.r4.model.BooleanType b
					&& Boolean.TRUE.equals(b.getValue())) {
				concept.getCoding().stream().filter(c -> c.hasCode()).forEach(c -> present.add(c.getCode()));
			}
		}
		return present;
	}

	/** SLEDAI-2K total and descriptors, BILAG-2004 domain grades, PGA. */
	private static List<TrialData.Rating> ratings(Observation observation, Measure measure, String date) {
		String ref = reference(observation);
		List<TrialData.Rating> ratings = new ArrayList<>();
		switch (measure) {
			case SLEDAI_2K -> {
				if (observation.hasValueIntegerType() || observation.hasValueQuantity()) {
					BigDecimal total = observation.hasValueIntegerType()
							? BigDecimal.valueOf(observation.getValueIntegerType().getValue())
							: observation.getValueQuantity().getValue();
					ratings.add(new TrialData.Rating(ref, "SLEDAI-2K", "SLEDAI", "SLEDAI-2K Total Score",
							total.toPlainString(), total, date));
				}
				for (Observation.ObservationComponentComponent c : observation.getComponent()) {
					String code = code(c.getCode(), TrialCodes.LUPUS_TRIAL);
					Optional<Terminology.Test> test = Terminology.sledaiDescriptor(code);
					if (test.isPresent() && c.hasValueBooleanType()) {
						boolean present = c.getValueBooleanType().booleanValue();
						ratings.add(new TrialData.Rating(ref, "SLEDAI-2K", test.get().code(), test.get().name(),
								present ? "PRESENT" : "ABSENT", null, date));
					}
				}
			}
			case BILAG_2004 -> {
				for (Observation.ObservationComponentComponent c : observation.getComponent()) {
					Optional<Terminology.Test> test = Terminology.bilagDomain(code(c.getCode(), TrialCodes.LUPUS_TRIAL));
					String grade = c.hasValueCodeableConcept() ? c.getValueCodeableConcept().getCoding().stream()
							.map(Coding::getCode).findFirst().orElse(null) : null;
					if (test.isPresent() && grade != null) {
						ratings.add(new TrialData.Rating(ref, "BILAG-2004", test.get().code(), test.get().name(),
								grade, null, date));
					}
				}
			}
			case PGA -> {
				BigDecimal value = observation.hasValueQuantity() ? observation.getValueQuantity().getValue()
						: observation.hasValueIntegerType()
								? BigDecimal.valueOf(observation.getValueIntegerType().getValue()) : null;
				if (value != null) {
					ratings.add(new TrialData.Rating(ref, "PGA", "PGA", "Physician Global Assessment",
							value.stripTrailingZeros().toPlainString(), value, date));
				}
			}
			default -> {
			}
		}
		return ratings;
	}

	private Optional<TrialData.Finding> finding(Observation observation, CodeableConcept code, Type value, String date,
			Terminology.Test test, Measure measure) {
		String loinc = loinc(code).orElse(null);
		String name = text(code);
		String result = null;
		BigDecimal number = null;
		String unit = null;
		if (value instanceof Quantity q && q.hasValue()) {
			number = q.getValue();
			unit = unitOf(q);
			result = (q.hasComparator() ? q.getComparator().toCode() : "") + number.toPlainString();
		} else if (value instanceof org.hl7.fhir.r4.model.IntegerType i && i.getValue() != null) {
			number = BigDecimal.valueOf(i.getValue());
			result = number.toPlainString();
		} else if (value instanceof org.hl7.fhir.r4.model.StringType s) {
			result = s.getValue();
		} else if (value instanceof CodeableConcept c) {
			result = text(c);
		}
		if (result == null) {
			return Optional.empty();
		}
		BigDecimal standard = number;
		String standardUnit = unit;
		if (measure != null && number != null) {
			standard = units.toCanonical(measure, number, unit).orElse(null);
			standardUnit = standard == null ? null : measure.canonicalUnit();
		}
		BigDecimal low = null;
		BigDecimal high = null;
		if (observation.hasReferenceRange()) {
			Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
			low = range.hasLow() && range.getLow().hasValue() ? limit(range.getLow(), unit) : null;
			high = range.hasHigh() && range.getHigh().hasValue() ? limit(range.getHigh(), unit) : null;
		}
		String specimen = measure == null ? null : URINE.contains(measure) ? "URINE" : "SERUM";
		return Optional.of(new TrialData.Finding(reference(observation), test, loinc, name, result, number, unit,
				standard, standardUnit, low, high, date, collectionEnd(observation), specimen));
	}

	/** A reference range limit in the result's unit (converted when written in another); null when it cannot be. */
	private BigDecimal limit(Quantity limit, String resultUnit) {
		String limitUnit = unitOf(limit);
		if (limitUnit == null || resultUnit == null || limitUnit.equals(resultUnit)) {
			return limit.getValue();
		}
		return units.convert(limit.getValue(), limitUnit, resultUnit).orElse(null);
	}

	private List<TrialData.Finding> vitalSigns(Observation observation, String date) {
		List<TrialData.Finding> findings = new ArrayList<>();
		if (isVitalPanel(observation)) {
			for (Observation.ObservationComponentComponent c : observation.getComponent()) {
				vital(c.getCode()).flatMap(sign -> finding(observation, c.getCode(), c.getValue(), date,
						Terminology.vital(sign), null)).ifPresent(findings::add);
			}
		} else {
			vital(observation.getCode()).flatMap(sign -> finding(observation, observation.getCode(),
					observation.getValue(), date, Terminology.vital(sign), null)).ifPresent(findings::add);
		}
		return findings;
	}

	private static Optional<VitalSign> vital(CodeableConcept code) {
		return loinc(code).flatMap(VitalSign::byLoinc);
	}

	private static boolean isVitalPanel(Observation observation) {
		return loinc(observation.getCode()).filter(VitalSign.PANELS::contains).isPresent();
	}

	private static boolean isLaboratory(Observation observation) {
		return observation.getCategory().stream().anyMatch(c -> "laboratory".equals(code(c, OBSERVATION_CATEGORY)))
				|| loinc(observation.getCode()).flatMap(SafetyLab::byLoinc).isPresent()
				// a test ADLB grades traces to its LB record (SRCDOM), whatever its category says
				|| loinc(observation.getCode()).flatMap(LabToxicity::byLoinc).isPresent();
	}

	private static Optional<Measure> measureOf(CodeableConcept code) {
		return code.getCoding().stream().map(c -> TrialCodes.MEASURE_BY_CODE.get(c.getSystem() + "|" + c.getCode()))
				.filter(m -> m != null).findFirst();
	}

	private static Optional<String> loinc(CodeableConcept code) {
		return Optional.ofNullable(code(code, TrialCodes.LOINC));
	}

	private static String effective(Observation observation) {
		if (observation.hasEffectiveDateTimeType()) {
			return iso(observation.getEffectiveDateTimeType());
		}
		if (observation.hasEffectiveInstantType()) {
			return iso(observation.getEffectiveInstantType());
		}
		if (observation.hasEffectivePeriod()) {
			var period = observation.getEffectivePeriod();
			return period.hasStart() ? iso(period.getStartElement()) : period.hasEnd() ? iso(period.getEndElement())
					: null;
		}
		return null;
	}

	/** When a timed collection (a period with a start) ended; null for a value taken at one time. */
	private static String collectionEnd(Observation observation) {
		return observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()
				&& observation.getEffectivePeriod().hasEnd() ? iso(observation.getEffectivePeriod().getEndElement())
						: null;
	}

	static String iso(BaseDateTimeType value) {
		return value == null || value.getValueAsString() == null ? null : IsoDates.sdtm(value.getValueAsString());
	}

	private static String code(CodeableConcept concept, String system) {
		return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode)
				.filter(c -> c != null).findFirst().orElse(null);
	}

	private static String text(CodeableConcept concept) {
		if (concept.hasText()) {
			return concept.getText();
		}
		return concept.getCoding().stream().map(c -> c.getDisplay() != null ? c.getDisplay() : c.getCode())
				.filter(t -> t != null).findFirst().orElse(null);
	}

	private static String unitOf(Quantity quantity) {
		return quantity.hasCode() ? quantity.getCode() : quantity.hasUnit() ? quantity.getUnit() : null;
	}

	private static String reference(Resource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}
}
