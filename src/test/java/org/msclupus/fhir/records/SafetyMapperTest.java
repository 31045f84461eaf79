package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.safety.SafetyLab;

class SafetyMapperTest {

	final SafetyMapper mapper = new SafetyMapper(new CanonicalUnits());

	static AdverseEvent event(String suspect, String causality) {
		AdverseEvent event = new AdverseEvent();
		event.setId("AdverseEvent/e1/_history/1");
		event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
		event.setDateElement(new DateTimeType("2026-01-06T08:59:00+02:00"));
		event.setSeriousness(new CodeableConcept().addCoding(new Coding(SafetyMapper.SERIOUSNESS, "Serious", null)));
		event.addExtension(SafetyMapper.CTCAE_GRADE, new IntegerType(3));
		if (suspect != null) {
			event.addSuspectEntity().setInstance(new Reference(suspect)).addCausality().setAssessment(
					new CodeableConcept().addCoding(new Coding(SafetyMapper.CAUSALITY, causality, null)));
		}
		return event;
	}

	/** The event's relatedness as the summary reads it, against these infusions of its subject. */
	static SafetyData.Relatedness relatedness(AdverseEvent event, Set<String> infusionIds) {
		return SafetyMapper.adverseEvent(event, infusionIds).orElseThrow().relatedness();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({"Certain, RELATED", "Probably-Likely, RELATED", "Possible, POSSIBLY", "Unlikely, UNRELATED",
			"Conditional-Classified, UNKNOWN", "Unassessable-Unclassifiable, UNKNOWN"})
	void causalityTowardsTheMscInfusionGivesRelatedness(String causality, SafetyData.Relatedness expected) {
		assertThat(relatedness(event("MedicationAdministration/inf-1", causality), Set.of("inf-1")))
				.isEqualTo(expected);
	}

	/** The cell product as the suspect, through the AE Clinical Research IG's suspect-entity extension (issue 28). */
	@ParameterizedTest(name = "product {0} -> {1}")
	@CsvSource({"Certain, RELATED", "Possible, POSSIBLY", "Unlikely, UNRELATED"})
	void causalityTowardsTheCellProductGivesRelatedness(String causality, SafetyData.Relatedness expected) {
		AdverseEvent event = event(null, null);
		org.hl7.fhir.r4.model.Extension suspect = event.addExtension().setUrl(org.msclupus.fhir.design.TrialCodes.SUSPECT_ENTITY_EXTENSION);
		suspect.addExtension("instance", new Reference("BiologicallyDerivedProduct/ucmsc-lot-1"));
		suspect.addExtension().setUrl("causality").addExtension("entityRelatedness",
				new CodeableConcept().addCoding(new Coding(SafetyMapper.CAUSALITY, causality, null)));
		assertThat(relatedness(event, Set.of("inf-1"))).isEqualTo(expected);
		// another kind of suspect in the extension is not the product
		AdverseEvent other = event(null, null);
		org.hl7.fhir.r4.model.Extension device = other.addExtension().setUrl(org.msclupus.fhir.design.TrialCodes.SUSPECT_ENTITY_EXTENSION);
		device.addExtension("instance", new Reference("Device/pump"));
		device.addExtension().setUrl("causality").addExtension("entityRelatedness",
				new CodeableConcept().addCoding(new Coding(SafetyMapper.CAUSALITY, causality, null)));
		assertThat(relatedness(other, Set.of("inf-1"))).isEqualTo(SafetyData.Relatedness.UNKNOWN);
	}

	@Test
	void causalityTowardsAnythingElseIsUnknown() {
		assertThat(relatedness(event("MedicationAdministration/other-drug", "Certain"), Set.of("inf-1")))
				.isEqualTo(SafetyData.Relatedness.UNKNOWN);
		assertThat(relatedness(event(null, null), Set.of("inf-1"))).isEqualTo(SafetyData.Relatedness.UNKNOWN);
	}

	@Test
	void anEventKeepsItsInstantSeriousnessAndGrade() {
		SafetyData.AdverseEvent mapped = SafetyMapper.adverseEvent(event(null, null), Set.of()).orElseThrow();
		assertThat(mapped.start()).isEqualTo(Instant.parse("2026-01-06T06:59:00Z"));
		assertThat(mapped.serious()).isTrue();
		assertThat(mapped.grade()).isEqualTo(3);
		assertThat(mapped.isDeath()).isFalse();
	}

	@Test
	void aFatalOutcomeIsADeathAndANearMissIsNoEvent() {
		AdverseEvent fatal = event(null, null);
		fatal.setOutcome(new CodeableConcept().addCoding(new Coding(SafetyMapper.OUTCOME, "fatal", null)));
		assertThat(SafetyMapper.adverseEvent(fatal, Set.of()).orElseThrow().isDeath()).isTrue();
		AdverseEvent potential = event(null, null).setActuality(AdverseEvent.AdverseEventActuality.POTENTIAL);
		assertThat(SafetyMapper.adverseEvent(potential, Set.of())).isEmpty();
		assertThat(SafetyMapper.happened(potential)).isFalse();
		assertThat(SafetyMapper.happened(fatal.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL))).isTrue();
		assertThat(SafetyMapper.happened(new AdverseEvent())).as("actuality not recorded").isTrue();
	}

