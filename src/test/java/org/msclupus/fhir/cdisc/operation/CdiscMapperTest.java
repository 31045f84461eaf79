package org.msclupus.fhir.cdisc.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cdisc.TrialData;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.records.TimelineMapper;

class CdiscMapperTest {

	static final LocalDate DAY0 = LocalDate.parse("2026-01-05");

	final CdiscMapper mapper = new CdiscMapper(new CanonicalUnits(), new TimelineMapper(new CanonicalUnits()));

	static Observation observation(String id, String loinc, String value, String unit) {
		Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", loinc, null)))
				.setSubject(new Reference("Patient/p1"))
				.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org")
						.setCode(unit));
		o.setId("Observation/" + id + "/_history/1");
		return o;
	}

	TrialData.Subject subject(List<IBaseResource> records, LocalDate asOf) {
		ResearchSubject subject = new ResearchSubject().setStudy(new Reference("ResearchStudy/s"))
				.setIndividual(new Reference("Patient/p1")).setAssignedArm("uc-msc");
		subject.setId("ResearchSubject/rs1");
		return mapper.subject(subject, new Patient(), records, "s", DAY0, asOf, List.of());
	}

	/** ADLB traces each graded value to its LB record, so a test CTCAE grades is in LB whatever its category says. */
	@Test
	void aGradedTestIsALaboratoryFindingWithoutItsCategory() {
		Observation neutrophils = observation("n1", "751-8", "0.9", "10*9/L").setEffective(new DateTimeType("2026-02-02"));
		TrialData.Subject subject = subject(List.of(neutrophils), null);
		assertThat(subject.gradedLabs()).singleElement().satisfies(g -> assertThat(g.reference())
				.isEqualTo("Observation/n1/_history/1"));
		assertThat(subject.labs()).extracting(TrialData.Finding::reference).containsExactly("Observation/n1");
	}

	/** A 24-hour urine collection keeps both its dates, and counts for asOf on its last day as the response rules do. */
	@Test
	void aTimedCollectionKeepsItsEndAndCountsOnItsLastDay() {
		Observation urine = observation("u1", "2889-4", "1.2", "g/(24.h)").setEffective(new Period()
				.setStartElement(new DateTimeType("2026-02-01T08:00:00+01:00"))
				.setEndElement(new DateTimeType("2026-02-02T08:00:00+01:00")));
		TrialData.Finding finding = subject(List.of(urine), null).labs().get(0);
		assertThat(finding.date()).isEqualTo("2026-02-01T08:00:00"); // local time as written, as SDTM keeps it
		assertThat(finding.end()).isEqualTo("2026-02-02T08:00:00");
		assertThat(finding.day()).contains(LocalDate.parse("2026-02-02"));
		assertThat(subject(List.of(urine), LocalDate.parse("2026-02-01")).labs()).as("ended after asOf").isEmpty();
		assertThat(subject(List.of(urine), LocalDate.parse("2026-02-02")).labs()).hasSize(1);
	}
}
