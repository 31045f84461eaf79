package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.response.operation.ResponseScenarios;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.design.VisitSchedule;

class TimelineMapperTest {

	private static final LocalDate AS_OF = LocalDate.parse("2027-01-01");
	private final TimelineMapper mapper = new TimelineMapper(new CanonicalUnits());

	/** The resources of the scenario cohort, given versions as the store would. */
	private static SubjectTimeline timelineOf(String key, List<Observation> extra) {
		Bundle cohort = ResponseScenarios.cohort();
		ResearchSubject subject = null;
		ResearchStudy study = null;
		List<Observation> observations = new java.util.ArrayList<>(extra);
		List<MedicationAdministration> administrations = new java.util.ArrayList<>();
		List<MedicationStatement> statements = new java.util.ArrayList<>();
		for (Bundle.BundleEntryComponent entry : cohort.getEntry()) {
			Resource r = entry.getResource();
			r.setId(r.fhirType() + "/" + r.getIdElement().getIdPart() + "/_history/1");
			if (r instanceof ResearchStudy s) {
				study = s;
			} else if (r instanceof ResearchSubject s && s.getIdPart().equals(key + "-enrolment")) {
				subject = s;
			} else if (r instanceof Observation o && o.getSubject().getReference().equals("Patient/" + key)) {
				observations.add(o);
			} else if (r instanceof MedicationAdministration a && a.getSubject().getReference().equals("Patient/" + key)) {
				administrations.add(a);
			} else if (r instanceof MedicationStatement m && m.getSubject().getReference().equals("Patient/" + key)) {
				statements.add(m);
			}
		}
		return new TimelineMapper(new CanonicalUnits()).toTimeline(
				new TimelineMapper.SubjectData(subject, study, observations, administrations, statements), AS_OF);
	}

	@Test
	void mapsTheScenarioSubject() {
		SubjectTimeline t = timelineOf("ln-cr", List.of());
		assertThat(t.day0()).contains(ResponseScenarios.DAY0);
		assertThat(t.day0Evidence()).contains("MedicationAdministration/ln-cr-infusion-1/_history/1");
		assertThat(t.studySchedule()).isEqualTo(VisitSchedule.WEEKS_24);
		assertThat(t.values(Measure.SERUM_CREATININE)).hasSize(5);
		Measurement baseline = t.values(Measure.SERUM_CREATININE).get(0);
		assertThat(baseline.upperLimit()).isEqualByComparingTo("1.2");
		assertThat(baseline.evidence()).isEqualTo("Observation/ln-cr-serum-creatinine-2026-01-08/_history/1");
		Measurement bilag = t.values(Measure.BILAG_2004).get(0);
		assertThat(bilag.hasAllBilagDomains()).isTrue();
		assertThat(bilag.value()).isEqualByComparingTo("30"); // C1 B8 E0 B8 D0 E0 E0 A12 C1
		assertThat(t.doseOn(ResponseScenarios.DAY0).prednisoneMgPerDay()).isEqualByComparingTo("30");
	}

	@Test
	void convertsSiUnitsAndReferenceRanges() {
		SubjectTimeline t = timelineOf("ln-si", List.of());
		Measurement creatinine = t.values(Measure.SERUM_CREATININE).get(0);
		assertThat(creatinine.value()).isEqualByComparingTo("1.5");
		assertThat(creatinine.upperLimit()).isEqualByComparingTo(new BigDecimal("106").divide(new BigDecimal("88.4"),
				java.math.MathContext.DECIMAL64));
		assertThat(t.values(Measure.URINE_PROTEIN_CREATININE_RATIO).get(1).value()).isEqualByComparingTo("0.5");
	}

