package org.msclupus.fhir.safety.operation;

import static org.msclupus.fhir.operation.Output.code;
import static org.msclupus.fhir.operation.Output.ref;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.operation.UnverifiedValues;
import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.msclupus.fhir.safety.LabToxicity;
import org.msclupus.fhir.safety.LabToxicitySummary;
import org.msclupus.fhir.safety.SafetyLab;
import org.msclupus.fhir.safety.SusarCandidates;
import org.msclupus.fhir.safety.SafetyReport;

/** Writes a {@link SafetyReport} as the output of {@code $safety-summary}: FHIR Parameters, or one CSV table. */
final class SafetyParameters {

	static final List<String> CSV_COLUMNS = List.of("section", "arm", "item", "category", "events", "subjects",
			"evaluated", "above", "below", "normalAtBaseline", "newAbnormal", "estimate", "ciLower", "ciUpper",
			"evidence", "term", "grade", "baselineGrade", "worstGrade");
	static final String CSV_HEADER = String.join(",", CSV_COLUMNS);
	static final Set<String> CSV_SECTIONS = Set.of("adverseEvents", "deaths", "infusionReactions", "labAbnormalities",
			"rates", "vitalSigns", "labToxicity", "labShift", "susarCandidate");

	private SafetyParameters() {
	}

	static final String UNVERIFIED = UnverifiedValues.NAME;
	static final String UNVERIFIED_SUBJECT = "unverifiedSubject";
	private static final Set<String> WITH_UNVERIFIED = with(CSV_SECTIONS, UNVERIFIED_SUBJECT, UNVERIFIED);

	/**
	 * @param unverified for a study whose values wait for verification, per subject how many records were counted
	 *                   unverified: the study's total, and one {@code unverifiedSubject} per subject with any
	 */
	static Output toOutput(SafetyReport report, String study, java.time.LocalDate asOf,
			Map<String, Integer> unverified) {
		Output out = new Output();
		out.add("study").value(ref(study));
		out.add("asOf").value(asOf);
		threshold(out, "infusionReactionHours", report.thresholds().infusionReactionHours());
		threshold(out, "baselineWindowDays", report.thresholds().baselineWindowDays());
		threshold(out, "monthVisitWindowDays", report.thresholds().monthVisitWindowDays());
		threshold(out, "yearVisitWindowDays", report.thresholds().yearVisitWindowDays());
		for (SafetyReport.EventCount count : report.adverseEvents()) {
			counts(out.add("adverseEvents").part("arm", count.arm()).part("dimension", code(count.dimension()))
					.part("category", code(count.category())), count);
		}
		for (SafetyReport.Death death : report.deaths()) {
			out.add("deaths").part("arm", death.arm()).part("subject", ref(death.subject()))
					.part("event", ref(death.event())).part("day", death.day());
		}
		for (SafetyReport.EventCount count : report.infusionReactions()) {
			counts(out.add("infusionReactions").part("arm", count.arm())
					.part("infusionNumber", new PositiveIntType(Integer.parseInt(count.category()))), count);
		}
		for (SafetyReport.LabCount lab : report.labAbnormalities()) {
			out.add("labAbnormalities").part("arm", lab.arm()).part("test", test(lab.lab()))
					.part("visit", code(lab.visit())).part("evaluated", lab.evaluated()).part("above", lab.above())
					.part("below", lab.below()).part("normalAtBaseline", lab.normalAtBaseline())
					.part("newAbnormal", lab.newAbnormal()).parts("aboveEvidence", refs(lab.aboveEvidence()))
					.parts("belowEvidence", refs(lab.belowEvidence()))
					.parts("newAbnormalEvidence", refs(lab.newAbnormalEvidence()));
		}
		addLabToxicity(out, report, true);
		addSusarCandidates(out, report, true);
		for (SafetyReport.VitalCount vital : report.vitalSigns()) {
			out.add("vitalSigns").part("arm", vital.arm()).part("visit", code(vital.visit()))
					.part("evaluated", vital.evaluated()).part("significant", vital.significant())
					.parts("evidence", refs(vital.evidence()));
		}
		for (SafetyReport.Rate rate : report.rates()) {
			estimate(out.add("rates").part("measure", code("proportion")).part("arm", rate.arm())
					.part("numerator", rate.subjectsWithEvent()).part("denominator", rate.subjects()),
					rate.proportion(), rate.low(), rate.high());
		}
		SafetyReport.OddsRatio or = report.oddsRatio();
		if (or != null) {
			estimate(out.add("rates").part("measure", code("odds-ratio")).part("arm", or.mscArm())
					.part("comparator", or.controlArm()).part("cell", String.format(Locale.ROOT,
							"a=%d b=%d c=%d d=%d", or.a(), or.b(), or.c(), or.d()))
					.part("continuityCorrection", BigDecimal.valueOf(or.correction())), or.ratio(), or.low(), or.high());
		}
		if (unverified != null) {
			out.add(UNVERIFIED).value(UnverifiedValues.total(unverified));
			unverified.forEach((subject, count) -> {
				if (count > 0) {
					out.add(UNVERIFIED_SUBJECT).part("subject", ref(subject)).part(UNVERIFIED, count);
				}
			});
		}
		return out;
	}