	static Observation lab(String loinc, String value, String unit, String low, String high, String rangeUnit) {
		Observation o = new Observation();
		o.setId("Observation/o1/_history/1");
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", loinc, null)));
		o.setEffective(new DateTimeType("2026-02-04"));
		o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org").setCode(unit));
		Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
		if (low != null) {
			range.setLow(new Quantity().setValue(new BigDecimal(low)).setSystem("http://unitsofmeasure.org").setCode(rangeUnit));
		}
		if (high != null) {
			range.setHigh(new Quantity().setValue(new BigDecimal(high)).setSystem("http://unitsofmeasure.org").setCode(rangeUnit));
		}
		return o;
	}

	@Test
	void aRangeInAnotherUnitIsConvertedToTheValuesUnit() {
		SafetyData.LabResult result = mapper.labResult(lab("718-7", "11.5", "g/dL", "120", "160", "g/L")).orElseThrow();
		assertThat(result.lab()).isEqualTo(SafetyLab.HEMOGLOBIN);
		assertThat(result.low()).isEqualByComparingTo("12");
		assertThat(result.below()).isTrue();
		assertThat(result.date()).isEqualTo(LocalDate.parse("2026-02-04"));
	}

	@Test
	void valuesWithoutAUsableRangeOrNotFinalAreLeftOut() {
		assertThat(mapper.labResult(lab("1742-6", "50", "U/L", null, null, "U/L"))).isEmpty();
		assertThat(mapper.labResult(lab("1742-6", "50", "U/L", null, "40", "mg"))).as("incommensurable").isEmpty();
		Observation preliminary = lab("1742-6", "50", "U/L", "7", "40", "U/L");
		preliminary.setStatus(Observation.ObservationStatus.PRELIMINARY);
		assertThat(mapper.labResult(preliminary)).isEmpty();
		assertThat(mapper.labResult(lab("2160-0", "1.0", "mg/dL", "0.5", "1.2", "mg/dL"))).as("not a safety lab").isEmpty();
	}

	/** A coding may carry a display and no code (FHIR allows it; EHRs send it): it names nothing and is skipped. */
	@Test
	void aLoincCodingWithoutACodeIsSkippedAndTheNextOneCounts() {
		Observation alt = lab("1742-6", "150", "U/L", "7", "56", "U/L");
		alt.getCode().getCoding().add(0, new Coding("http://loinc.org", null, "ALT"));
		assertThat(mapper.labResult(alt)).isPresent();
		assertThat(mapper.gradedLab(alt)).isPresent();
		Observation nameless = lab("1742-6", "150", "U/L", "7", "56", "U/L");
		nameless.getCode().getCodingFirstRep().setCode(null).setDisplay("ALT");
		assertThat(mapper.labResult(nameless)).isEmpty();
		assertThat(mapper.gradedLab(nameless)).isEmpty();
		assertThat(org.msclupus.fhir.safety.SafetyLab.byLoinc(null)).isEmpty();
		assertThat(org.msclupus.fhir.safety.LabToxicity.byLoinc(null)).isEmpty();
	}

