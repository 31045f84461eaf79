package org.msclupus.fhir.cdisc;

import static org.msclupus.fhir.cdisc.Variable.Origin.ASSIGNED;
import static org.msclupus.fhir.cdisc.Variable.Origin.DERIVED;
import static org.msclupus.fhir.cdisc.Variable.Origin.PREDECESSOR;
import static org.msclupus.fhir.cdisc.Variable.date;
import static org.msclupus.fhir.cdisc.Variable.decimal;
import static org.msclupus.fhir.cdisc.Variable.integer;
import static org.msclupus.fhir.cdisc.Variable.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.VisitResult;
import org.msclupus.fhir.study.StudyTimeToEvent;

/**
 * The ADaM datasets (ADaMIG 1.3): ADSL, ADRS (response per criteria set and visit, and overall), ADTTE (time to
 * response, complete response and relapse) and ADCFB (a BDS dataset of every change from baseline). They are built
 * from the same subject-level results {@code $evaluate-response} returns, and ADTTE's times from the one rule the
 * Kaplan-Meier curves use ({@link StudyTimeToEvent#timed}), so the datasets and the operations cannot disagree.
 */
public final class Adam {

	/** A subject with its results: one per criteria set the study evaluates, and its baseline values. */
	public record AnalysisSubject(TrialData.Subject subject, List<CriteriaResult> results,
			Map<Measure, BigDecimal> baseline) {
	}

	private static final Variable STUDYID = text("STUDYID", "Study Identifier", PREDECESSOR);
	private static final Variable USUBJID = text("USUBJID", "Unique Subject Identifier", PREDECESSOR);
	private static final Variable SUBJID = text("SUBJID", "Subject Identifier for the Study", PREDECESSOR);
	private static final Variable SITEID = text("SITEID", "Study Site Identifier", PREDECESSOR);
	private static final Variable TRT01P = text("TRT01P", "Planned Treatment for Period 01", DERIVED)
			.derived("DM.ARM.");
	private static final Variable TRT01A = text("TRT01A", "Actual Treatment for Period 01", DERIVED)
			.derived("DM.ACTARM.");
	private static final Variable ITTFL = text("ITTFL", "Intent-To-Treat Population Flag", DERIVED)
			.derived("Y when the subject was assigned an arm.");
	private static final Variable SAFFL = text("SAFFL", "Safety Population Flag", DERIVED)
			.derived("Y when the subject has a day 0 (a completed MSC infusion, or enrolment in a control arm).");
	private static final Variable EFFFL = text("EFFFL", "Efficacy Population Flag", DERIVED)
			.derived("Y when SAFFL is Y and a criteria set graded a visit after day 0 other than not evaluable.");
	private static final List<Variable> SUBJECT_LEVEL = List.of(STUDYID, USUBJID, SUBJID, SITEID, TRT01P, TRT01A,
			ITTFL, SAFFL, EFFFL);

	/** Short codes (at most 4 characters) of the criteria sets, the stem of their PARAMCDs. */
	private static final Map<String, String> CRITERIA_STEMS = Map.of("ln-renal-response", "LNR", "sri-4", "SRI4",
			"bilag-mcr-pcr", "BLG");
	private static final Map<Measure, String> MEASURE_PARAMS = Map.ofEntries(Map.entry(Measure.SLEDAI_2K, "SLEDAI"),
			Map.entry(Measure.BILAG_2004, "BILAG"), Map.entry(Measure.PGA, "PGA"),
			Map.entry(Measure.URINE_PROTEIN_24H, "PROT24H"), Map.entry(Measure.URINE_PROTEIN_CREATININE_RATIO, "UPCR"),
			Map.entry(Measure.SERUM_CREATININE, "CREAT"), Map.entry(Measure.UREA_NITROGEN, "BUN"),
			Map.entry(Measure.ALBUMIN, "ALB"), Map.entry(Measure.COMPLEMENT_C3, "C3"),
			Map.entry(Measure.COMPLEMENT_C4, "C4"), Map.entry(Measure.ANTI_DSDNA, "DSDNAAB"),
			Map.entry(Measure.GLUCOCORTICOID_DOSE, "GCDOSE"));
	private static final Map<String, String> EVENT_SUFFIXES = Map.of(ResponseCriteria.RESPONSE_EVENT, "TTR",
			ResponseCriteria.COMPLETE_RESPONSE_EVENT, "TTCR", ResponseCriteria.RELAPSE_EVENT, "TTRL");