	/** One long table; the {@code section} column says which kind of row, {@code evidence} is space-separated. */
	static String toCsv(SafetyReport report, Map<String, Integer> unverified) {
		Output csv = new Output();
		addUnverified(csv, unverified);
		for (SafetyReport.EventCount c : report.adverseEvents()) {
			csv.add("adverseEvents").part("arm", c.arm()).part("item", c.dimension()).part("category", c.category())
					.part("events", c.events()).part("subjects", c.subjects()).parts("evidence", c.evidence());
		}
		for (SafetyReport.Death d : report.deaths()) {
			csv.add("deaths").part("arm", d.arm()).part("item", d.subject())
					.part("category", d.day() == null ? null : "day-" + d.day()).part("events", 1).part("subjects", 1)
					.part("evidence", d.event());
		}
		for (SafetyReport.EventCount c : report.infusionReactions()) {
			csv.add("infusionReactions").part("arm", c.arm()).part("item", "infusion").part("category", c.category())
					.part("events", c.events()).part("subjects", c.subjects()).parts("evidence", c.evidence());
		}
		for (SafetyReport.LabCount l : report.labAbnormalities()) {
			csv.add("labAbnormalities").part("arm", l.arm()).part("item", l.lab().code()).part("category", l.visit())
					.part("evaluated", l.evaluated()).part("above", l.above()).part("below", l.below())
					.part("normalAtBaseline", l.normalAtBaseline()).part("newAbnormal", l.newAbnormal())
					.parts("evidence", l.aboveEvidence()).parts("evidence", l.belowEvidence());
		}
		for (SafetyReport.Rate r : report.rates()) {
			estimate(csv.add("rates").part("arm", r.arm()).part("item", "proportion")
					.part("subjects", r.subjectsWithEvent()).part("evaluated", r.subjects()), r.proportion(), r.low(),
					r.high());
		}
		for (SafetyReport.VitalCount v : report.vitalSigns()) {
			csv.add("vitalSigns").part("arm", v.arm()).part("item", "any").part("category", v.visit())
					.part("subjects", v.significant()).part("evaluated", v.evaluated()).parts("evidence", v.evidence());
		}
		SafetyReport.OddsRatio or = report.oddsRatio();
		if (or != null) {
			estimate(csv.add("rates").part("arm", or.mscArm()).part("item", "odds-ratio")
					.part("category", "vs " + or.controlArm()), or.ratio(), or.low(), or.high());
		}
		addLabToxicity(csv, report, false);
		addSusarCandidates(csv, report, false);
		return csv.toCsv(UnverifiedValues.columns(CSV_COLUMNS, unverified), unverified == null ? CSV_SECTIONS : WITH_UNVERIFIED);
	}