	/**
	 * A test CTCAE grades is the same safety laboratory test under every code of it: a bilirubin sent in µmol/L
	 * (LOINC 14631-6) or an ALT measured in blood (76625-3) was graded but left out of the laboratory table.
	 */
	@Test
	void everyCodeOfAGradedSafetyTestCountsInTheLaboratoryTableToo() {
		SafetyData.LabResult bilirubin = mapper.labResult(lab("14631-6", "40", "umol/L", "3", "21", "umol/L"))
				.orElseThrow();
		assertThat(bilirubin.lab()).isEqualTo(SafetyLab.BILIRUBIN_TOTAL);
		assertThat(bilirubin.above()).isTrue();
		assertThat(mapper.gradedLab(lab("14631-6", "40", "umol/L", "3", "21", "umol/L"))).isPresent();
		assertThat(mapper.labResult(lab("76625-3", "150", "U/L", "7", "40", "U/L")).orElseThrow().lab())
				.isEqualTo(SafetyLab.ALT);
		for (org.msclupus.fhir.safety.LabToxicity term : org.msclupus.fhir.safety.LabToxicity.values()) {
			for (String code : term.loincCodes()) {
				SafetyLab.byLoinc(code).ifPresent(lab -> assertThat(lab.loincCodes()).as(term.term())
						.containsExactlyInAnyOrderElementsOf(term.loincCodes()));
			}
		}
	}

	/**
	 * Every safety reading dates an Observation as the response rules do ({@link TimelineMapper#effectiveDay}): a
	 * value taken at an instant, or over a period (a 24-hour collection counts on the day it ends).
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({"dateTime, 2026-02-04T23:30:00+08:00, , 2026-02-04", "instant, 2026-02-04T08:00:00Z, , 2026-02-04",
			"period, 2026-02-03T08:00:00+01:00, 2026-02-04T08:00:00+01:00, 2026-02-04",
			"period without end, 2026-02-03T08:00:00+01:00, , 2026-02-03",
			"period without start, , 2026-02-04T08:00:00+01:00, 2026-02-04"})
	void everySafetyReadingDatesAnObservationAsTheResponseRulesDo(String kind, String first, String second,
			LocalDate expected) {
		Observation alt = dated(lab("1742-6", "150", "U/L", "7", "40", "U/L"), kind, first, second);
		Observation pulse = dated(vital("8867-4", "88", "/min"), kind, first, second);
		assertThat(TimelineMapper.effectiveDay(alt)).contains(expected);
		assertThat(mapper.labResult(alt).orElseThrow().date()).isEqualTo(expected);
		assertThat(mapper.gradedLab(alt).orElseThrow().date()).isEqualTo(expected);
		assertThat(mapper.vitalValues(pulse)).singleElement().satisfies(v -> assertThat(v.date()).isEqualTo(expected));
	}

	/** {@code observation} dated by an effective[x] of {@code kind}. */
	static Observation dated(Observation observation, String kind, String first, String second) {
		switch (kind) {
			case "dateTime" -> observation.setEffective(new DateTimeType(first));
			case "instant" -> observation.setEffective(new org.hl7.fhir.r4.model.InstantType(first));
			default -> {
				org.hl7.fhir.r4.model.Period period = new org.hl7.fhir.r4.model.Period();
				if (first != null) {
					period.setStartElement(new DateTimeType(first));
				}
				if (second != null) {
					period.setEndElement(new DateTimeType(second));
				}
				observation.setEffective(period);
			}
		}
		return observation;
	}