	private Adam() {
	}

	/** The ADaM datasets {@link #all} builds, in its order. */
	public static final List<String> NAMES = List.of("ADSL", "ADRS", "ADTTE", "ADCFB");

	public static List<Dataset> all(TrialData.Study study, List<ResponseCriteria> rules,
			List<AnalysisSubject> subjects) {
		return List.of(adsl(study, subjects), adrs(study, rules, subjects), adtte(study, rules, subjects),
				adcfb(study, subjects));
	}

	static String stem(String criteria) {
		String stem = CRITERIA_STEMS.get(criteria);
		if (stem != null) {
			return stem;
		}
		String code = criteria.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
		return code.substring(0, Math.min(4, code.length()));
	}

	static boolean safety(TrialData.Subject s) {
		return s.day0() != null;
	}

	static boolean efficacy(AnalysisSubject a) {
		return safety(a.subject()) && a.results().stream().flatMap(r -> r.visits().stream())
				.anyMatch(v -> v.response() != null && v.response() != Response.NE && v.date() != null
						&& v.date().isAfter(a.subject().day0()));
	}

	static void subjectLevel(DatasetBuilder.Row row, TrialData.Study study, AnalysisSubject a) {
		TrialData.Subject s = a.subject();
		row.set("STUDYID", study.studyId()).set("USUBJID", Sdtm.usubjid(study, s)).set("SUBJID", s.subjectId())
				.set("SITEID", s.siteId()).set("TRT01P", s.arm() == null ? null : Sdtm.armDescription(study, s.arm()))
				.set("TRT01A", s.actualArm() == null ? null : Sdtm.armDescription(study, s.actualArm()))
				.set("ITTFL", s.arm() != null ? "Y" : "N").set("SAFFL", safety(s) ? "Y" : "N")
				.set("EFFFL", efficacy(a) ? "Y" : "N");
	}

	public static Dataset adsl(TrialData.Study study, List<AnalysisSubject> subjects) {
		List<Variable> variables = new ArrayList<>(SUBJECT_LEVEL);
		variables.addAll(List.of(text("ARM", "Description of Planned Arm", PREDECESSOR),
				text("ACTARM", "Description of Actual Arm", PREDECESSOR), integer("AGE", "Age", PREDECESSOR),
				text("AGEU", "Age Units", PREDECESSOR), text("SEX", "Sex", PREDECESSOR),
				date("TRTSDT", "Date of First Exposure to Treatment", DERIVED).derived("Day 0 (DM.RFSTDTC)."),
				date("TRTEDT", "Date of Last Exposure to Treatment", DERIVED).derived("DM.RFXENDTC as a date."),
				text("DTHFL", "Subject Death Flag", PREDECESSOR),
				decimal("SLEDAIBL", "Baseline SLEDAI-2K", DERIVED).derived(BASELINE_METHOD),
				decimal("UPCRBL", "Baseline UPCR (g/g)", DERIVED).derived(BASELINE_METHOD),
				decimal("PROTBL", "Baseline 24-h Urine Protein (g/24h)", DERIVED).derived(BASELINE_METHOD),
				decimal("CREATBL", "Baseline Creatinine (mg/dL)", DERIVED).derived(BASELINE_METHOD)));
		DatasetBuilder adsl = new DatasetBuilder("ADSL", "Subject-Level Analysis Dataset", "SUBJECT LEVEL ANALYSIS "
				+ "DATASET", "One record per subject", List.of("STUDYID", "USUBJID"), variables);
		for (AnalysisSubject a : subjects) {
			TrialData.Subject s = a.subject();
			DatasetBuilder.Row row = adsl.row();
			subjectLevel(row, study, a);
			Integer age = IsoDates.age(s.birthDate(), s.day0());
			String lastInfusion = s.infusions().isEmpty() ? null
					: Optional.ofNullable(s.infusions().get(s.infusions().size() - 1).end())
							.orElse(s.infusions().get(s.infusions().size() - 1).start());
			row.set("ARM", s.arm() == null ? null : Sdtm.armDescription(study, s.arm()))
					.set("ACTARM", s.actualArm() == null ? null : Sdtm.armDescription(study, s.actualArm()))
					.set("AGE", age).set("AGEU", age == null ? null : "YEARS").set("SEX", Terminology.sex(s.sex()))
					.set("TRTSDT", s.day0()).set("TRTEDT", IsoDates.day(lastInfusion).orElse(null))
					.set("DTHFL", s.died() ? "Y" : null)
					.set("SLEDAIBL", a.baseline().get(Measure.SLEDAI_2K))
					.set("UPCRBL", a.baseline().get(Measure.URINE_PROTEIN_CREATININE_RATIO))
					.set("PROTBL", a.baseline().get(Measure.URINE_PROTEIN_24H))
					.set("CREATBL", a.baseline().get(Measure.SERUM_CREATININE)).add();
		}
		return adsl.build();
	}