	private static Set<String> with(Set<String> sections, String... more) {
		Set<String> all = new java.util.HashSet<>(sections);
		all.addAll(List.of(more));
		return Set.copyOf(all);
	}

	/** The study's count of values counted unverified, and each subject's that has any. */
	private static void addUnverified(Output out, Map<String, Integer> unverified) {
		if (unverified == null) {
			return;
		}
		out.add(UNVERIFIED).part(UNVERIFIED, UnverifiedValues.total(unverified));
		unverified.forEach((subject, count) -> {
			if (count > 0) {
				out.add(UNVERIFIED_SUBJECT).part("item", subject).part(UNVERIFIED, count);
			}
		});
	}

	private static Output.Row counts(Output.Row row, SafetyReport.EventCount count) {
		return row.part("events", count.events()).part("subjects", count.subjects())
				.parts("evidence", refs(count.evidence()));
	}

	/** The estimate with its interval, to four decimals; none for an arm without subjects. */
	private static Output.Row estimate(Output.Row row, Double value, Double low, Double high) {
		if (value == null) {
			return row;
		}
		return row.part("estimate", round(value)).part("ciLower", round(low)).part("ciUpper", round(high));
	}

	private static void threshold(Output out, String name, int value) {
		out.add("threshold").part("name", name).part("value", value);
	}

	private static List<Output.Ref> refs(List<String> references) {
		return references.stream().map(Output::ref).toList();
	}

	/**
	 * The CTCAE v5.0 worst grades and shift tables: in Parameters the test as its LOINC Coding and the evidence as
	 * references; in CSV the LOINC code in {@code item}.
	 */
	private static void addLabToxicity(Output out, SafetyReport report, boolean fhir) {
		for (LabToxicitySummary.ToxicityCount count : report.labToxicity()) {
			Output.Row row = out.add("labToxicity").part("arm", count.arm());
			(fhir ? row.part("test", test(count.term())) : row.part("item", count.term().loincCodes().get(0)))
					.part("term", count.term().term()).part("grade", count.grade()).part("subjects", count.subjects())
					.parts("evidence", fhir ? refs(count.evidence()) : count.evidence());
		}
		for (LabToxicitySummary.ShiftCount shift : report.labShift()) {
			Output.Row row = out.add("labShift").part("arm", shift.arm());
			(fhir ? row.part("test", test(shift.term())) : row.part("item", shift.term().loincCodes().get(0)))
					.part("term", shift.term().term()).part("baselineGrade", shift.baselineGrade())
					.part("worstGrade", shift.worstGrade()).part("subjects", shift.subjects());
		}
	}

	/** Serious, related, unexpected events: in CSV the subject in {@code item}, the term in {@code term}, the onset in {@code category}. */
	private static void addSusarCandidates(Output out, SafetyReport report, boolean fhir) {
		for (SusarCandidates.Candidate candidate : report.susarCandidates()) {
			Output.Row row = out.add("susarCandidate");
			if (fhir) {
				row.part("subject", ref(candidate.subject())).part("adverseEvent", ref(candidate.adverseEvent()))
						.part("term", candidate.term()).part("onset", new org.hl7.fhir.r4.model.DateTimeType(
								java.util.Date.from(candidate.onset()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
								java.util.TimeZone.getTimeZone("UTC")));
			} else {
				row.part("item", candidate.subject()).part("term", candidate.term())
						.part("category", candidate.onset().toString()).part("evidence", candidate.adverseEvent());
			}
		}
	}

	private static Coding test(LabToxicity term) {
		return new Coding(SafetyLab.LOINC, term.loincCodes().get(0), null);
	}

	private static Coding test(SafetyLab lab) {
		return new Coding(SafetyLab.LOINC, lab.loincCodes().get(0), lab.label());
	}

	private static BigDecimal round(Double value) {
		return value == null || value.isInfinite() || value.isNaN() ? null
				: BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
	}
}
