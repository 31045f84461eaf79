package org.msclupus.fhir.safety.operation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.CodeType;
import org.msclupus.fhir.operation.CsvTable;
import org.msclupus.fhir.safety.SafetyLab;
import org.msclupus.fhir.safety.SafetyReport;

/** Writes a {@link SafetyReport} as the output of {@code $safety-summary}: FHIR Parameters, or one CSV table. */
final class SafetyParameters {

	static final List<String> CSV_COLUMNS = List.of("section", "arm", "item", "category", "events", "subjects",
			"evaluated", "above", "below", "normalAtBaseline", "newAbnormal", "estimate", "ciLower", "ciUpper",
			"evidence");
	static final String CSV_HEADER = String.join(",", CSV_COLUMNS);

	private SafetyParameters() {
	}

	static Parameters toParameters(SafetyReport report, String study, java.time.LocalDate asOf) {
		Parameters out = new Parameters();
		out.addParameter().setName("study").setValue(new Reference(study));
		out.addParameter().setName("asOf").setValue(new DateType(asOf.toString()));
		threshold(out, "infusionReactionHours", report.thresholds().infusionReactionHours());
		threshold(out, "baselineWindowDays", report.thresholds().baselineWindowDays());
		threshold(out, "monthVisitWindowDays", report.thresholds().monthVisitWindowDays());
		threshold(out, "yearVisitWindowDays", report.thresholds().yearVisitWindowDays());
		for (SafetyReport.EventCount count : report.adverseEvents()) {
			ParametersParameterComponent p = out.addParameter().setName("adverseEvents");
			p.addPart().setName("arm").setValue(new StringType(count.arm()));
			p.addPart().setName("dimension").setValue(new CodeType(count.dimension()));
			p.addPart().setName("category").setValue(new CodeType(count.category()));
			counts(p, count);
		}
		for (SafetyReport.Death death : report.deaths()) {
			ParametersParameterComponent p = out.addParameter().setName("deaths");
			p.addPart().setName("arm").setValue(new StringType(death.arm()));
			p.addPart().setName("subject").setValue(new Reference(death.subject()));
			p.addPart().setName("event").setValue(new Reference(death.event()));
			if (death.day() != null) {
				p.addPart().setName("day").setValue(new IntegerType(death.day()));
			}
		}
		for (SafetyReport.EventCount count : report.infusionReactions()) {
			ParametersParameterComponent p = out.addParameter().setName("infusionReactions");
			p.addPart().setName("arm").setValue(new StringType(count.arm()));
			p.addPart().setName("infusionNumber").setValue(new PositiveIntType(Integer.parseInt(count.category())));
			counts(p, count);
		}
		for (SafetyReport.LabCount lab : report.labAbnormalities()) {
			ParametersParameterComponent p = out.addParameter().setName("labAbnormalities");
			p.addPart().setName("arm").setValue(new StringType(lab.arm()));
			p.addPart().setName("test").setValue(test(lab.lab()));
			p.addPart().setName("visit").setValue(new CodeType(lab.visit()));
			p.addPart().setName("evaluated").setValue(new IntegerType(lab.evaluated()));
			p.addPart().setName("above").setValue(new IntegerType(lab.above()));
			p.addPart().setName("below").setValue(new IntegerType(lab.below()));
			p.addPart().setName("normalAtBaseline").setValue(new IntegerType(lab.normalAtBaseline()));
			p.addPart().setName("newAbnormal").setValue(new IntegerType(lab.newAbnormal()));
			lab.aboveEvidence().forEach(r -> p.addPart().setName("aboveEvidence").setValue(new Reference(r)));
			lab.belowEvidence().forEach(r -> p.addPart().setName("belowEvidence").setValue(new Reference(r)));
			lab.newAbnormalEvidence().forEach(r -> p.addPart().setName("newAbnormalEvidence").setValue(new Reference(r)));
		}
		for (SafetyReport.VitalCount vital : report.vitalSigns()) {
			ParametersParameterComponent p = out.addParameter().setName("vitalSigns");
			p.addPart().setName("arm").setValue(new StringType(vital.arm()));
			p.addPart().setName("visit").setValue(new CodeType(vital.visit()));
			p.addPart().setName("evaluated").setValue(new IntegerType(vital.evaluated()));
			p.addPart().setName("significant").setValue(new IntegerType(vital.significant()));
			vital.evidence().forEach(r -> p.addPart().setName("evidence").setValue(new Reference(r)));
		}
		for (SafetyReport.Rate rate : report.rates()) {
			ParametersParameterComponent p = out.addParameter().setName("rates");
			p.addPart().setName("measure").setValue(new CodeType("proportion"));
			p.addPart().setName("arm").setValue(new StringType(rate.arm()));
			p.addPart().setName("numerator").setValue(new IntegerType(rate.subjectsWithEvent()));
			p.addPart().setName("denominator").setValue(new IntegerType(rate.subjects()));
			estimate(p, rate.proportion(), rate.low(), rate.high());
		}
		SafetyReport.OddsRatio or = report.oddsRatio();
		if (or != null) {
			ParametersParameterComponent p = out.addParameter().setName("rates");
			p.addPart().setName("measure").setValue(new CodeType("odds-ratio"));
			p.addPart().setName("arm").setValue(new StringType(or.mscArm()));
			p.addPart().setName("comparator").setValue(new StringType(or.controlArm()));
			p.addPart().setName("cell").setValue(new StringType(String.format(Locale.ROOT,
					"a=%d b=%d c=%d d=%d", or.a(), or.b(), or.c(), or.d())));
			p.addPart().setName("continuityCorrection").setValue(new DecimalType(BigDecimal.valueOf(or.correction())));
			estimate(p, or.ratio(), or.low(), or.high());
		}
		return out;
	}

