package org.msclupus.fhir.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Seeded, deterministic synthetic trial data in the two shapes of the trials the server is built for, as
 * transaction Bundles of PUTs (one for the study, one per subject), so loading them twice changes nothing:
 * <ul>
 * <li>{@link #multicenterStudy}: the UC-MSC multicenter study (Wang D et al., Arthritis Res Ther 2014;16:R79): one
 * arm, 1x10^6 cells/kg on days 0 and 7, SLEDAI-2K, BILAG-2004, PGA and laboratory values every visit of months
 * 1-12, with a mix of major, partial and no response and relapses at months 9 and 12;</li>
 * <li>{@link #lupusNephritisTrial}: the UC-MSC versus low-dose IL-2 trial (NCT05631717): two arms, weeks 0-24,
 * creatinine and proteinuria (some sites in umol/L and mg/mmol, some with 24-hour protein instead of UPCR), a
 * prednisone taper, SLEDAI-2K, BILAG-2004 and PGA.</li>
 * </ul>
 * Both have missing and out-of-window visits and safety laboratory values (ALT, AST, leukocytes, platelets).
 */
public final class SyntheticCohort {

	private static final LocalDate FIRST_ENROLMENT = LocalDate.parse("2024-03-04");
	private static final int[] MONTH_DAYS = {30, 91, 183, 274, 365};
	private static final int[] WEEK_DAYS = {28, 56, 112, 140, 168};

	private SyntheticCohort() {
	}

	/** The multicenter study shape: {@code subjects} subjects of one arm, months 1-12. */
	public static List<Bundle> multicenterStudy(String studyId, int subjects, long seed) {
		Random random = new Random(seed);
		List<Bundle> bundles = new ArrayList<>();
		TrialRecords head = new TrialRecords();
		String study = head.study(studyId, "NCT01741857", "months-12", List.of("bilag-mcr-pcr", "change-from-baseline"));
		bundles.add(head.bundle());
		for (int i = 0; i < subjects; i++) {
			TrialRecords records = new TrialRecords();
			LocalDate enrolled = FIRST_ENROLMENT.plusDays(random.nextInt(540));
			TrialRecords.Subject s = records.subject(studyId + "-s" + i, study, "uc-msc", enrolled);
			LocalDate day0 = enrolled.plusDays(2 + random.nextInt(5));
			String first = s.infusion(day0, 1);
			s.infusion(day0.plusDays(7), 2);
			// Outcome class: 13/40 major, 11/40 partial, the rest none, roughly as the study reports.
			double draw = random.nextDouble();
			int outcome = draw < 0.325 ? 2 : draw < 0.6 ? 1 : 0;
			int relapseMonth = outcome > 0 && random.nextDouble() < 0.3 ? (random.nextBoolean() ? 274 : 365) : -1;
			int sledai0 = 8 + random.nextInt(10);
			double protein0 = 1.0 + random.nextDouble() * 3.0; // g/24 h
			measureVisit(s, random, day0.minusDays(random.nextInt(4)), sledai0, "ABBCCDEAC", 2.2, protein0);
			for (int v = 0; v < MONTH_DAYS.length; v++) {
				if (random.nextDouble() < 0.05) {
					continue; // missed visit
				}
				int target = MONTH_DAYS[v];
				int offset = random.nextDouble() < 0.03 ? 35 + random.nextInt(10) : random.nextInt(21) - 10;
				double progress = Math.min(1.0, (v + 1) / 3.0);
				boolean relapsed = relapseMonth > 0 && target >= relapseMonth;
				String grades = relapsed ? "CBBBCDEBC" : gradesFor(outcome, progress);
				int sledai = relapsed ? sledai0 - 1 : (int) Math.round(sledai0 * (1 - progress * (0.25 + 0.3 * outcome)));
				double protein = protein0 * (relapsed ? 0.9 : 1 - progress * (0.2 + 0.3 * outcome));
				measureVisit(s, random, day0.plusDays(target + offset), sledai, grades,
						2.2 * (1 - progress * 0.3 * outcome), protein);
			}
			safety(s, study, seed, i, day0, MONTH_DAYS, first);
			bundles.add(records.bundle());
		}
		return bundles;
	}

	/** The comparator arm of NCT05631717: low-dose IL-2. */
	static final String IL2_ARM = "il-2";

	/** The lupus nephritis trial shape: {@code subjects} subjects in two arms, weeks 0-24. */
	public static List<Bundle> lupusNephritisTrial(String studyId, int subjects, long seed) {
		Random random = new Random(seed);
		List<Bundle> bundles = new ArrayList<>();
		TrialRecords head = new TrialRecords();
		String study = head.study(studyId, "NCT05631717", "weeks-24",
				List.of("ln-renal-response", "sri-4", "change-from-baseline"), IL2_ARM, "Low-dose interleukin-2");
		bundles.add(head.bundle());
		for (int i = 0; i < subjects; i++) {
			TrialRecords records = new TrialRecords();
			boolean msc = i % 2 == 0;
			LocalDate enrolled = FIRST_ENROLMENT.plusDays(random.nextInt(400));
			TrialRecords.Subject s = records.subject(studyId + "-s" + i, study, msc ? "uc-msc" : IL2_ARM, enrolled);
			LocalDate day0 = msc ? enrolled.plusDays(3) : enrolled;
			String first = null;
			if (msc) {
				first = s.infusion(day0, 1);
				s.infusion(day0.plusDays(7), 2);
			}
			boolean si = random.nextDouble() < 0.3; // sites reporting SI units
			boolean collects24h = random.nextDouble() < 0.25;
			s.glucocorticoid("8640", "prednisone", "30", day0.minusDays(30), day0.plusDays(55));
			s.glucocorticoid("8640", "prednisone", "15", day0.plusDays(56), day0.plusDays(111));
			s.glucocorticoid("8640", "prednisone", random.nextDouble() < 0.8 ? "7.5" : "12.5", day0.plusDays(112), null);
			double responder = random.nextDouble() < (msc ? 0.6 : 0.45) ? 1 : 0.3;
			double creatinine0 = 1.0 + random.nextDouble() * 0.9;
			double protein0 = 1.2 + random.nextDouble() * 2.5;
			int sledai0 = 8 + random.nextInt(10);
			renalVisit(s, day0.minusDays(1 + random.nextInt(5)), creatinine0, protein0, si, collects24h);
			measureVisit(s, random, day0.minusDays(1), sledai0, "CBCBDEEAC", 2.0, null);
			for (int v = 0; v < WEEK_DAYS.length; v++) {
				if (random.nextDouble() < 0.05) {
					continue;
				}
				int offset = random.nextDouble() < 0.03 ? 16 + random.nextInt(5) : random.nextInt(9) - 4;
				double progress = (v + 1) / (double) WEEK_DAYS.length;
				LocalDate date = day0.plusDays(WEEK_DAYS[v] + offset);
				renalVisit(s, date, creatinine0 * (1 - 0.35 * progress * responder),
						protein0 * (1 - 0.9 * progress * responder), si, collects24h);
				if (WEEK_DAYS[v] == 168) {
					int sledai = (int) Math.round(sledai0 * (1 - 0.6 * responder));
					measureVisit(s, random, date, sledai, responder == 1 ? "CCCDDEECC" : "CBCBDEEAC", 2.0 - responder,
							null);
				}
			}
			safety(s, study, seed, i, day0, WEEK_DAYS, first);
			bundles.add(records.bundle());
		}
		return bundles;
	}

	/**
	 * Safety data, from a random stream of the subject's own so that the efficacy data do not change with it: liver
	 * tests and blood counts with their laboratories' reference ranges at baseline and every visit (some out of
	 * range, leukopenia being common in lupus), tumour markers at baseline and at the last visit, and adverse events:
	 * infusion fevers within hours of the first infusion, and infections. {@code infusion} is null without MSC.
	 */
	private static void safety(TrialRecords.Subject s, String study, long seed, int index, LocalDate day0,
			int[] visitDays, String infusion) {
		Random random = new Random(seed * 1_000_003L + index);
		for (int v = -1; v < visitDays.length; v++) {
			LocalDate date = v < 0 ? day0.minusDays(1) : day0.plusDays(visitDays[v]);
			s.safetyLab("ast", "1920-8", date, number(12 + random.nextDouble() * (random.nextDouble() < 0.1 ? 90 : 30), 0),
					"U/L", "10", "40");
			s.safetyLab("bilirubin", "1975-2", date, number(4 + random.nextDouble() * 16, 1), "umol/L", "3", "21");
			s.safetyLab("leukocytes", "6690-2", date,
					number(random.nextDouble() < 0.2 ? 2.5 + random.nextDouble() * 1.4 : 4.2 + random.nextDouble() * 5, 1),
					"10*3/uL", "4.0", "10.0");
			s.safetyLab("hemoglobin", "718-7", date, number(10.5 + random.nextDouble() * 4.5, 1), "g/dL", "12.0", "16.0");
			if (v < 0 || v == visitDays.length - 1) {
				s.safetyLab("afp", "1834-1", date, number(1 + random.nextDouble() * (random.nextDouble() < 0.05 ? 20 : 6), 1),
						"ng/mL", null, "10");
				s.safetyLab("cea", "2039-6", date, number(0.5 + random.nextDouble() * 3.5, 1), "ng/mL", null, "5");
			}
		}
		if (infusion != null && random.nextDouble() < 0.15) {
			s.adverseEvent(study, "Fever after MSC infusion", day0.atTime(9, 0).plusHours(4 + random.nextInt(12)), false,
					1, infusion, "Probably-Likely");
		}
		if (random.nextDouble() < 0.15) {
			int grade = random.nextDouble() < 0.2 ? 3 : 2;
			s.adverseEvent(study, "Upper respiratory tract infection",
					day0.plusDays(20 + random.nextInt(visitDays[visitDays.length - 1])).atTime(11, 0), grade >= 3, grade,
					infusion, infusion == null ? null : "Unlikely");
		}
	}

	private static String gradesFor(int outcome, double progress) {
		if (progress < 0.5) {
			return "CBBCCDEBC"; // still active: two domains B
		}
		return outcome == 2 ? "CCCCCDECC" : outcome == 1 ? "CBCCCDECC" : "CBBCCDEAC";
	}

	private static void renalVisit(TrialRecords.Subject s, LocalDate date, double creatinineMgDl, double proteinGg,
			boolean si, boolean collects24h) {
		if (si) {
			s.creatinine(date, number(creatinineMgDl * 88.4, 1), "umol/L");
		} else {
			s.creatinine(date, number(creatinineMgDl, 2), "mg/dL");
		}
		if (collects24h) {
			s.protein24h(date, number(proteinGg * 1000, 0), "mg/(24.h)");
		} else if (si) {
			s.upcr(date, number(proteinGg * 113.12, 1), "mg/mmol");
		} else {
			s.upcr(date, number(proteinGg, 2), "g/g");
		}
	}

	/** Disease activity and laboratory values of one visit; with {@code protein24h} (g) also creatinine and proteinuria. */
	private static void measureVisit(TrialRecords.Subject s, Random random, LocalDate date, int sledai, String bilag,
			double pga, Double protein24h) {
		s.sledai(date, Math.max(0, sledai));
		s.bilag(date, bilag);
		s.pga(date, number(Math.max(0, Math.min(3, pga)), 1));
		s.complementC3(date, number(0.5 + random.nextDouble() * 0.6, 2), "g/L");
		s.complementC4(date, number(6 + random.nextDouble() * 20, 1), "mg/dL");
		s.antiDsdna(date, number(50 + random.nextDouble() * 400, 0));
		s.trialLab("alt", "1742-6", date, number(10 + random.nextDouble() * 40, 0), "U/L");
		s.trialLab("platelets", "777-3", date, number(120 + random.nextDouble() * 250, 0), "10*3/uL");
		if (protein24h != null) {
			s.creatinine(date, number(0.7 + random.nextDouble() * 0.6, 2), "mg/dL");
			s.protein24h(date, number(protein24h * 1000, 0), "mg/(24.h)");
		}
	}

	private static String number(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}
}