	static final String BASELINE_METHOD = "The value the response rules take as baseline: the last one on or before "
			+ "day 0 within the criteria's window, in the canonical unit.";

	static List<Variable> bds(List<Variable> specific) {
		List<Variable> variables = new ArrayList<>(SUBJECT_LEVEL);
		variables.addAll(specific);
		return variables;
	}

	/** ADRS: each criteria set's response at each graded visit, and the subject's overall response for the set. */
	public static Dataset adrs(TrialData.Study study, List<ResponseCriteria> rules, List<AnalysisSubject> subjects) {
		DatasetBuilder adrs = new DatasetBuilder("ADRS", "Response Analysis Dataset", "BASIC DATA STRUCTURE",
				"One record per subject per parameter per analysis visit", List.of("STUDYID", "USUBJID", "PARAMCD",
						"AVISITN", "ADT"), bds(List.of(
								text("PARAMCD", "Parameter Code", ASSIGNED), text("PARAM", "Parameter", ASSIGNED),
								text("AVALC", "Analysis Value (C)", DERIVED).derived("The response category "
										+ "$evaluate-response reports (CR, PR, MCR, PCR, R, NR, NE)."),
								integer("AVAL", "Analysis Value", DERIVED).derived("1 for a response of any degree, "
										+ "0 for NR, empty for NE."),
								date("ADT", "Analysis Date", DERIVED).derived("The date of the values the visit "
										+ "was graded on; the response date for the overall record."),
								integer("ADY", "Analysis Relative Day", DERIVED).derived(Sdtm.DAY_METHOD),
								text("AVISIT", "Analysis Visit", DERIVED).derived("The schedule's visit; OVERALL "
										+ "for the subject's response to the criteria set."),
								decimal("AVISITN", "Analysis Visit (N)", DERIVED).derived("VISITNUM of the "
										+ "visit; 99 for OVERALL."))));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (AnalysisSubject a : subjects) {
			for (CriteriaResult r : a.results()) {
				ResponseCriteria rule = rules.stream().filter(x -> x.code().equals(r.criteria())).findFirst()
						.orElse(null);
				if (rule == null || rule.reportsChangeFromBaseline()) {
					continue;
				}
				for (VisitResult v : r.visits()) {
					if (v.response() == null) {
						continue;
					}
					DatasetBuilder.Row row = adrs.row();
					subjectLevel(row, study, a);
					row.set("PARAMCD", stem(r.criteria()) + "RSP").set("PARAM", r.criteria() + " response at visit")
							.set("AVALC", v.response().name()).set("AVAL", numeric(v.response()))
							.set("ADT", v.date()).set("ADY", IsoDates.studyDay(v.date(), a.subject().day0()))
							.set("AVISIT", v.label()).set("AVISITN", visitNumber(visits, v.label())).add();
				}
				if (r.response() != null) {
					DatasetBuilder.Row row = adrs.row();
					subjectLevel(row, study, a);
					row.set("PARAMCD", stem(r.criteria()) + "BOR").set("PARAM", r.criteria() + " overall response")
							.set("AVALC", r.response().name()).set("AVAL", numeric(r.response()))
							.set("ADT", r.responseDate())
							.set("ADY", IsoDates.studyDay(r.responseDate(), a.subject().day0()))
							.set("AVISIT", "OVERALL").set("AVISITN", 99).add();
				}
			}
		}
		return adrs.build();
	}

