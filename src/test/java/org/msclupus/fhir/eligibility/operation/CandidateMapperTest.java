package org.msclupus.fhir.eligibility.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.eligibility.Candidate;
import org.msclupus.fhir.records.CanonicalUnits;
import org.msclupus.fhir.records.TimelineMapper;

class CandidateMapperTest {

	static final String CRITERIA = "http://example.org/criteria";

	final CandidateMapper mapper = new CandidateMapper(new TimelineMapper(new CanonicalUnits()));

	/** A collection from 08:00 on 3 February to 08:00 on 4 February: the response rules count it on the 4th. */
	static Period overnight() {
		return new Period().setStartElement(new DateTimeType("2026-02-03T08:00:00+01:00"))
				.setEndElement(new DateTimeType("2026-02-04T08:00:00+01:00"));
	}

	/**
	 * A 24-hour urine protein was one value on two days: as a measure on the day its collection ended (as
	 * $evaluate-response counts it), as a coded record on the day it began.
	 */
	@Test
	void aMeasureAndItsRecordAreDatedTheDayTheResponseRulesCountThem() {
		Observation urine = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "2889-4", null)))
				.setEffective(overnight())
				.setValue(new Quantity().setValue(new BigDecimal("1.2")).setSystem("http://unitsofmeasure.org")
						.setCode("g/(24.h)"));
		urine.setId("Observation/u1/_history/1");
		Observation attested = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding(CRITERIA, "inclusion-1", null)))
				.setEffective(overnight()).setValue(new BooleanType(true));
		attested.setId("Observation/a1/_history/1");

		Candidate candidate = mapper.candidate(new Patient(), List.of(urine, attested), CRITERIA);

		LocalDate ended = LocalDate.parse("2026-02-04");
		assertThat(TimelineMapper.effectiveDay(urine)).contains(ended);
		assertThat(candidate.measures()).singleElement().satisfies(m -> assertThat(m.date()).isEqualTo(ended));
		assertThat(candidate.records()).singleElement().satisfies(r -> {
			assertThat(r.start()).isEqualTo(ended);
			assertThat(r.end()).isEqualTo(ended);
		});
		assertThat(candidate.attestations()).singleElement().satisfies(a -> assertThat(a.date()).isEqualTo(ended));
	}
}