	/**
	 * An event's day is the day written at its site, as day 0 and every other date are: at a site eight hours ahead
	 * of UTC, an event at 07:00 on day 0 is treatment-emergent (it was dropped, its instant being the day before in
	 * UTC), and one at 05:00 the day after the cut-off is not counted by it (it was).
	 */
	@Test
	void anEventCountsOnTheDayWrittenAtItsSite() {
		LocalDate day0 = LocalDate.parse("2026-01-05");
		AdverseEvent morningOfDay0 = event(null, null);
		morningOfDay0.setId("AdverseEvent/early/_history/1");
		morningOfDay0.setDateElement(new DateTimeType("2026-01-05T07:00:00+08:00"));
		AdverseEvent dawnAfterCutOff = event(null, null);
		dawnAfterCutOff.setId("AdverseEvent/late/_history/1");
		dawnAfterCutOff.setDateElement(new DateTimeType("2026-01-21T05:00:00+08:00"));
		List<SafetyData.AdverseEvent> events = List.of(SafetyMapper.adverseEvent(morningOfDay0, Set.of()).orElseThrow(),
				SafetyMapper.adverseEvent(dawnAfterCutOff, Set.of()).orElseThrow());
		assertThat(events).extracting(SafetyData.AdverseEvent::day).containsExactly(day0, LocalDate.parse("2026-01-21"));
		assertThat(events.get(0).start()).as("the instant, for the hours after an infusion")
				.isEqualTo(Instant.parse("2026-01-04T23:00:00Z"));
		SafetyData.Subject subject = new SafetyData.Subject("ResearchSubject/s1", "uc-msc", day0, List.of(), events,
				List.of());
		assertThat(org.msclupus.fhir.safety.SafetySummary.treatmentEmergent(subject, LocalDate.parse("2026-01-20")))
				.extracting(SafetyData.AdverseEvent::reference).containsExactly("AdverseEvent/early/_history/1");
		assertThat(org.msclupus.fhir.safety.SafetySummary.treatmentEmergent(subject, LocalDate.parse("2026-01-21")))
				.hasSize(2);
	}

	@Test
	void dayZeroIsTheFirstCompletedInfusionElseEnrolment() {
		TrialRecords records = new TrialRecords();
		TrialRecords.Subject s = records.subject("p1", "ResearchStudy/s", "uc-msc", LocalDate.parse("2026-01-01"));
		s.infusion(LocalDate.parse("2026-01-12"), 2);
		s.infusion(LocalDate.parse("2026-01-05"), 1);
		List<IBaseResource> all = records.bundle().getEntry().stream().map(e -> (IBaseResource) e.getResource()).toList();
		ResearchSubject subject = (ResearchSubject) all.stream().filter(ResearchSubject.class::isInstance).findFirst()
				.orElseThrow();
		SafetyData.Subject mapped = mapper.subject(subject, "s", all, AS_OF);
		assertThat(mapped.day0()).isEqualTo(LocalDate.parse("2026-01-05"));
		assertThat(mapped.infusions()).extracting(SafetyData.Infusion::number).containsExactly(1, 2);
		SafetyData.Subject control = mapper.subject(subject, "s", List.of(), AS_OF);
		assertThat(control.day0()).isEqualTo(LocalDate.parse("2026-01-01"));
	}

	static final LocalDate AS_OF = LocalDate.parse("2027-01-01");

