package org.msclupus.fhir.cdisc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.safety.SafetyData;

/** A two-arm study of two subjects, as the FHIR adapter would hand it to the dataset builders. */
final class TrialDataFixture {

	static final LocalDate DAY0 = LocalDate.of(2025, 1, 8);

	private TrialDataFixture() {
	}

	static TrialData.Study study() {
		return new TrialData.Study("LN-01", "UC-MSC in lupus nephritis", "NCT05631717", "phase-2",
				"Lupus nephritis", "2024-06-01", null, List.of(new TrialData.Arm("uc-msc", "UC-MSC 1e6/kg days 0 "
						+ "and 7"), new TrialData.Arm("control", null)), VisitSchedule.WEEKS_24, 14,
				List.of("ln-renal-response"));
	}

	static TrialData.Finding creatinine(String ref, LocalDate date, String value) {
		return new TrialData.Finding(ref, new Terminology.Test("CREAT", "Creatinine"), "2160-0", "Creatinine",
				value, new BigDecimal(value), "mg/dL", new BigDecimal(value), "mg/dL", new BigDecimal("0.5"),
				new BigDecimal("1.1"), date.toString(), null, "SERUM");
	}

	static TrialData.Subject treated() {
		return new TrialData.Subject("s1", "site-a", "uc-msc", "uc-msc", DAY0, "2025-01-06", null, "1975", "female",
				false, null,
				List.of(new TrialData.Exposure("MedicationAdministration/i1", 1, DAY0 + "T09:00:00", null,
						BigDecimal.ONE, "10*6/kg", "INTRAVENOUS", "LOT-1"),
						new TrialData.Exposure("MedicationAdministration/i2", 2, DAY0.plusDays(7) + "T09:00:00", null,
								BigDecimal.ONE, "10*6/kg", "INTRAVENOUS", "LOT-2")),
				List.of(new TrialData.Medication("MedicationStatement/m1", "prednisone", "8640", new BigDecimal("20"),
						"mg", BigDecimal.ONE, "ORAL", "2024-12-09", null, new BigDecimal("20")),
						new TrialData.Medication("MedicationStatement/m2", "hydroxychloroquine", "5521",
								new BigDecimal("200"), "mg", new BigDecimal("2"), "ORAL", "2024-01", null, null)),
				List.of(creatinine("Observation/c1", DAY0.minusDays(3), "1.4"),
						creatinine("Observation/c2", DAY0, "1.2"),
						creatinine("Observation/c3", DAY0.plusDays(28), "1.1"),
						creatinine("Observation/c4", DAY0.plusDays(84), "0.4")),
				List.of(),
				List.of(new TrialData.Event("AdverseEvent/e1", "Fever after infusion", "FEVER", DAY0 + "T15:00:00",
						null, false, 1, SafetyData.Relatedness.RELATED, "resolved")),
				List.of(new TrialData.Rating("Observation/r1", "SLEDAI-2K", "SLEDAI", "SLEDAI-2K Total Score", "12",
						new BigDecimal("12"), DAY0.minusDays(3).toString())));
	}

	static TrialData.Subject untreated() {
		return new TrialData.Subject("s2", "site-b", "control", null, null, "2025-01-06", null, "1980-05-17", "male",
				true, "2025-03-01", List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
	}
}
