package org.msclupus.fhir.cdisc;

import static org.msclupus.fhir.cdisc.Variable.Origin.ASSIGNED;
import static org.msclupus.fhir.cdisc.Variable.Origin.COLLECTED;
import static org.msclupus.fhir.cdisc.Variable.Origin.DERIVED;
import static org.msclupus.fhir.cdisc.Variable.Origin.PROTOCOL;
import static org.msclupus.fhir.cdisc.Variable.decimal;
import static org.msclupus.fhir.cdisc.Variable.integer;
import static org.msclupus.fhir.cdisc.Variable.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.TrialCodes;

/**
 * The SDTM datasets (SDTMIG 3.4) of a study: trial design (TS, TA, TE, TV), DM, SV, EX, CM with SUPPCM, LB, VS, AE
 * and RS, built from {@link TrialData}. Variable names, labels and order follow the SDTMIG; derivations are SDTM's
 * own: --DY from RFSTDTC with no day 0 ({@link IsoDates#studyDay}), --SEQ numbered within each subject in key order,
 * USUBJID as study, site and subject, VISITNUM/VISIT/EPOCH from the study's schedule ({@link StudyVisits}).
 */
public final class Sdtm {

	static final String DAY_METHOD = "Date minus RFSTDTC plus 1 on or after RFSTDTC; date minus RFSTDTC before it.";
	static final String SEQ_METHOD = "1, 2, ... within USUBJID in the order of the dataset's keys.";
	static final String VISIT_METHOD = "The scheduled visit whose window holds the date (the nearer target day when "
			+ "two do; a timed collection's end date, as the response rules count it); empty outside every window "
			+ "(unscheduled).";
	static final String EPOCH_METHOD = "The epoch of the record's visit, else of the last scheduled visit whose "
			+ "target day the date has reached; SCREENING before day 0.";

	private static final Variable STUDYID = text("STUDYID", "Study Identifier", ASSIGNED);
	private static final Variable DOMAIN = text("DOMAIN", "Domain Abbreviation", ASSIGNED);
	private static final Variable USUBJID = text("USUBJID", "Unique Subject Identifier", ASSIGNED)
			.derived("STUDYID, SITEID and SUBJID joined by hyphens.");
	private static final Variable VISITNUM = decimal("VISITNUM", "Visit Number", DERIVED).derived(VISIT_METHOD);
	private static final Variable VISIT = text("VISIT", "Visit Name", DERIVED).derived(VISIT_METHOD);
	private static final Variable EPOCH = text("EPOCH", "Epoch", DERIVED).derived(EPOCH_METHOD);

	private Sdtm() {
	}

	/** The SDTM datasets {@link #all} builds, in its order. */
	public static final List<String> NAMES = List.of("TS", "TA", "TE", "TV", "DM", "SV", "EX", "CM", "SUPPCM", "LB",
			"VS", "AE", "RS");

	/** Every SDTM dataset, in the order Define-XML lists them. */
	public static List<Dataset> all(TrialData.Study study, List<TrialData.Subject> subjects) {
		List<Dataset> datasets = new ArrayList<>();
		datasets.add(ts(study, subjects));
		datasets.add(ta(study));
		datasets.add(te(study));
		datasets.add(tv(study));
		datasets.add(dm(study, subjects));
		datasets.add(sv(study, subjects));
		datasets.add(ex(study, subjects));
		Dataset cm = cm(study, subjects);
		datasets.add(cm);
		datasets.add(suppcm(study, subjects, cm));
		datasets.add(lb(study, subjects));
		datasets.add(vs(study, subjects));
		datasets.add(ae(study, subjects));
		datasets.add(rs(study, subjects));
		return datasets;
	}

	public static String usubjid(TrialData.Study study, TrialData.Subject subject) {
		return study.studyId() + "-" + (subject.siteId() == null ? "NOSITE" : subject.siteId()) + "-"
				+ subject.subjectId();
	}

	/** ARMCD: the arm's name in capitals without punctuation, at most 20 characters. */
	public static String armCode(String arm) {
		if (arm == null) {
			return null;
		}
		String code = arm.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
		return code.length() > 20 ? code.substring(0, 20) : code;
	}

	static String armDescription(TrialData.Study study, String arm) {
		return study.arms().stream().filter(a -> a.name().equals(arm)).findFirst()
				.map(a -> a.description() == null ? a.name() : a.description()).orElse(arm);
	}

	// ---- trial design ----