	static String toCsv(SafetyReport report) {
		CsvTable csv = new CsvTable(CSV_COLUMNS);
		for (SafetyReport.EventCount c : report.adverseEvents()) {
			row(csv, "adverseEvents", c.arm(), c.dimension(), c.category(), c.events(), c.subjects(), null, null, null,
					null, null, null, null, null, c.evidence());
		}
		for (SafetyReport.Death d : report.deaths()) {
			row(csv, "deaths", d.arm(), d.subject(), d.day() == null ? null : "day-" + d.day(), 1, 1, null, null, null,
					null, null, null, null, null, List.of(d.event()));
		}
		for (SafetyReport.EventCount c : report.infusionReactions()) {
			row(csv, "infusionReactions", c.arm(), "infusion", c.category(), c.events(), c.subjects(), null, null, null,
					null, null, null, null, null, c.evidence());
		}
		for (SafetyReport.LabCount l : report.labAbnormalities()) {
			List<String> evidence = new ArrayList<>(l.aboveEvidence());
			evidence.addAll(l.belowEvidence());
			row(csv, "labAbnormalities", l.arm(), l.lab().code(), l.visit(), null, null, l.evaluated(), l.above(),
					l.below(), l.normalAtBaseline(), l.newAbnormal(), null, null, null, evidence);
		}
		for (SafetyReport.Rate r : report.rates()) {
			row(csv, "rates", r.arm(), "proportion", null, null, r.subjectsWithEvent(), r.subjects(), null, null, null,
					null, r.proportion(), r.low(), r.high(), List.of());
		}
		for (SafetyReport.VitalCount v : report.vitalSigns()) {
			row(csv, "vitalSigns", v.arm(), "any", v.visit(), null, v.significant(), v.evaluated(), null, null, null,
					null, null, null, null, v.evidence());
		}
		SafetyReport.OddsRatio or = report.oddsRatio();
		if (or != null) {
			row(csv, "rates", or.mscArm(), "odds-ratio", "vs " + or.controlArm(), null, null, null, null, null, null,
					null, or.ratio(), or.low(), or.high(), List.of());
		}
		return csv.toString();
	}

	private static void row(CsvTable csv, String section, String arm, String item, String category,
			Integer events, Integer subjects, Integer evaluated, Integer above, Integer below, Integer normalAtBaseline,
			Integer newAbnormal, Double estimate, Double low, Double high, List<String> evidence) {
		csv.row(section, arm, item, category, events, subjects, evaluated, above, below, normalAtBaseline, newAbnormal,
				round(estimate), round(low), round(high), String.join(" ", evidence));
	}

	private static void counts(ParametersParameterComponent p, SafetyReport.EventCount count) {
		p.addPart().setName("events").setValue(new IntegerType(count.events()));
		p.addPart().setName("subjects").setValue(new IntegerType(count.subjects()));
		count.evidence().forEach(r -> p.addPart().setName("evidence").setValue(new Reference(r)));
	}

	private static void estimate(ParametersParameterComponent p, Double value, Double low, Double high) {
		if (value == null) {
			return; // no subjects in the arm
		}
		p.addPart().setName("estimate").setValue(new DecimalType(round(value)));
		p.addPart().setName("ciLower").setValue(new DecimalType(round(low)));
		p.addPart().setName("ciUpper").setValue(new DecimalType(round(high)));
	}

	private static void threshold(Parameters out, String name, int value) {
		ParametersParameterComponent p = out.addParameter().setName("threshold");
		p.addPart().setName("name").setValue(new StringType(name));
		p.addPart().setName("value").setValue(new IntegerType(value));
	}

	private static Coding test(SafetyLab lab) {
		return new Coding(SafetyLab.LOINC, lab.loincCodes().get(0), lab.label());
	}

	private static BigDecimal round(Double value) {
		return value == null || value.isInfinite() || value.isNaN() ? null
				: BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
	}
}