	/**
	 * Day 0 is the time line's (design.Day0), so $safety-summary and $evaluate-response agree: an infusion late in the
	 * evening at the sender's offset is dated as written (before, the safety summary took the UTC date, a day
	 * later); a subject whose only infusion was stopped has no day 0 (before, the enrolment date).
	 */
	@Test
	void dayZeroIsTheTimelinesDay0() {
		TrialRecords records = new TrialRecords();
		TrialRecords.Subject s = records.subject("p2", "ResearchStudy/s", "uc-msc", LocalDate.parse("2026-01-01"));
		s.infusion(LocalDate.parse("2026-01-05"), 1);
		List<IBaseResource> all = records.bundle().getEntry().stream().map(e -> (IBaseResource) e.getResource()).toList();
		org.hl7.fhir.r4.model.MedicationAdministration infusion = all.stream()
				.filter(org.hl7.fhir.r4.model.MedicationAdministration.class::isInstance)
				.map(org.hl7.fhir.r4.model.MedicationAdministration.class::cast).findFirst().orElseThrow();
		infusion.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-01-05T23:30:00-05:00"));
		ResearchSubject subject = (ResearchSubject) all.stream().filter(ResearchSubject.class::isInstance).findFirst()
				.orElseThrow();
		assertThat(mapper.subject(subject, "s", all, AS_OF).day0()).isEqualTo(LocalDate.parse("2026-01-05"));
		infusion.setStatus(org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus.STOPPED);
		assertThat(mapper.subject(subject, "s", all, AS_OF).day0()).isNull();
		infusion.setStatus(org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		assertThat(mapper.subject(subject, "s", all, LocalDate.parse("2026-01-04")).day0())
				.as("not infused yet by the cut-off: enrolment").isEqualTo(LocalDate.parse("2026-01-01"));
	}

	private static org.hl7.fhir.r4.model.Observation vital(String loinc, String value, String unit) {
		org.hl7.fhir.r4.model.Observation o = new org.hl7.fhir.r4.model.Observation();
		o.setId("Observation/v1/_history/2");
		o.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
		o.getCode().addCoding(new Coding("http://loinc.org", loinc, null));
		o.setEffective(new DateTimeType("2026-02-04T10:30:00+01:00"));
		if (value != null) {
			o.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(new java.math.BigDecimal(value))
					.setSystem("http://unitsofmeasure.org").setCode(unit));
		}
		return o;
	}

