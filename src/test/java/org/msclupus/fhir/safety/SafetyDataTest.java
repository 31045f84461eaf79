package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyDataTest {

	private static SafetyData.Subject subject(String id, List<SafetyData.LabResult> labs) {
		return new SafetyData.Subject(id, "uc-msc", LocalDate.of(2026, 1, 5), List.of(), List.of(), labs);
	}

	/** A subject hashes by id and arm (cheap as a map key); equality still compares everything. */
	@Test
	void equalSubjectsHashAlikeAndEqualityStaysWhole() {
		SafetyData.LabResult alt = new SafetyData.LabResult("Observation/alt-1", SafetyLab.ALT,
				LocalDate.of(2026, 2, 5), new BigDecimal("41"), new BigDecimal("7"), new BigDecimal("40"));
		SafetyData.Subject a = subject("ResearchSubject/a", List.of(alt));
		assertThat(subject("ResearchSubject/a", List.of(alt))).isEqualTo(a).hasSameHashCodeAs(a);
		assertThat(subject("ResearchSubject/a", List.of())).isNotEqualTo(a).hasSameHashCodeAs(a);
		assertThat(subject("ResearchSubject/b", List.of(alt))).isNotEqualTo(a);
		assertThat(new SafetyData.Subject("ResearchSubject/a", "control", a.day0(), List.of(), List.of(), a.labs()))
				.isNotEqualTo(a);
	}
}
