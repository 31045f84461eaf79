package org.msclupus.fhir.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.design.Infusion;

/** Putting a subject's safety data together from the facts its records gave when they were written. */
class SafetyRecordTest {

	static final LocalDate AS_OF = LocalDate.parse("2027-01-01");
	static final LocalDate ENROLLED = LocalDate.parse("2026-01-05");

	static SafetyRecord dose(String id, String date, String status, Integer number) {
		Instant start = "completed".equals(status) ? Instant.parse(date + "T09:00:00Z") : null;
		return new SafetyRecord(null, new SafetyRecord.Dose(new Infusion(LocalDate.parse(date), status,
				"MedicationAdministration/" + id + "/_history/1"), start, number), null, List.of(), null);
	}

	static SafetyRecord event(String id, List<String> studies, Map<String, SafetyData.Relatedness> suspects,
			SafetyData.Relatedness product) {
		return new SafetyRecord(new SafetyRecord.Event(new SafetyData.AdverseEvent("AdverseEvent/" + id + "/_history/1",
				Instant.parse("2026-02-01T00:00:00Z"), LocalDate.parse("2026-02-01"), true, 3,
				SafetyData.Relatedness.UNKNOWN, false), studies,
				suspects, product), null, null, List.of(), null);
	}

	static SafetyData.Subject subject(List<SafetyRecord> records) {
		return SafetyRecord.subject("ResearchSubject/s1", "uc-msc", ENROLLED, AS_OF, "study-1", records);
	}

	@Test
	void infusionsAreNumberedByTheirRecordElseByTheirOrderAndOnlyCompletedOnesCount() {
		SafetyData.Subject subject = subject(List.of(dose("second", "2026-01-17", "completed", null),
				dose("failed", "2026-01-09", "not-done", null), dose("first", "2026-01-10", "completed", null),
				dose("third", "2026-01-24", "completed", 7)));
		assertThat(subject.infusions()).extracting(SafetyData.Infusion::reference, SafetyData.Infusion::number)
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple("MedicationAdministration/first/_history/1", 1),
						org.assertj.core.groups.Tuple.tuple("MedicationAdministration/second/_history/1", 2),
						org.assertj.core.groups.Tuple.tuple("MedicationAdministration/third/_history/1", 7));
		assertThat(subject.day0()).as("the first completed infusion").isEqualTo(LocalDate.parse("2026-01-10"));
	}

	@Test
	void day0IsTheEnrolmentWithoutInfusionAndNoneWhenEveryInfusionFailed() {
		assertThat(subject(List.of()).day0()).isEqualTo(ENROLLED);
		assertThat(subject(List.of(dose("failed", "2026-01-09", "not-done", null))).day0()).isNull();
		assertThat(SafetyRecord.subject("ResearchSubject/s1", "control", ENROLLED, ENROLLED.minusDays(1), "study-1",
				List.of()).day0()).as("enrolled after the cut-off").isNull();
	}

	@Test
	void anEventIsRelatedAsAssessedAgainstTheSubjectsInfusionsOrTheProduct() {
		SafetyRecord infusion = dose("inf-1", "2026-01-10", "completed", null);
		SafetyRecord againstInfusion = event("e1", List.of(), Map.of("inf-1", SafetyData.Relatedness.POSSIBLY,
				"other-drug", SafetyData.Relatedness.RELATED), SafetyData.Relatedness.UNKNOWN);
		SafetyRecord againstProduct = event("e2", List.of(), Map.of("other-drug", SafetyData.Relatedness.RELATED),
				SafetyData.Relatedness.UNRELATED);
		SafetyRecord both = event("e3", List.of(), Map.of("inf-1", SafetyData.Relatedness.UNRELATED),
				SafetyData.Relatedness.RELATED);
		assertThat(subject(List.of(infusion, againstInfusion, againstProduct, both)).events())
				.extracting(SafetyData.AdverseEvent::relatedness)
				.containsExactly(SafetyData.Relatedness.POSSIBLY, SafetyData.Relatedness.UNRELATED,
						SafetyData.Relatedness.RELATED);
		assertThat(subject(List.of(againstInfusion)).events().get(0).relatedness())
				.as("the suspect is no infusion of this subject's").isEqualTo(SafetyData.Relatedness.UNKNOWN);
	}

	@Test
	void anEventOfAnotherStudyIsNotThisStudysButOneOfNoStudyIs() {
		SafetyRecord ours = event("ours", List.of("study-1"), Map.of(), SafetyData.Relatedness.UNKNOWN);
		SafetyRecord ehr = event("ehr", List.of(), Map.of(), SafetyData.Relatedness.UNKNOWN);
		SafetyRecord theirs = event("theirs", List.of("study-2"), Map.of(), SafetyData.Relatedness.UNKNOWN);
		assertThat(subject(List.of(ours, ehr, theirs)).events()).extracting(SafetyData.AdverseEvent::reference)
				.containsExactly("AdverseEvent/ours/_history/1", "AdverseEvent/ehr/_history/1");
		assertThat(theirs.usedBy("study-1")).isFalse();
		assertThat(theirs.usedBy("study-2")).isTrue();
		assertThat(ehr.usedBy("study-1")).isTrue();
	}

	@Test
	void observationsGiveTheirValuesAndARecordWithoutFactsIsEmpty() {
		SafetyData.LabResult alt = new SafetyData.LabResult("Observation/o1/_history/1", SafetyLab.values()[0],
				LocalDate.parse("2026-02-01"), new BigDecimal("50"), null, new BigDecimal("40"));
		SafetyData.VitalValue pulse = new SafetyData.VitalValue("Observation/o2/_history/1", VitalSign.values()[0],
				LocalDate.parse("2026-02-01"), new BigDecimal("80"));
		SafetyData.Subject subject = subject(List.of(new SafetyRecord(null, null, alt, List.of(), null),
				new SafetyRecord(null, null, null, List.of(pulse), null)));
		assertThat(subject.labs()).containsExactly(alt);
		assertThat(subject.vitals()).containsExactly(pulse);
		assertThat(SafetyRecord.NONE.isEmpty()).isTrue();
		assertThat(SafetyRecord.NONE.usedBy("study-1")).isFalse();
		assertThat(new SafetyRecord(null, null, null, List.of(pulse), null).usedBy("any")).isTrue();
	}
}
