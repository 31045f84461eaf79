package org.msclupus.fhir.cdisc;

import static org.msclupus.fhir.cdisc.Variable.Origin.ASSIGNED;
import static org.msclupus.fhir.cdisc.Variable.Origin.DERIVED;
import static org.msclupus.fhir.cdisc.Variable.Origin.PREDECESSOR;
import static org.msclupus.fhir.cdisc.Variable.date;
import static org.msclupus.fhir.cdisc.Variable.decimal;
import static org.msclupus.fhir.cdisc.Variable.integer;
import static org.msclupus.fhir.cdisc.Variable.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.msclupus.fhir.safety.LabToxicity;
import org.msclupus.fhir.safety.LabToxicitySummary;
import org.msclupus.fhir.safety.SafetyData;

/**
 * The ADaM safety datasets (issue 28): ADAE, one record per adverse event with treatment emergence, toxicity grade,
 * relatedness and the seriousness flags; ADLB, the laboratory values CTCAE v5.0 grades, with the grades
 * {@code $safety-summary} counts ({@link LabToxicitySummary#grades}), so that its shift table is reproducible from the
 * dataset: BTOXGR against ATOXGR of the record flagged worst.
 */
public final class AdamSafety {

	public static final List<String> NAMES = List.of("ADAE", "ADLB");

	/** PARAMCD of each term: at most 8 characters, as SDTM's LBTESTCD. */
	static final Map<LabToxicity, String> PARAMS = Map.of(LabToxicity.NEUTROPHIL_COUNT_DECREASED, "NEUT",
			LabToxicity.WHITE_BLOOD_CELL_DECREASED, "WBC", LabToxicity.LYMPHOCYTE_COUNT_DECREASED, "LYM",
			LabToxicity.PLATELET_COUNT_DECREASED, "PLAT", LabToxicity.ANEMIA, "HGB",
			LabToxicity.ALANINE_AMINOTRANSFERASE_INCREASED, "ALT", LabToxicity.ASPARTATE_AMINOTRANSFERASE_INCREASED,
			"AST", LabToxicity.BLOOD_BILIRUBIN_INCREASED, "BILI", LabToxicity.CREATININE_INCREASED, "CREAT");
	static final String GRADE_METHOD = "CTCAE v5.0 grade of the value (docs/ctcae-grading.md): against its own "
			+ "limit of normal, and against the baseline where CTCAE grades so; the same grade $safety-summary counts.";

	private AdamSafety() {
	}

	public static List<Dataset> all(TrialData.Study study, List<Adam.AnalysisSubject> subjects,
			int baselineWindowDays, LocalDate asOf) {
		return List.of(adae(study, subjects), adlb(study, subjects, baselineWindowDays, asOf));
	}

