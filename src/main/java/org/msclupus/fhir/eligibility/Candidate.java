package org.msclupus.fhir.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the screen knows of a candidate, already taken out of the FHIR resources. The birth date is a range, so a
 * year-only date can still decide an age criterion when the whole year falls on one side of a bound.
 */
public record Candidate(LocalDate birthDateEarliest, LocalDate birthDateLatest, String gender,
		List<MeasureValue> measures, List<ClinicalRecord> records, List<ConsentRecord> consents,
		List<Attestation> attestations) {

	/** A code: system and code. */
	public record Code(String system, String code) {
	}

	/** A value of a trial measure in its canonical unit. */
	public record MeasureValue(String measure, LocalDate date, BigDecimal value, String unit, String reference) {
	}

	/**
	 * A Condition, Observation, medication, Procedure or Immunization record: its codes, the days it started and ended
	 * ({@code end} null while ongoing or unknown; for a one-off record equal to {@code start}), and for an Observation
	 * its value as a boolean or codes.
	 */
	public record ClinicalRecord(String resourceType, String reference, List<Code> codes, LocalDate start,
			LocalDate end, Boolean booleanValue, List<Code> valueCodes) {
	}

	public record ConsentRecord(String reference, String status, LocalDate date) {
	}

	/**
	 * An investigator's answer for one criterion ({@code value} true: the criterion is met), recorded as an
	 * Observation coded with the criteria set's URL as system and the criterion id as code.
	 */
	public record Attestation(String criteriaUrl, String criterionId, boolean value, LocalDate date, String reference) {
	}
}