	public static Dataset ts(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder ts = new DatasetBuilder("TS", "Trial Summary", "TRIAL DESIGN", "One record per trial summary "
				+ "parameter value", List.of("STUDYID", "TSPARMCD", "TSSEQ"), List.of(STUDYID, DOMAIN,
						integer("TSSEQ", "Sequence Number", DERIVED), text("TSPARMCD",
								"Trial Summary Parameter Short Name", ASSIGNED), text("TSPARM",
										"Trial Summary Parameter", ASSIGNED), text("TSVAL", "Parameter Value", PROTOCOL),
						text("TSVALCD", "Parameter Value Code", ASSIGNED), text("TSVCDREF",
								"Name of the Reference Terminology", ASSIGNED)));
		parameter(ts, study, "TITLE", "Trial Title", study.title(), null, null);
		parameter(ts, study, "REGID", "Registry Identifier", study.registryId(), study.registryId(),
				study.registryId() != null && study.registryId().startsWith("NCT") ? "ClinicalTrials.gov" : null);
		parameter(ts, study, "TPHASE", "Trial Phase Classification", Terminology.phase(study.phase()), null, null);
		parameter(ts, study, "INDIC", "Trial Disease/Condition Indication", study.condition(), null, null);
		parameter(ts, study, "STYPE", "Study Type", "INTERVENTIONAL", "C98388", "CDISC CT");
		parameter(ts, study, "NARMS", "Planned Number of Arms", Integer.toString(study.arms().size()), null, null);
		parameter(ts, study, "SSTDTC", "Study Start Date", study.startDate(), null, null);
		parameter(ts, study, "SENDTC", "Study End Date", study.endDate(), null, null);
		parameter(ts, study, "ACTSUB", "Actual Number of Subjects", Integer.toString(subjects.size()), null, null);
		parameter(ts, study, "TRT", "Investigational Therapy or Treatment",
				"Umbilical cord mesenchymal stem cells", null, null);
		parameter(ts, study, "ROUTE", "Route of Administration", "INTRAVENOUS", "C38276", "CDISC CT");
		return ts.build("TSSEQ");
	}

	private static void parameter(DatasetBuilder ts, TrialData.Study study, String code, String name, String value,
			String valueCode, String reference) {
		if (value == null || value.isBlank()) {
			return; // TS has a row per value the study states
		}
		ts.row().set("STUDYID", study.studyId()).set("DOMAIN", "TS").set("TSPARMCD", code).set("TSPARM", name)
				.set("TSVAL", value).set("TSVALCD", valueCode).set("TSVCDREF", reference).add();
	}

	/** The elements: screening, one treatment element per arm, and one per later epoch of the schedule. */
	record Element(String code, String name, String epoch, String arm, String startRule, String endRule) {
	}

	static List<Element> elements(TrialData.Study study) {
		List<Element> elements = new ArrayList<>();
		elements.add(new Element("SCRN", "Screening", StudyVisits.SCREENING, null, "Informed consent",
				"Day 0 (first MSC infusion, or enrolment in a control arm)"));
		for (TrialData.Arm arm : study.arms()) {
			elements.add(new Element(elementCode(armCode(arm.name())), armDescription(study, arm.name()),
					StudyVisits.TREATMENT, arm.name(), "Day 0", "Start of follow-up"));
		}
		List<String> later = new StudyVisits(study.schedule(), study.defaultWindow()).epochs().stream()
				.filter(e -> !e.equals(StudyVisits.SCREENING) && !e.equals(StudyVisits.TREATMENT)).toList();
		for (String epoch : later.isEmpty() ? List.of(StudyVisits.FOLLOW_UP) : later) {
			elements.add(new Element(elementCode(epoch), epoch.charAt(0) + epoch.substring(1).toLowerCase(Locale.ROOT),
					epoch, null, "First visit of " + epoch, "End of the subject's participation"));
		}
		return elements;
	}

	private static String elementCode(String text) {
		String code = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
		if (code.equals("FOLLOWUP")) {
			return "FU";
		}
		return code.length() > 8 ? code.substring(0, 8) : code;
	}

	public static Dataset te(TrialData.Study study) {
		DatasetBuilder te = new DatasetBuilder("TE", "Trial Elements", "TRIAL DESIGN", "One record per planned "
				+ "Element", List.of("STUDYID", "ETCD"), List.of(STUDYID, DOMAIN, text("ETCD", "Element Code",
						ASSIGNED), text("ELEMENT", "Description of Element", PROTOCOL), text("TESTRL",
								"Rule for Start of Element", PROTOCOL), text("TEENRL", "Rule for End of Element",
										PROTOCOL)));
		for (Element e : elements(study)) {
			te.row().set("STUDYID", study.studyId()).set("DOMAIN", "TE").set("ETCD", e.code()).set("ELEMENT", e.name())
					.set("TESTRL", e.startRule()).set("TEENRL", e.endRule()).add();
		}
		return te.build();
	}