	@Test
	void reportsValuesItCannotConvert() {
		Observation titer = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding(TrialCodes.LOINC, "11013-0", null)))
				.setEffective(new DateTimeType("2026-02-01")).setValue(new Quantity().setValue(160).setCode("{titer}"));
		titer.setId("Observation/titer/_history/2");
		SubjectTimeline t = timelineOf("ln-cr", List.of(titer));
		assertThat(t.values(Measure.ANTI_DSDNA)).isEmpty();
		assertThat(t.ignored()).containsExactly(
				"Observation/titer/_history/2: anti-dsDNA in '{titer}' cannot be converted to [IU]/mL");
	}

	@Test
	void keepsStatusesForTheRulesToJudge() {
		Observation preliminary = new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY)
				.setCode(new CodeableConcept().addCoding(new Coding(TrialCodes.LOINC, "2160-0", null)))
				.setEffective(new DateTimeType("2026-06-26")).setValue(new Quantity().setValue(0.5).setCode("mg/dL"));
		preliminary.setId("Observation/prelim/_history/1");
		SubjectTimeline t = timelineOf("ln-cr", List.of(preliminary));
		assertThat(t.values(Measure.SERUM_CREATININE)).noneMatch(m -> m.evidence().contains("prelim"));
	}

	@Test
	void datesA24HourCollectionByItsEnd() {
		Observation collection = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding(TrialCodes.LOINC, "2889-4", null)))
				.setEffective(new Period().setStartElement(new DateTimeType("2026-02-01T08:00:00+08:00"))
						.setEndElement(new DateTimeType("2026-02-02T08:00:00+08:00")))
				.setValue(new Quantity().setValue(1200).setCode("mg/(24.h)"));
		collection.setId("Observation/u24/_history/1");
		SubjectTimeline t = timelineOf("ln-cr", List.of(collection));
		Measurement m = t.values(Measure.URINE_PROTEIN_24H).get(0);
		assertThat(m.date()).isEqualTo(LocalDate.parse("2026-02-02")); // the date as the sender wrote it
		assertThat(m.value()).isEqualByComparingTo("1.2");
	}

	@Test
	void acceptsAnInstantAndSkipsDatesLessPreciseThanADay() {
		Observation instant = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding(TrialCodes.LOINC, "4485-9", null)))
				.setEffective(new org.hl7.fhir.r4.model.InstantType("2026-03-01T10:15:00Z"))
				.setValue(new Quantity().setValue(90).setCode("mg/dL"));
		instant.setId("Observation/c3/_history/1");
		Observation monthOnly = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding(TrialCodes.LOINC, "4485-9", null)))
				.setEffective(new DateTimeType("2026-03")).setValue(new Quantity().setValue(80).setCode("mg/dL"));
		monthOnly.setId("Observation/c3-month/_history/1");
		SubjectTimeline t = timelineOf("ln-cr", List.of(instant, monthOnly));
		assertThat(t.values(Measure.COMPLEMENT_C3)).singleElement()
				.satisfies(m -> assertThat(m.value()).isEqualByComparingTo("0.9"));
		assertThat(t.ignored()).containsExactly("Observation/c3-month/_history/1: no effective date to at least the day");
	}

	@ParameterizedTest(name = "{0} mg x {1} per {2} {3} of RxNorm {4} = {5} mg/d prednisone")
	@CsvSource({
		"10, 1, 1, d, 8640, 10",
		"5, 2, 1, d, 8638, 10", // prednisolone twice a day
		"8, 1, 1, d, 6902, 10", // methylprednisolone x 1.25
		"1.5, 1, 1, d, 3264, 10.005", // dexamethasone x 6.67
		"20, 2, 1, d, 5492, 10", // hydrocortisone x 0.25
		"70, 1, 1, wk, 8640, 10"})
	void computesPrednisoneEquivalentDailyDoses(String mg, int frequency, String period, String unit, String rxnorm,
			String expected) {
		MedicationStatement statement = new MedicationStatement()
				.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE)
				.setMedication(new CodeableConcept().addCoding(new Coding(TrialCodes.RXNORM, rxnorm, null)))
				.setEffective(new Period().setStartElement(new DateTimeType("2026-01-01")));
		statement.addDosage().setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent()
						.setFrequency(frequency).setPeriod(new BigDecimal(period))
						.setPeriodUnit(Timing.UnitsOfTime.fromCode(unit))))
				.addDoseAndRate().setDose(new Quantity().setValue(new BigDecimal(mg)).setCode("mg"));
		statement.setId("MedicationStatement/gc/_history/1");
		SubjectTimeline t = new TimelineMapper(new CanonicalUnits()).toTimeline(new TimelineMapper.SubjectData(
				(ResearchSubject) new ResearchSubject().setId("ResearchSubject/s/_history/1"), null, List.of(), List.of(),
				List.of(statement)), AS_OF);
		assertThat(t.doseOn(LocalDate.parse("2026-03-01")).prednisoneMgPerDay()).isEqualByComparingTo(expected);
	}

	@Test
	void recognisesTheMscProductInAContainedMedication() {
		MedicationAdministration infusion = new MedicationAdministration();
		Medication product = new Medication().setCode(new CodeableConcept().addCoding(
				new Coding(TrialCodes.LUPUS_TRIAL, "uc-msc", null)));
		product.setId("product");
		infusion.addContained(product);
		infusion.setMedication(new Reference("#product"));
		assertThat(TimelineMapper.isMscProduct(infusion)).isTrue();
		infusion.setMedication(new CodeableConcept().addCoding(new Coding(TrialCodes.RXNORM, "8640", null)));
		assertThat(TimelineMapper.isMscProduct(infusion)).isFalse();
	}

	@Test
	void readsTheStudyCriteria() {
		ResearchStudy study = (ResearchStudy) ResponseScenarios.cohort().getEntryFirstRep().getResource();
		assertThat(org.msclupus.fhir.design.fhir.StudyDesigns.criteria(study)).containsExactly("ln-renal-response", "sri-4");
		assertThat(new TrialRecords().bundle().getEntry()).isEmpty();
	}
}
