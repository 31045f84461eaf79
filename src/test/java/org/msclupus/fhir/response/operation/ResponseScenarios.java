package org.msclupus.fhir.response.operation;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.msclupus.fhir.cohort.TrialRecords;

/**
 * A small lupus nephritis cohort whose expected responses are worked out by hand (see the comments), loaded by the
 * integration tests and used in the README example.
 */
public final class ResponseScenarios {

	public static final LocalDate ENROLLED = LocalDate.parse("2026-01-05");
	/** Day 0: the first MSC infusion. Week 24 (day 168) is 2026-06-27. */
	public static final LocalDate DAY0 = LocalDate.parse("2026-01-10");
	public static final LocalDate AS_OF = LocalDate.parse("2027-02-01");

	private ResponseScenarios() {
	}

	public static Bundle cohort() {
		TrialRecords records = new TrialRecords();
		String study = records.study("ln-trial", "NCT05631717", "weeks-24", List.of("ln-renal-response", "sri-4"));

		// Renal PR from week 8 (creatinine and UPCR both fell > 30 %), CR at week 24; SRI-4 responder.
		TrialRecords.Subject cr = records.subject("ln-cr", study, "uc-msc", ENROLLED);
		cr.infusion(DAY0, 1);
		cr.infusion(DAY0.plusDays(7), 2);
		cr.glucocorticoid("8640", "prednisone", "30", LocalDate.parse("2025-12-01"), LocalDate.parse("2026-02-28"));
		cr.glucocorticoid("8640", "prednisone", "7.5", LocalDate.parse("2026-03-01"), null);
		LocalDate baseline = DAY0.minusDays(2);
		cr.creatinine(baseline, "1.5", "mg/dL");
		cr.upcr(baseline, "2.0", "g/g");
		cr.sledai(baseline, 12);
		cr.pga(baseline, "2.0");
		cr.bilag(baseline, "CBEBDEEAC");
		cr.creatinine(DAY0.plusDays(28), "1.3", "mg/dL"); // week 4: NR (falls 13 % and 40 %)
		cr.upcr(DAY0.plusDays(28), "1.2", "g/g");
		cr.creatinine(DAY0.plusDays(56), "1.0", "mg/dL"); // week 8: PR (falls 33 % and 55 %)
		cr.upcr(DAY0.plusDays(56), "0.9", "g/g");
		cr.creatinine(DAY0.plusDays(112), "0.95", "mg/dL"); // week 16: PR
		cr.upcr(DAY0.plusDays(112), "0.6", "g/g");
		LocalDate week24 = DAY0.plusDays(168);
		cr.creatinine(week24, "0.9", "mg/dL"); // week 24: CR on 7.5 mg/d prednisone
		cr.upcr(week24, "0.31", "g/g");
		cr.sledai(week24, 4);
		cr.pga(week24, "1.0");
		cr.bilag(week24, "CCEDDEECD");

		// SI units at exact boundaries: 132.6 umol/L = 1.5 mg/dL, 106.08 umol/L = 1.2 mg/dL (meets CR's creatinine
		// limit), 226.24 mg/mmol = 2.0 g/g, 56.56 mg/mmol = 0.5 g/g (not under 0.5). Not CR; creatinine fell only
		// 20 %, so not PR either: NR.
		TrialRecords.Subject si = records.subject("ln-si", study, "uc-msc", ENROLLED);
		si.infusion(DAY0, 1);
		si.creatinine(baseline, "132.6", "umol/L");
		si.upcr(baseline, "226.24", "mg/mmol");
		si.creatinine(week24.plusDays(3), "106.08", "umol/L");
		si.upcr(week24.plusDays(3), "56.56", "mg/mmol");

		// Control arm (no infusion: day 0 is the enrolment date) without any proteinuria: NE.
		TrialRecords.Subject control = records.subject("ln-control", study, "control", ENROLLED);
		control.creatinine(ENROLLED.minusDays(1), "1.1", "mg/dL");
		control.creatinine(ENROLLED.plusDays(168), "1.0", "mg/dL");

		// BILAG over 12 months: NR at month 1, PCR at month 3, MCR at month 6, relapse at month 9 (two domains newly
		// B against month 3).
		TrialRecords.Subject bilag = records.subject("sle-bilag", study, "uc-msc", ENROLLED);
		bilag.infusion(DAY0, 1);
		bilag.bilag(DAY0.plusDays(30), "CBEBDEEAC");
		bilag.bilag(DAY0.plusDays(91), "CBEEEEECC");
		bilag.bilag(DAY0.plusDays(183), "CCEEEEECC");
		bilag.bilag(DAY0.plusDays(274), "CBEBEEEBC");
		return records.bundle();
	}
}