	private static Integer numeric(Response response) {
		return response == Response.NE ? null : response.isResponse() ? 1 : 0;
	}

	private static Integer visitNumber(StudyVisits visits, String label) {
		return visits.planned().stream().filter(p -> p.visit().label().equals(label)).map(StudyVisits.Planned::number)
				.findFirst().orElse(null);
	}

	/** ADTTE: per criteria set and event, the time from the origin to the event or to censoring, in days. */
	public static Dataset adtte(TrialData.Study study, List<ResponseCriteria> rules, List<AnalysisSubject> subjects) {
		DatasetBuilder adtte = new DatasetBuilder("ADTTE", "Time-to-Event Analysis Dataset", "BASIC DATA STRUCTURE",
				"One record per subject per parameter", List.of("STUDYID", "USUBJID", "PARAMCD"), bds(List.of(
						text("PARAMCD", "Parameter Code", ASSIGNED), text("PARAM", "Parameter", ASSIGNED),
						decimal("AVAL", "Analysis Value", DERIVED).derived("Days from STARTDT to ADT, the time "
								+ "the Kaplan-Meier curves of $evaluate-response use."),
						date("STARTDT", "Time-to-Event Origin Date for Subject", DERIVED).derived("Day 0; for "
								+ "relapse, the date of the first response."),
						date("ADT", "Analysis Date", DERIVED).derived("The date of the first visit with the "
								+ "event, else of the last evaluable visit (censored)."),
						integer("CNSR", "Censor", DERIVED).derived("0 for an event, 1 for censoring."),
						text("EVNTDESC", "Event or Censoring Description", DERIVED)
								.derived("What ADT is: the event, or the last evaluable visit."))));
		for (ResponseCriteria rule : rules) {
			Map<String, Set<Response>> events = new LinkedHashMap<>(StudyTimeToEvent.events(rule));
			for (AnalysisSubject a : subjects) {
				Optional<CriteriaResult> result = a.results().stream().filter(r -> r.criteria().equals(rule.code()))
						.findFirst();
				if (result.isEmpty()) {
					continue;
				}
				for (Map.Entry<String, Set<Response>> event : events.entrySet()) {
					Optional<StudyTimeToEvent.Timed> timed = StudyTimeToEvent.timed(result.get(), event.getKey(),
							event.getValue());
					if (timed.isEmpty()) {
						continue; // not evaluable (or, for relapse, never a responder): no time
					}
					StudyTimeToEvent.Timed t = timed.get();
					DatasetBuilder.Row row = adtte.row();
					subjectLevel(row, study, a);
					boolean happened = t.observation().event();
					row.set("PARAMCD", stem(rule.code()) + EVENT_SUFFIXES.getOrDefault(event.getKey(), "TTE"))
							.set("PARAM", "Time to " + event.getKey().replace('-', ' ') + " (" + rule.code()
									+ "), days")
							.set("AVAL", BigDecimal.valueOf(t.observation().time()).stripTrailingZeros())
							.set("STARTDT", t.origin()).set("ADT", t.date()).set("CNSR", happened ? 0 : 1)
							.set("EVNTDESC", happened ? event.getKey().replace('-', ' ').toUpperCase(Locale.ROOT)
									: "LAST EVALUABLE VISIT").add();
				}
			}
		}
		return adtte.build();
	}