	public static Dataset ta(TrialData.Study study) {
		DatasetBuilder ta = new DatasetBuilder("TA", "Trial Arms", "TRIAL DESIGN", "One record per planned Element "
				+ "per Arm", List.of("STUDYID", "ARMCD", "TAETORD"), List.of(STUDYID, DOMAIN, text("ARMCD",
						"Planned Arm Code", ASSIGNED), text("ARM", "Description of Planned Arm", PROTOCOL),
						integer("TAETORD", "Planned Order of Element within Arm", PROTOCOL), text("ETCD",
								"Element Code", ASSIGNED), text("ELEMENT", "Description of Element", PROTOCOL),
						text("EPOCH", "Epoch", PROTOCOL)));
		List<Element> elements = elements(study);
		for (TrialData.Arm arm : study.arms()) {
			int order = 1;
			for (Element e : elements) {
				if (e.arm() != null && !e.arm().equals(arm.name())) {
					continue;
				}
				ta.row().set("STUDYID", study.studyId()).set("DOMAIN", "TA").set("ARMCD", armCode(arm.name()))
						.set("ARM", armDescription(study, arm.name())).set("TAETORD", order++).set("ETCD", e.code())
						.set("ELEMENT", e.name()).set("EPOCH", e.epoch()).add();
			}
		}
		return ta.build();
	}

	public static Dataset tv(TrialData.Study study) {
		DatasetBuilder tv = new DatasetBuilder("TV", "Trial Visits", "TRIAL DESIGN", "One record per planned Visit "
				+ "per Arm", List.of("STUDYID", "VISITNUM"), List.of(STUDYID, DOMAIN, decimal("VISITNUM",
						"Visit Number", ASSIGNED), text("VISIT", "Visit Name", PROTOCOL), integer("VISITDY",
								"Planned Study Day of Visit", PROTOCOL), text("EPOCH", "Epoch", PROTOCOL),
						text("TVSTRL", "Visit Start Rule", PROTOCOL), text("TVENRL", "Visit End Rule", PROTOCOL)));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (StudyVisits.Planned p : visits.planned()) {
			Visit v = p.visit();
			long opens = visits.opens(v);
			long closes = visits.closes(v);
			tv.row().set("STUDYID", study.studyId()).set("DOMAIN", "TV").set("VISITNUM", p.number())
					.set("VISIT", v.label()).set("VISITDY", IsoDates.studyDay(LocalDate.EPOCH.plusDays(v.targetDay()),
							LocalDate.EPOCH)).set("EPOCH", v.epoch())
					.set("TVSTRL", "Day 0 " + signed(opens) + " days")
					.set("TVENRL", "Day 0 " + signed(closes) + " days").add();
		}
		return tv.build();
	}

	private static String signed(long days) {
		return days < 0 ? "- " + -days : "+ " + days;
	}

	// ---- subjects ----

	public static Dataset dm(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder dm = new DatasetBuilder("DM", "Demographics", "SPECIAL PURPOSE", "One record per subject",
				List.of("STUDYID", "USUBJID"), List.of(STUDYID, DOMAIN, USUBJID,
						text("SUBJID", "Subject Identifier for the Study", COLLECTED),
						text("RFSTDTC", "Subject Reference Start Date/Time", DERIVED).derived("Day 0: the date of "
								+ "the first completed MSC infusion, or the enrolment date in a control arm."),
						text("RFENDTC", "Subject Reference End Date/Time", COLLECTED),
						text("RFXSTDTC", "Date/Time of First Study Treatment", DERIVED)
								.derived("Start of the first completed MSC infusion."),
						text("RFXENDTC", "Date/Time of Last Study Treatment", DERIVED)
								.derived("Start (or end, when recorded) of the last completed MSC infusion."),
						text("RFICDTC", "Date/Time of Informed Consent", COLLECTED),
						text("DTHDTC", "Date/Time of Death", COLLECTED),
						text("DTHFL", "Subject Death Flag", DERIVED).derived("Y when the patient is recorded as "
								+ "deceased."),
						text("SITEID", "Study Site Identifier", COLLECTED),
						text("BRTHDTC", "Date/Time of Birth", COLLECTED),
						integer("AGE", "Age", DERIVED).derived("Whole years from BRTHDTC to RFSTDTC."),
						text("AGEU", "Age Units", ASSIGNED), text("SEX", "Sex", COLLECTED),
						text("ARMCD", "Planned Arm Code", ASSIGNED), text("ARM", "Description of Planned Arm",
								COLLECTED), text("ACTARMCD", "Actual Arm Code", ASSIGNED),
						text("ACTARM", "Description of Actual Arm", COLLECTED),
						text("ARMNRS", "Reason Arm and/or Actual Arm is Null", DERIVED)));
		for (TrialData.Subject s : subjects) {
			String first = s.infusions().stream().map(TrialData.Exposure::start).findFirst().orElse(null);
			String last = s.infusions().isEmpty() ? null : lastOf(s.infusions().get(s.infusions().size() - 1));
			String actual = s.actualArm();
			Integer age = IsoDates.age(s.birthDate(), s.day0());
			dm.row().set("STUDYID", study.studyId()).set("DOMAIN", "DM").set("USUBJID", usubjid(study, s))
					.set("SUBJID", s.subjectId()).set("RFSTDTC", s.day0() == null ? null : s.day0().toString())
					.set("RFENDTC", s.ended()).set("RFXSTDTC", first).set("RFXENDTC", last)
					.set("RFICDTC", s.enrolled()).set("DTHDTC", s.deathDate()).set("DTHFL", s.died() ? "Y" : null)
					.set("SITEID", s.siteId()).set("BRTHDTC", s.birthDate()).set("AGE", age)
					.set("AGEU", age == null ? null : "YEARS").set("SEX", Terminology.sex(s.sex()))
					.set("ARMCD", armCode(s.arm())).set("ARM", s.arm() == null ? null : armDescription(study, s.arm()))
					.set("ACTARMCD", armCode(actual)).set("ACTARM", actual == null ? null
							: armDescription(study, actual))
					.set("ARMNRS", s.arm() == null ? "NOT ASSIGNED" : actual == null ? "ASSIGNED, NOT TREATED" : null)
					.add();
		}
		return dm.build();
	}