	/** ADAE: every adverse event of the study's subjects, flagged treatment-emergent from day 0. */
	public static Dataset adae(TrialData.Study study, List<Adam.AnalysisSubject> subjects) {
		DatasetBuilder adae = new DatasetBuilder("ADAE", "Adverse Event Analysis Dataset", "OCCURRENCE DATA STRUCTURE",
				"One record per adverse event per subject", List.of("STUDYID", "USUBJID", "AESPID"), Adam.bds(List.of(
						text("AESPID", "Sponsor-Defined Identifier", PREDECESSOR),
						text("AETERM", "Reported Term for the Adverse Event", PREDECESSOR),
						text("AEDECOD", "Dictionary-Derived Term", PREDECESSOR),
						text("AESTDTC", "Start Date/Time of Adverse Event", PREDECESSOR),
						integer("ASTDY", "Analysis Start Relative Day", DERIVED).derived(Sdtm.DAY_METHOD),
						text("TRTEMFL", "Treatment Emergent Analysis Flag", DERIVED).derived("Y when the event starts "
								+ "on or after day 0 (the first MSC infusion, or enrolment in a control arm)."),
						text("ATOXGR", "Analysis Toxicity Grade", PREDECESSOR),
						text("AREL", "Analysis Causality", DERIVED).derived("AEREL: the strongest causality assessed "
								+ "against one of the subject's MSC infusions."),
						text("AESER", "Serious Event", PREDECESSOR), text("AESDTH", "Results in Death", PREDECESSOR),
						text("AESLIFE", "Is Life Threatening", PREDECESSOR),
						text("AESHOSP", "Requires or Prolongs Hospitalization", PREDECESSOR),
						text("AESDISAB", "Persist or Signif Disability/Incapacity", PREDECESSOR),
						text("AESCONG", "Congenital Anomaly or Birth Defect", PREDECESSOR),
						text("AESMIE", "Other Medically Important Serious Event", PREDECESSOR))));
		Dataset ae = Sdtm.ae(study, subjects.stream().map(Adam.AnalysisSubject::subject).toList());
		Map<String, Adam.AnalysisSubject> byUsubjid = new java.util.HashMap<>();
		subjects.forEach(a -> byUsubjid.put(Sdtm.usubjid(study, a.subject()), a));
		Map<String, List<Object>> columns = new java.util.HashMap<>();
		for (String name : List.of("USUBJID", "AESPID", "AETERM", "AEDECOD", "AESTDTC", "AESTDY", "AETOXGR", "AEREL",
				"AESER", "AESDTH", "AESLIFE", "AESHOSP", "AESDISAB", "AESCONG", "AESMIE")) {
			columns.put(name, ae.column(name));
		}
		List<Object> usubjids = columns.get("USUBJID");
		for (int i = 0; i < usubjids.size(); i++) {
			int index = i;
			java.util.function.Function<String, Object> record = name -> columns.get(name).get(index);
			Adam.AnalysisSubject a = byUsubjid.get((String) usubjids.get(i));
			Integer day = record.apply("AESTDY") instanceof Number n ? n.intValue() : null;
			DatasetBuilder.Row row = adae.row();
			Adam.subjectLevel(row, study, a);
			for (String name : List.of("AESPID", "AETERM", "AEDECOD", "AESTDTC", "AESER", "AESDTH", "AESLIFE",
					"AESHOSP", "AESDISAB", "AESCONG", "AESMIE")) {
				row.set(name, record.apply(name));
			}
			row.set("ASTDY", day).set("TRTEMFL", a.subject().day0() == null || day == null ? null : day >= 1 ? "Y" : "N")
					.set("ATOXGR", record.apply("AETOXGR")).set("AREL", record.apply("AEREL")).add();
		}
		return adae.build();
	}