	/** ADCFB: each measure's value, baseline and change at each visit change-from-baseline reports. */
	public static Dataset adcfb(TrialData.Study study, List<AnalysisSubject> subjects) {
		DatasetBuilder adcfb = new DatasetBuilder("ADCFB", "Change from Baseline Analysis Dataset",
				"BASIC DATA STRUCTURE", "One record per subject per parameter per analysis visit",
				List.of("STUDYID", "USUBJID", "PARAMCD", "AVISITN"), bds(List.of(
						text("PARAMCD", "Parameter Code", ASSIGNED), text("PARAM", "Parameter", ASSIGNED),
						decimal("AVAL", "Analysis Value", DERIVED).derived("The measure at the visit in the "
								+ "canonical unit (the value change-from-baseline reports)."),
						decimal("BASE", "Baseline Value", DERIVED).derived(BASELINE_METHOD),
						decimal("CHG", "Change from Baseline", DERIVED).derived("AVAL minus BASE."),
						decimal("PCHG", "Percent Change from Baseline", DERIVED)
								.derived("CHG as a percentage of BASE; empty when BASE is 0."),
						text("ABLFL", "Baseline Record Flag", DERIVED).derived("Y on the baseline record."),
						date("ADT", "Analysis Date", DERIVED).derived("The date of the value used."),
						integer("ADY", "Analysis Relative Day", DERIVED).derived(Sdtm.DAY_METHOD),
						text("AVISIT", "Analysis Visit", DERIVED).derived("BASELINE, or the schedule's visit."),
						decimal("AVISITN", "Analysis Visit (N)", DERIVED)
								.derived("0 for BASELINE, else VISITNUM of the visit."))));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (AnalysisSubject a : subjects) {
			Optional<CriteriaResult> change = a.results().stream()
					.filter(r -> r.criteria().equals(org.msclupus.fhir.response.ChangeFromBaseline.CODE)).findFirst();
			for (Map.Entry<Measure, BigDecimal> base : a.baseline().entrySet()) {
				if (change.isEmpty() || !reported(change.get(), base.getKey())) {
					continue;
				}
				DatasetBuilder.Row row = adcfb.row();
				subjectLevel(row, study, a);
				row.set("PARAMCD", MEASURE_PARAMS.get(base.getKey())).set("PARAM", param(base.getKey()))
						.set("AVAL", base.getValue()).set("BASE", base.getValue()).set("ABLFL", "Y")
						.set("AVISIT", "BASELINE").set("AVISITN", 0).add();
			}
			if (change.isEmpty()) {
				continue;
			}
			for (VisitResult v : change.get().visits()) {
				for (MeasureChange m : v.changes()) {
					if (m.value() == null) {
						continue;
					}
					DatasetBuilder.Row row = adcfb.row();
					subjectLevel(row, study, a);
					row.set("PARAMCD", MEASURE_PARAMS.get(m.measure())).set("PARAM", param(m.measure()))
							.set("AVAL", m.value()).set("BASE", m.change() == null ? null
									: m.value().subtract(m.change()))
							.set("CHG", m.change()).set("PCHG", m.percentChange()).set("ADT", v.date())
							.set("ADY", IsoDates.studyDay(v.date(), a.subject().day0())).set("AVISIT", v.label())
							.set("AVISITN", visitNumber(visits, v.label())).add();
				}
			}
		}
		return adcfb.build();
	}

	private static boolean reported(CriteriaResult change, Measure measure) {
		return change.visits().stream().flatMap(v -> v.changes().stream()).anyMatch(m -> m.measure() == measure);
	}

	private static String param(Measure measure) {
		String unit = measure.canonicalUnit();
		String text = measure.label() + ("{score}".equals(unit) ? "" : " (" + Terminology.unit(unit) + ")");
		return text.length() > 40 ? text.substring(0, 40) : text;
	}
}