	private static String lastOf(TrialData.Exposure infusion) {
		return infusion.end() != null ? infusion.end() : infusion.start();
	}

	/** SV: the scheduled visits a subject attended, one row per visit with the first and last date seen there. */
	public static Dataset sv(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder sv = new DatasetBuilder("SV", "Subject Visits", "SPECIAL PURPOSE", "One record per subject "
				+ "per actual visit", List.of("STUDYID", "USUBJID", "VISITNUM"), List.of(STUDYID, DOMAIN, USUBJID,
						decimal("VISITNUM", "Visit Number", DERIVED).derived(VISIT_METHOD), VISIT,
						text("EPOCH", "Epoch", DERIVED).derived(EPOCH_METHOD),
						text("SVSTDTC", "Start Date/Time of Visit", DERIVED)
								.derived("The earliest date of a record at the visit."),
						text("SVENDTC", "End Date/Time of Visit", DERIVED)
								.derived("The latest date of a record at the visit."),
						integer("SVSTDY", "Study Day of Start of Visit", DERIVED).derived(DAY_METHOD),
						integer("SVENDY", "Study Day of End of Visit", DERIVED).derived(DAY_METHOD)));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (TrialData.Subject s : subjects) {
			java.util.Map<Integer, LocalDate[]> seen = new java.util.TreeMap<>();
			java.util.Map<Integer, StudyVisits.Planned> byNumber = new java.util.HashMap<>();
			List<LocalDate> dates = new ArrayList<>();
			s.labs().forEach(f -> f.day().ifPresent(dates::add));
			s.vitals().forEach(f -> f.day().ifPresent(dates::add));
			s.ratings().forEach(r -> IsoDates.day(r.date()).ifPresent(dates::add));
			s.infusions().forEach(i -> IsoDates.day(i.start()).ifPresent(dates::add));
			for (LocalDate date : dates) {
				visits.at(s.day0(), date).ifPresent(p -> {
					byNumber.put(p.number(), p);
					seen.merge(p.number(), new LocalDate[] {date, date}, (a, b) -> new LocalDate[] {
							a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
				});
			}
			for (var visit : seen.entrySet()) {
				StudyVisits.Planned p = byNumber.get(visit.getKey());
				LocalDate start = visit.getValue()[0];
				LocalDate end = visit.getValue()[1];
				sv.row().set("STUDYID", study.studyId()).set("DOMAIN", "SV").set("USUBJID", usubjid(study, s))
						.set("VISITNUM", p.number()).set("VISIT", p.visit().label())
						.set("EPOCH", visits.epoch(s.day0(), start)).set("SVSTDTC", start.toString())
						.set("SVENDTC", end.toString()).set("SVSTDY", IsoDates.studyDay(start, s.day0()))
						.set("SVENDY", IsoDates.studyDay(end, s.day0())).add();
			}
		}
		return sv.build();
	}

	public static Dataset ex(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder ex = new DatasetBuilder("EX", "Exposure", "INTERVENTIONS", "One record per constant dosing "
				+ "interval per subject", List.of("STUDYID", "USUBJID", "EXTRT", "EXSTDTC", "EXSEQ"),
				List.of(STUDYID, DOMAIN, USUBJID, integer("EXSEQ", "Sequence Number", DERIVED).derived(SEQ_METHOD),
						text("EXSPID", "Sponsor-Defined Identifier", COLLECTED),
						text("EXTRT", "Name of Treatment", ASSIGNED), decimal("EXDOSE", "Dose", COLLECTED),
						text("EXDOSU", "Dose Units", COLLECTED), text("EXDOSFRM", "Dose Form", ASSIGNED),
						text("EXROUTE", "Route of Administration", COLLECTED),
						text("EXLOT", "Lot Number", COLLECTED), VISITNUM, VISIT, EPOCH,
						text("EXSTDTC", "Start Date/Time of Treatment", COLLECTED),
						text("EXENDTC", "End Date/Time of Treatment", COLLECTED),
						integer("EXSTDY", "Study Day of Start of Treatment", DERIVED).derived(DAY_METHOD),
						integer("EXENDY", "Study Day of End of Treatment", DERIVED).derived(DAY_METHOD)));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (TrialData.Subject s : subjects) {
			for (TrialData.Exposure i : s.infusions()) {
				LocalDate day = IsoDates.day(i.start()).orElse(null);
				Optional<StudyVisits.Planned> visit = visits.at(s.day0(), day);
				ex.row().set("STUDYID", study.studyId()).set("DOMAIN", "EX").set("USUBJID", usubjid(study, s))
						.set("EXSPID", "INFUSION " + i.number()).set("EXTRT", "UC-MSC").set("EXDOSE", i.dose())
						.set("EXDOSU", Terminology.unit(i.doseUnit())).set("EXDOSFRM", "SUSPENSION")
						.set("EXROUTE", i.route()).set("EXLOT", i.lot())
						.set("VISITNUM", visit.map(StudyVisits.Planned::number).orElse(null))
						.set("VISIT", visit.map(p -> p.visit().label()).orElse(null))
						.set("EPOCH", visits.epoch(s.day0(), day)).set("EXSTDTC", i.start())
						.set("EXENDTC", i.end() == null ? i.start() : i.end())
						.set("EXSTDY", IsoDates.studyDay(i.start(), s.day0()))
						.set("EXENDY", IsoDates.studyDay(i.end() == null ? i.start() : i.end(), s.day0())).add();
			}
		}
		return ex.build("EXSEQ");
	}

	private static final List<Variable> CM_VARIABLES = List.of(STUDYID, DOMAIN, USUBJID,
			integer("CMSEQ", "Sequence Number", DERIVED).derived(SEQ_METHOD),
			text("CMSPID", "Sponsor-Defined Identifier", COLLECTED),
			text("CMTRT", "Reported Name of Drug, Med, or Therapy", COLLECTED),
			text("CMDECOD", "Standardized Medication Name", ASSIGNED), text("CMCAT", "Category for Medication",
					ASSIGNED), decimal("CMDOSE", "Dose per Administration", COLLECTED), text("CMDOSU", "Dose Units",
							COLLECTED), text("CMDOSFRQ", "Dosing Frequency per Interval", COLLECTED),
			text("CMROUTE", "Route of Administration", COLLECTED), EPOCH,
			text("CMSTDTC", "Start Date/Time of Medication", COLLECTED),
			text("CMENDTC", "End Date/Time of Medication", COLLECTED),
			integer("CMSTDY", "Study Day of Start of Medication", DERIVED).derived(DAY_METHOD),
			integer("CMENDY", "Study Day of End of Medication", DERIVED).derived(DAY_METHOD));

	public static Dataset cm(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder cm = new DatasetBuilder("CM", "Concomitant/Prior Medications", "INTERVENTIONS", "One record "
				+ "per recorded intervention occurrence or constant-dosing interval per subject",
				List.of("STUDYID", "USUBJID", "CMTRT", "CMSTDTC", "CMSPID", "CMSEQ"), CM_VARIABLES);
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (TrialData.Subject s : subjects) {
			for (TrialData.Medication m : s.medications()) {
				cm.row().set("STUDYID", study.studyId()).set("DOMAIN", "CM").set("USUBJID", usubjid(study, s))
						.set("CMSPID", m.reference()).set("CMTRT", m.name())
						.set("CMDECOD", m.rxNorm() == null ? null : m.name().toUpperCase(Locale.ROOT))
						.set("CMCAT", m.prednisoneEquivalent() != null ? "GLUCOCORTICOID" : null)
						.set("CMDOSE", m.dose()).set("CMDOSU", Terminology.unit(m.doseUnit()))
						.set("CMDOSFRQ", Terminology.frequency(m.dosesPerDay())).set("CMROUTE", m.route())
						.set("EPOCH", visits.epoch(s.day0(), IsoDates.day(m.start()).orElse(null)))
						.set("CMSTDTC", m.start()).set("CMENDTC", m.end())
						.set("CMSTDY", IsoDates.studyDay(m.start(), s.day0()))
						.set("CMENDY", IsoDates.studyDay(m.end(), s.day0())).add();
			}
		}
		return cm.build("CMSEQ");
	}

	/**
	 * SUPPCM: the prednisone-equivalent daily dose of each glucocorticoid record, the figure the response rules
	 * compare, keyed to its CM record by CMSEQ.
	 */
	public static Dataset suppcm(TrialData.Study study, List<TrialData.Subject> subjects, Dataset cm) {
		Supplemental supp = new Supplemental("CM");
		int usubjid = cm.indexOf("USUBJID");
		int seq = cm.indexOf("CMSEQ");
		int spid = cm.indexOf("CMSPID");
		java.util.Map<String, TrialData.Medication> byReference = new java.util.HashMap<>();
		subjects.forEach(s -> s.medications().forEach(m -> byReference.put(m.reference(), m)));
		for (Object[] row : cm.rows()) {
			TrialData.Medication m = byReference.get((String) row[spid]);
			if (m != null && m.prednisoneEquivalent() != null) {
				supp.add(study.studyId(), (String) row[usubjid], "CMSEQ", row[seq].toString(), "PREDEQ",
						"Prednisone-Equivalent Dose (mg/day)", m.prednisoneEquivalent().stripTrailingZeros()
								.toPlainString(), "Derived");
			}
		}
		return supp.build();
	}

	// ---- findings ----

	private static List<Variable> findings(String prefix, String specimenLabel) {
		List<Variable> variables = new ArrayList<>(List.of(STUDYID, DOMAIN, USUBJID,
				integer(prefix + "SEQ", "Sequence Number", DERIVED).derived(SEQ_METHOD),
				text(prefix + "SPID", "Sponsor-Defined Identifier", COLLECTED),
				text(prefix + "TESTCD", prefix.equals("LB") ? "Lab Test or Examination Short Name"
						: "Vital Signs Test Short Name", ASSIGNED),
				text(prefix + "TEST", prefix.equals("LB") ? "Lab Test or Examination Name" : "Vital Signs Test Name",
						ASSIGNED),
				text(prefix + "ORRES", "Result or Finding in Original Units", COLLECTED),
				text(prefix + "ORRESU", "Original Units", COLLECTED)));
		if (prefix.equals("LB")) {
			variables.add(text("LBORNRLO", "Reference Range Lower Limit in Orig Unit", COLLECTED));
			variables.add(text("LBORNRHI", "Reference Range Upper Limit in Orig Unit", COLLECTED));
		}
		variables.add(text(prefix + "STRESC", "Character Result/Finding in Std Format", DERIVED)
				.derived("The standard numeric result as text, else the original result."));
		variables.add(decimal(prefix + "STRESN", "Numeric Result/Finding in Standard Units", DERIVED)
				.derived("The original result converted with UCUM to the unit the response rules use for the measure "
						+ "(response-criteria.md section 6); the original value for other tests."));
		variables.add(text(prefix + "STRESU", "Standard Units", DERIVED)
				.derived("The unit of " + prefix + "STRESN."));
		if (prefix.equals("LB")) {
			variables.add(text("LBNRIND", "Reference Range Indicator", DERIVED)
					.derived("LOW below LBORNRLO, HIGH above LBORNRHI, NORMAL within; empty without a range."));
			variables.add(text("LBSPEC", specimenLabel, COLLECTED));
			variables.add(text("LBLOINC", "LOINC Code", COLLECTED));
		}
		variables.add(text(prefix + "LOBXFL", "Last Observation Before Exposure Flag", DERIVED)
				.derived("Y on the subject's last non-missing result of the test on or before RFSTDTC."));
		variables.add(VISITNUM);
		variables.add(VISIT);
		variables.add(EPOCH);
		variables.add(text(prefix + "DTC", prefix.equals("LB") ? "Date/Time of Specimen Collection"
				: "Date/Time of Measurements", COLLECTED));
		if (prefix.equals("LB")) {
			variables.add(text("LBENDTC", "End Date/Time of Specimen Collection", COLLECTED));
		}
		variables.add(integer(prefix + "DY", "Study Day of " + (prefix.equals("LB") ? "Specimen Collection"
				: "Vital Signs"), DERIVED).derived(DAY_METHOD));
		return variables;
	}

	public static Dataset lb(TrialData.Study study, List<TrialData.Subject> subjects) {
		return findingsDataset("LB", "Laboratory Test Results", study, subjects, true);
	}

	public static Dataset vs(TrialData.Study study, List<TrialData.Subject> subjects) {
		return findingsDataset("VS", "Vital Signs", study, subjects, false);
	}

	private static Dataset findingsDataset(String prefix, String label, TrialData.Study study,
			List<TrialData.Subject> subjects, boolean lab) {
		DatasetBuilder ds = new DatasetBuilder(prefix, label, "FINDINGS", "One record per " + (lab ? "lab test"
				: "vital sign measurement") + " per time point per visit per subject", List.of("STUDYID", "USUBJID",
						prefix + "TESTCD", prefix + "DTC", prefix + "SPID", prefix + "SEQ"),
				findings(prefix, "Specimen Type"));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (TrialData.Subject s : subjects) {
			List<TrialData.Finding> findings = lab ? s.labs() : s.vitals();
			java.util.Map<String, TrialData.Finding> lastBeforeExposure = new java.util.HashMap<>();
			for (TrialData.Finding f : findings) {
				LocalDate day = f.day().orElse(null);
				if (f.value() != null && day != null && s.day0() != null && !day.isAfter(s.day0())) {
					lastBeforeExposure.merge(f.loinc() + "|" + f.name(), f,
							(a, b) -> a.date().compareTo(b.date()) >= 0 ? a : b);
				}
			}
			for (TrialData.Finding f : findings) {
				LocalDate day = f.day().orElse(null); // the visit is the one the response rules count the value at
				Optional<StudyVisits.Planned> visit = visits.at(s.day0(), day);
				Terminology.Test test = testOf(f);
				DatasetBuilder.Row row = ds.row().set("STUDYID", study.studyId()).set("DOMAIN", prefix)
						.set("USUBJID", usubjid(study, s)).set(prefix + "SPID", f.reference())
						.set(prefix + "TESTCD", test.code()).set(prefix + "TEST", test.name())
						.set(prefix + "ORRES", f.result()).set(prefix + "ORRESU", f.unit())
						// A result below or above a limit keeps its comparator ("<0.1"); STRESN keeps the bound,
						// which the response rules and the safety summary count too.
						.set(prefix + "STRESC", f.standardValue() != null ? f.comparator() + plain(f.standardValue())
								: f.result())
						.set(prefix + "STRESN", f.standardValue())
						.set(prefix + "STRESU", Terminology.unit(f.standardUnit()))
						.set(prefix + "LOBXFL", lastBeforeExposure.get(f.loinc() + "|" + f.name()) == f ? "Y" : null)
						.set("VISITNUM", visit.map(StudyVisits.Planned::number).orElse(null))
						.set("VISIT", visit.map(p -> p.visit().label()).orElse(null))
						.set("EPOCH", visits.epoch(s.day0(), day)).set(prefix + "DTC", f.date())
						.set(prefix + "DY", IsoDates.studyDay(f.collectionDay().orElse(null), s.day0()));
				if (lab) {
					row.set("LBENDTC", f.end());
					row.set("LBORNRLO", f.low() == null ? null : plain(f.low()))
							.set("LBORNRHI", f.high() == null ? null : plain(f.high()))
							.set("LBNRIND", rangeIndicator(f.value(), f.low(), f.high()))
							.set("LBSPEC", f.specimen()).set("LBLOINC", f.loinc());
				}
				row.add();
			}
		}
		return ds.build(prefix + "SEQ");
	}

	private static Terminology.Test testOf(TrialData.Finding f) {
		return f.test() != null ? f.test() : Terminology.unlisted(f.loinc(), f.name());
	}

	/** LBNRIND: LOW, HIGH or NORMAL against the range as sent; a value at a limit is within it. */
	public static String rangeIndicator(BigDecimal value, BigDecimal low, BigDecimal high) {
		if (value == null || (low == null && high == null)) {
			return null;
		}
		if (low != null && value.compareTo(low) < 0) {
			return "LOW";
		}
		if (high != null && value.compareTo(high) > 0) {
			return "HIGH";
		}
		return "NORMAL";
	}

	static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	// ---- events ----

	public static Dataset ae(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder ae = new DatasetBuilder("AE", "Adverse Events", "EVENTS", "One record per adverse event per "
				+ "subject", List.of("STUDYID", "USUBJID", "AEDECOD", "AESTDTC", "AESPID", "AESEQ"),
				List.of(STUDYID, DOMAIN, USUBJID, integer("AESEQ", "Sequence Number", DERIVED).derived(SEQ_METHOD),
						text("AESPID", "Sponsor-Defined Identifier", COLLECTED),
						text("AETERM", "Reported Term for the Adverse Event", COLLECTED),
						text("AEDECOD", "Dictionary-Derived Term", ASSIGNED),
						text("AESER", "Serious Event", COLLECTED), text("AEREL", "Causality", DERIVED)
								.derived("The strongest causality assessed against one of the subject's MSC "
										+ "infusions: Certain, Probably/Likely RELATED; Possible POSSIBLY RELATED; "
										+ "Unlikely NOT RELATED."),
						text("AEOUT", "Outcome of Adverse Event", COLLECTED),
						text("AESDTH", "Results in Death", COLLECTED),
						text("AESLIFE", "Is Life Threatening", COLLECTED),
						text("AESHOSP", "Requires or Prolongs Hospitalization", COLLECTED),
						text("AESDISAB", "Persist or Signif Disability/Incapacity", COLLECTED),
						text("AESCONG", "Congenital Anomaly or Birth Defect", COLLECTED),
						text("AESMIE", "Other Medically Important Serious Event", COLLECTED),
						text("AETOXGR", "Standard Toxicity Grade", COLLECTED), EPOCH,
						text("AESTDTC", "Start Date/Time of Adverse Event", COLLECTED),
						text("AEENDTC", "End Date/Time of Adverse Event", COLLECTED),
						integer("AESTDY", "Study Day of Start of Adverse Event", DERIVED).derived(DAY_METHOD),
						integer("AEENDY", "Study Day of End of Adverse Event", DERIVED).derived(DAY_METHOD)));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (TrialData.Subject s : subjects) {
			for (TrialData.Event e : s.adverseEvents()) {
				ae.row().set("STUDYID", study.studyId()).set("DOMAIN", "AE").set("USUBJID", usubjid(study, s))
						.set("AESPID", e.reference()).set("AETERM", e.term()).set("AEDECOD", e.decodedTerm())
						.set("AESER", e.serious() == null ? null : e.serious() ? "Y" : "N")
						.set("AEREL", Terminology.relatedness(e.relatedness()))
						.set("AEOUT", Terminology.outcome(e.outcome()))
						.set("AESDTH", "fatal".equals(e.outcome()) || Integer.valueOf(5).equals(e.grade())
								|| criterion(e, TrialCodes.SERIOUS_DEATH) ? "Y" : e.seriousnessCriteria() == null ? null : "N")
						.set("AESLIFE", flag(e, TrialCodes.SERIOUS_LIFE_THREATENING)).set("AESHOSP", flag(e, TrialCodes.SERIOUS_HOSPITALISATION))
						.set("AESDISAB", flag(e, TrialCodes.SERIOUS_DISABILITY)).set("AESCONG", flag(e, TrialCodes.SERIOUS_CONGENITAL_ANOMALY))
						.set("AESMIE", flag(e, TrialCodes.SERIOUS_OTHER_MEDICALLY_IMPORTANT))
						.set("AETOXGR", e.grade() == null ? null : e.grade().toString())
						.set("EPOCH", visits.epoch(s.day0(), IsoDates.day(e.start()).orElse(null)))
						.set("AESTDTC", e.start()).set("AEENDTC", e.end())
						.set("AESTDY", IsoDates.studyDay(e.start(), s.day0()))
						.set("AEENDY", IsoDates.studyDay(e.end(), s.day0())).add();
			}
		}
		return ae.build("AESEQ");
	}

	/**
	 * A seriousness flag from the event's seriousness criteria (NCIt codes, AE Clinical Research IG): Y when that
	 * criterion is present, N when others are recorded, empty when the event records none.
	 */
	private static String flag(TrialData.Event event, String ncitCode) {
		return event.seriousnessCriteria() == null ? null : criterion(event, ncitCode) ? "Y" : "N";
	}

	private static boolean criterion(TrialData.Event event, String ncitCode) {
		return event.seriousnessCriteria() != null && event.seriousnessCriteria().contains(ncitCode);
	}

	/** RS: disease-activity ratings (SLEDAI-2K, BILAG-2004, PGA) as clinical classifications. */
	public static Dataset rs(TrialData.Study study, List<TrialData.Subject> subjects) {
		DatasetBuilder rs = new DatasetBuilder("RS", "Disease Response and Clin Classification", "FINDINGS",
				"One record per test per visit per subject", List.of("STUDYID", "USUBJID", "RSCAT", "RSTESTCD",
						"RSDTC", "RSSEQ"), List.of(STUDYID, DOMAIN, USUBJID,
								integer("RSSEQ", "Sequence Number", DERIVED).derived(SEQ_METHOD),
								text("RSSPID", "Sponsor-Defined Identifier", COLLECTED),
								text("RSTESTCD", "Assessment Short Name", ASSIGNED),
								text("RSTEST", "Assessment Name", ASSIGNED),
								text("RSCAT", "Category for Assessment", ASSIGNED),
								text("RSORRES", "Result or Finding in Original Units", COLLECTED),
								text("RSSTRESC", "Character Result/Finding in Std Format", DERIVED)
										.derived("RSORRES as written."),
								decimal("RSSTRESN", "Numeric Result/Finding in Standard Units", DERIVED)
										.derived("RSORRES as a number when it is one."),
								VISITNUM, VISIT, EPOCH, text("RSDTC", "Date/Time of Assessment", COLLECTED),
								integer("RSDY", "Study Day of Assessment", DERIVED).derived(DAY_METHOD)));
		StudyVisits visits = new StudyVisits(study.schedule(), study.defaultWindow());
		for (TrialData.Subject s : subjects) {
			for (TrialData.Rating r : s.ratings()) {
				LocalDate day = IsoDates.day(r.date()).orElse(null);
				Optional<StudyVisits.Planned> visit = visits.at(s.day0(), day);
				rs.row().set("STUDYID", study.studyId()).set("DOMAIN", "RS").set("USUBJID", usubjid(study, s))
						.set("RSSPID", r.reference()).set("RSTESTCD", r.testCode()).set("RSTEST", r.testName())
						.set("RSCAT", r.category()).set("RSORRES", r.result()).set("RSSTRESC", r.result())
						.set("RSSTRESN", r.value())
						.set("VISITNUM", visit.map(StudyVisits.Planned::number).orElse(null))
						.set("VISIT", visit.map(p -> p.visit().label()).orElse(null))
						.set("EPOCH", visits.epoch(s.day0(), day)).set("RSDTC", r.date())
						.set("RSDY", IsoDates.studyDay(day, s.day0())).add();
			}
		}
		return rs.build("RSSEQ");
	}
}