	@Test
	void vitalSignsAreReadAloneAndFromBloodPressureAndVitalSignsPanels() {
		org.hl7.fhir.r4.model.Observation panel = vital("85354-9", null, null);
		panel.addComponent().setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8480-6", null)))
				.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(182).setCode("mm[Hg]"));
		panel.addComponent().setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8462-4", null)))
				.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(95).setCode("mm[Hg]"));
		java.util.List<org.msclupus.fhir.safety.SafetyData.VitalValue> values = mapper.vitalValues(panel);
		assertThat(values).extracting(v -> v.sign().code()).containsExactly("systolic-bp", "diastolic-bp");
		assertThat(values.get(0).value()).isEqualByComparingTo("182");
		assertThat(values.get(0).reference()).isEqualTo("Observation/v1/_history/2");
		assertThat(values.get(0).date()).isEqualTo(java.time.LocalDate.parse("2026-02-04"));
		assertThat(mapper.vitalValues(vital("8867-4", "88", "/min"))).singleElement()
				.satisfies(v -> assertThat(v.value()).isEqualByComparingTo("88"));
	}

	@Test
	void vitalSignsAreConvertedToTheirUnit() {
		assertThat(mapper.vitalValues(vital("29463-7", "143.3", "[lb_av]")).get(0).value().doubleValue())
				.isCloseTo(65.0, org.assertj.core.api.Assertions.within(0.001));
		assertThat(mapper.vitalValues(vital("8310-5", "101", "[degF]")).get(0).value().doubleValue())
				.isCloseTo(38.333, org.assertj.core.api.Assertions.within(0.001));
		assertThat(mapper.vitalValues(vital("8310-5", "38.3", "Cel")).get(0).value()).isEqualByComparingTo("38.3");
		assertThat(mapper.vitalValues(vital("8867-4", "88", "mg"))).as("a unit that is no rate").isEmpty();
	}

	@Test
	void onlyCountedVitalSignsAreRead() {
		org.hl7.fhir.r4.model.Observation preliminary = vital("8867-4", "130", "/min");
		preliminary.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.PRELIMINARY);
		assertThat(mapper.vitalValues(preliminary)).isEmpty();
		assertThat(mapper.vitalValues(vital("2160-0", "1.0", "mg/dL"))).as("not a vital sign").isEmpty();
	}

	/**
	 * The safety index stores what {@link SafetyMapper#recordOf} takes of each record and reads it back for the
	 * summary: every kind of fact must come back equal, decimals with their digits and scale.
	 */
	@Test
	void aRecordsSafetyFactsComeBackFromTheIndexAsTheyWereTaken() {
		AdverseEvent event = event("MedicationAdministration/inf-1", "Possible");
		event.addStudy(new Reference("ResearchStudy/s"));
		event.getEvent().setText("Infusion reaction").addCoding(new Coding("http://snomed.info/sct", "213320003", null));
		event.addExtension(org.msclupus.fhir.design.TrialCodes.EXPECTED_IN_RESEARCH_STUDY_EXTENSION,
				new org.hl7.fhir.r4.model.BooleanType(false));
		org.hl7.fhir.r4.model.Extension suspect = event.addExtension()
				.setUrl(org.msclupus.fhir.design.TrialCodes.SUSPECT_ENTITY_EXTENSION);
		suspect.addExtension("instance", new Reference("BiologicallyDerivedProduct/ucmsc-lot-1"));
		suspect.addExtension().setUrl("causality").addExtension("entityRelatedness",
				new CodeableConcept().addCoding(new Coding(SafetyMapper.CAUSALITY, "Unlikely", null)));
		org.hl7.fhir.r4.model.Observation panel = vital("85354-9", null, null);
		panel.addComponent().setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8480-6", null)))
				.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(new BigDecimal("182.50")).setCode("mm[Hg]"));
		TrialRecords records = new TrialRecords();
		TrialRecords.Subject s = records.subject("p3", "ResearchStudy/s", "uc-msc", LocalDate.parse("2026-01-01"));
		s.infusion(LocalDate.parse("2026-01-05"), 1);
		s.creatinine(LocalDate.parse("2026-02-01"), "132.6", "umol/L");
		List<IBaseResource> trial = records.bundle().getEntry().stream().map(e -> (IBaseResource) e.getResource())
				.toList();
		String infusion = trial.stream().filter(org.hl7.fhir.r4.model.MedicationAdministration.class::isInstance)
				.findFirst().orElseThrow().getIdElement().getIdPart();
		event.getSuspectEntityFirstRep().setInstance(new Reference("MedicationAdministration/" + infusion));
		List<IBaseResource> all = new java.util.ArrayList<>(trial);
		all.addAll(List.of(event, panel, vital("8310-5", "101", "[degF]"),
				lab("718-7", "11.50", "g/dL", "120", "160", "g/L")));
		for (IBaseResource record : all) {
			org.msclupus.fhir.safety.SafetyRecord facts = mapper.recordOf(record);
			assertThat(SafetyRecordIndex.decode(SafetyRecordIndex.encode(facts))).as(record.fhirType())
					.isEqualTo(facts);
		}
		assertThat(SafetyRecordIndex.encode(mapper.recordOf(event))).as("arrays, without names")
				.startsWith("[[[\"AdverseEvent/e1/_history/1\",");
		assertThat(all.stream().map(mapper::recordOf).filter(f -> !f.isEmpty()).count())
				.as("the event, the infusion, the creatinine, the panel, the temperature, the haemoglobin").isEqualTo(6);
		ResearchSubject subject = (ResearchSubject) all.stream().filter(ResearchSubject.class::isInstance)
				.findFirst().orElseThrow();
		List<org.msclupus.fhir.safety.SafetyRecord> stored = all.stream().map(mapper::recordOf)
				.map(f -> SafetyRecordIndex.decode(SafetyRecordIndex.encode(f))).toList();
		assertThat(SafetyMapper.subject(subject, "s", AS_OF, stored)).isEqualTo(mapper.subject(subject, "s", all, AS_OF));
		assertThat(SafetyMapper.subject(subject, "s", AS_OF, stored).events().get(0).relatedness())
				.as("the infusion's assessment is the stronger").isEqualTo(SafetyData.Relatedness.POSSIBLY);
	}
}
