package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msclupus.fhir.safety.SafetyData;

/**
 * The CTCAE v5.0 boundaries again, each value and limit of normal sent in another unit than the grading's, as an EHR
 * sends it (issue 28): the mapping converts by UCUM (and creatinine and bilirubin by their molar factors) and the
 * grade is the one the same value gets in the grading unit ({@code safety.LabToxicityTest}).
 */
class LabToxicityUnitsTest {

	static final SafetyMapper MAPPER = new SafetyMapper(new CanonicalUnits());

	static Observation lab(String loinc, String value, String unit, String limit, boolean lower) {
		Observation o = new Observation();
		o.setId("Observation/o1/_history/1");
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setSubject(new Reference("Patient/p1"));
		o.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, null)));
		o.setEffective(new DateTimeType("2025-03-01"));
		o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org").setCode(unit)
				.setUnit(unit));
		Quantity normal = new Quantity().setValue(new BigDecimal(limit)).setSystem("http://unitsofmeasure.org")
				.setCode(unit).setUnit(unit);
		if (lower) {
			o.addReferenceRange().setLow(normal);
		} else {
			o.addReferenceRange().setHigh(normal);
		}
		return o;
	}

	/** Decreases: neutrophils, leukocytes, lymphocytes and platelets per microlitre, haemoglobin in g/L. */
	@ParameterizedTest(name = "{0} {1} {2} (LLN {3}) is grade {4}")
	@CsvSource({
		"751-8, 2000, /uL, 2000, 0", "751-8, 1999, /uL, 2000, 1", "751-8, 1500, /uL, 2000, 1",
		"751-8, 1499, /uL, 2000, 2", "751-8, 1000, /uL, 2000, 2", "751-8, 999, /uL, 2000, 3",
		"751-8, 500, /uL, 2000, 3", "751-8, 499, /uL, 2000, 4",
		"6690-2, 3.0, 10*3/uL, 4.0, 1", "6690-2, 2.99, 10*3/uL, 4.0, 2", "6690-2, 2.0, 10*3/uL, 4.0, 2",
		"6690-2, 1.99, 10*3/uL, 4.0, 3", "6690-2, 1.0, 10*3/uL, 4.0, 3", "6690-2, 0.99, 10*3/uL, 4.0, 4",
		"6690-2, 4.0, 10*3/uL, 4.0, 0", "6690-2, 3.99, 10*3/uL, 4.0, 1",
		"731-0, 1000, /uL, 1000, 0", "731-0, 999, /uL, 1000, 1", "731-0, 800, /uL, 1000, 1",
		"731-0, 799, /uL, 1000, 2", "731-0, 500, /uL, 1000, 2", "731-0, 499, /uL, 1000, 3",
		"731-0, 200, /uL, 1000, 3", "731-0, 199, /uL, 1000, 4",
		"777-3, 150000, /uL, 150000, 0", "777-3, 149999, /uL, 150000, 1", "777-3, 75000, /uL, 150000, 1",
		"777-3, 74999, /uL, 150000, 2", "777-3, 50000, /uL, 150000, 2", "777-3, 49999, /uL, 150000, 3",
		"777-3, 25000, /uL, 150000, 3", "777-3, 24999, /uL, 150000, 4",
		"718-7, 120, g/L, 120, 0", "718-7, 119, g/L, 120, 1", "718-7, 100, g/L, 120, 1", "718-7, 99, g/L, 120, 2",
		"718-7, 80, g/L, 120, 2", "718-7, 79, g/L, 120, 3"
	})
	void decreasesInOtherUnits(String loinc, String value, String unit, String limit, int grade) {
		SafetyData.GradedLab graded = MAPPER.gradedLab(lab(loinc, value, unit, limit, true)).orElseThrow();
		assertThat(graded.term().grade(graded.value(), graded.limit(), null)).isEqualTo(grade);
	}

	/** Increases: ALT and AST in ukat/L, bilirubin and creatinine in umol/L (ULN 1.0 mg/dL in umol/L). */
	@ParameterizedTest(name = "{0} {1} {2} (ULN {3}) is grade {4}")
	@CsvSource({
		"1742-6, 0.6, ukat/L, 0.6, 0", "1742-6, 0.61, ukat/L, 0.6, 1", "1742-6, 1.8, ukat/L, 0.6, 1",
		"1742-6, 1.81, ukat/L, 0.6, 2", "1742-6, 3.0, ukat/L, 0.6, 2", "1742-6, 3.01, ukat/L, 0.6, 3",
		"1742-6, 12.0, ukat/L, 0.6, 3", "1742-6, 12.01, ukat/L, 0.6, 4",
		"1920-8, 0.61, ukat/L, 0.6, 1", "1920-8, 12.01, ukat/L, 0.6, 4",
		"1975-2, 17.104, umol/L, 17.104, 0", "1975-2, 17.2, umol/L, 17.104, 1", "1975-2, 25.656, umol/L, 17.104, 1",
		"1975-2, 25.7, umol/L, 17.104, 2", "1975-2, 51.312, umol/L, 17.104, 2", "1975-2, 51.4, umol/L, 17.104, 3",
		"1975-2, 171.04, umol/L, 17.104, 3", "1975-2, 171.2, umol/L, 17.104, 4",
		"14682-9, 88.4, umol/L, 88.4, 0", "14682-9, 88.5, umol/L, 88.4, 1", "14682-9, 132.6, umol/L, 88.4, 1",
		"14682-9, 132.7, umol/L, 88.4, 2", "14682-9, 265.2, umol/L, 88.4, 2", "14682-9, 265.3, umol/L, 88.4, 3",
		"14682-9, 530.4, umol/L, 88.4, 3", "14682-9, 530.5, umol/L, 88.4, 4"
	})
	void increasesInOtherUnits(String loinc, String value, String unit, String limit, int grade) {
		SafetyData.GradedLab graded = MAPPER.gradedLab(lab(loinc, value, unit, limit, false)).orElseThrow();
		assertThat(graded.term().grade(graded.value(), graded.limit(), null)).isEqualTo(grade);
	}
}