	/** ADLB: each subject's baseline and after-day-0 values of each graded term, with grades and worst-grade flags. */
	public static Dataset adlb(TrialData.Study study, List<Adam.AnalysisSubject> subjects, int baselineWindowDays,
			LocalDate asOf) {
		DatasetBuilder adlb = new DatasetBuilder("ADLB", "Laboratory Toxicity Analysis Dataset", "BASIC DATA STRUCTURE",
				"One record per subject per parameter per analysis date", List.of("STUDYID", "USUBJID", "PARAMCD",
						"ADT", "SRCSEQ"), Adam.bds(List.of(
						text("PARAMCD", "Parameter Code", ASSIGNED), text("PARAM", "Parameter", ASSIGNED),
						text("PARCAT1", "CTCAE v5.0 Term", ASSIGNED),
						decimal("AVAL", "Analysis Value", DERIVED).derived("The value in the term's unit (UCUM; "
								+ "molar units by molar mass), as $safety-summary grades it."),
						decimal("BASE", "Baseline Value", DERIVED).derived("AVAL of the baseline record."),
						text("ABLFL", "Baseline Record Flag", DERIVED).derived("Y on the subject's last value on or "
								+ "before day 0 within the safety baseline window."),
						date("ADT", "Analysis Date", DERIVED).derived("The date of the value."),
						integer("ADY", "Analysis Relative Day", DERIVED).derived(Sdtm.DAY_METHOD),
						text("ANRIND", "Analysis Reference Range Indicator", DERIVED).derived("LOW below the lower "
								+ "limit of normal (decreasing terms), HIGH above the upper (increasing terms), else "
								+ "NORMAL; the value's own limit, else the documented default."),
						text("BNRIND", "Baseline Reference Range Indicator", DERIVED).derived("ANRIND of the baseline."),
						text("ATOXGR", "Analysis Toxicity Grade", DERIVED).derived(GRADE_METHOD),
						text("BTOXGR", "Baseline Toxicity Grade", DERIVED).derived("ATOXGR of the baseline record."),
						text("WGRLOFL", "Worst Low Grade Flag", DERIVED).derived("Y on the record with the worst grade "
								+ "after day 0 of a decreasing term (the first, when several share it)."),
						text("WGRHIFL", "Worst High Grade Flag", DERIVED).derived("Y on the record with the worst "
								+ "grade after day 0 of an increasing term (the first, when several share it)."),
						text("SRCDOM", "Source Data", ASSIGNED), text("SRCVAR", "Source Variable", ASSIGNED),
						text("SRCSEQ", "Source Record", ASSIGNED))));
		for (Adam.AnalysisSubject a : subjects) {
			SafetyData.Subject grading = new SafetyData.Subject(a.subject().subjectId(), a.subject().arm(),
					a.subject().day0(), List.of(), List.of(), List.of(), List.of(), a.subject().gradedLabs());
			for (LabToxicity term : LabToxicity.values()) {
				LabToxicitySummary.SubjectGrades grades = LabToxicitySummary.grades(grading, term, baselineWindowDays, asOf);
				if (grades == null || (grades.baseline() == null && grades.after().isEmpty())) {
					continue;
				}
				String baseIndicator = grades.baseline() == null ? null : indicator(term, grades.baseline().lab());
				if (grades.baseline() != null) {
					record(adlb.row(), study, a, term, grades.baseline(), grades, baseIndicator).set("ABLFL", "Y").add();
				}
				for (LabToxicitySummary.GradedValue value : grades.after()) {
					DatasetBuilder.Row row = record(adlb.row(), study, a, term, value, grades, baseIndicator);
					if (value == grades.worst()) {
						row.set(term.decreasing() ? "WGRLOFL" : "WGRHIFL", "Y");
					}
					row.add();
				}
			}
		}
		return adlb.build();
	}

	private static DatasetBuilder.Row record(DatasetBuilder.Row row, TrialData.Study study, Adam.AnalysisSubject a,
			LabToxicity term, LabToxicitySummary.GradedValue value, LabToxicitySummary.SubjectGrades grades,
			String baseIndicator) {
		Adam.subjectLevel(row, study, a);
		SafetyData.GradedLab lab = value.lab();
		BigDecimal base = grades.baseline() == null ? null : grades.baseline().lab().value();
		return row.set("PARAMCD", PARAMS.get(term)).set("PARAM", param(term)).set("PARCAT1", term.term())
				.set("AVAL", lab.value()).set("BASE", base).set("ADT", lab.date())
				.set("ADY", IsoDates.studyDay(lab.date().toString(), a.subject().day0()))
				.set("ANRIND", indicator(term, lab)).set("BNRIND", baseIndicator)
				.set("ATOXGR", Integer.toString(value.grade()))
				.set("BTOXGR", grades.baseline() == null ? null : Integer.toString(grades.baselineGrade()))
				.set("SRCDOM", "LB").set("SRCVAR", "LBORRES").set("SRCSEQ", lab.reference());
	}

	private static String param(LabToxicity term) {
		String text = term.term() + " (" + Terminology.unit(term.unit()) + ")";
		return text.length() > 40 ? text.substring(0, 40) : text;
	}

	private static String indicator(LabToxicity term, SafetyData.GradedLab lab) {
		BigDecimal limit = lab.limit() != null ? lab.limit() : term.defaultLimit();
		if (term.decreasing()) {
			return lab.value().compareTo(limit) < 0 ? "LOW" : "NORMAL";
		}
		return lab.value().compareTo(limit) > 0 ? "HIGH" : "NORMAL";
	}
}
