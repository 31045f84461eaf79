package org.msclupus.fhir.visits.operation;

import static org.msclupus.fhir.operation.Output.code;
import static org.msclupus.fhir.operation.Output.ref;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.operation.UnverifiedValues;
import org.msclupus.fhir.visits.VisitCompliance;

/**
 * $visit-compliance's answer: the schedule and cut-off, one {@code subjectVisit} per subject and planned visit, the
 * subjects without a day 0, one {@code visitSummary} per visit and arm, one {@code siteSummary} per site. The CSV is
 * one long table of the last three kinds of row (missing measures space-separated).
 */
final class VisitComplianceOutput {

	static final List<String> CSV_HEADER = List.of("section", "subject", "arm", "site", "visit", "epoch",
			"targetDate", "status", "daysOff", "date", "missingMeasure", "done", "out-of-window", "missed",
			"not-yet-due", "not-expected", "due", "doneInWindow", "share");
	static final Set<String> CSV_SECTIONS = Set.of("subjectVisit", "visitSummary", "siteSummary");
	static final String UNVERIFIED = UnverifiedValues.NAME;

	private VisitComplianceOutput() {
	}

	static Output of(VisitSchedule schedule, LocalDate asOf, List<VisitCompliance.Attributed> subjects,
			List<String> withoutDay0, List<VisitCompliance.VisitSummary> visits,
			List<VisitCompliance.SiteSummary> sites, Map<String, Integer> unverified) {
		Output out = new Output();
		out.add("schedule").value(schedule.code());
		out.add("asOf").value(asOf);
		for (VisitCompliance.Attributed s : subjects) {
			for (VisitCompliance.SubjectVisit v : s.visits()) {
				out.add("subjectVisit").part("subject", ref(s.subject())).part("arm", s.arm()).part("site", ref(s.site()))
						.part("visit", v.visit().label()).part("epoch", code(v.visit().epoch()))
						.part("targetDate", v.targetDate()).part("status", code(v.status().code()))
						.part("daysOff", v.daysOff()).part("date", v.date())
						.parts("missingMeasure", v.missingMeasures().stream().map(Output::code).toList())
						.part(UNVERIFIED, unverified == null ? null : unverified.getOrDefault(s.subject(), 0));
			}
		}
		withoutDay0.forEach(s -> out.add("withoutDay0").value(ref(s)));
		for (VisitCompliance.VisitSummary v : visits) {
			Output.Row row = out.add("visitSummary").part("visit", v.visit()).part("arm", v.arm());
			v.counts().forEach((status, count) -> row.part(status.code(), count));
		}
		for (VisitCompliance.SiteSummary s : sites) {
			out.add("siteSummary").part("site", s.site()).part("due", s.due()).part("doneInWindow", s.doneInWindow())
					.part("share", s.share() == null ? null
							: BigDecimal.valueOf(s.share()).setScale(4, RoundingMode.HALF_UP));
		}
		if (unverified != null) {
			out.add(UNVERIFIED).value(UnverifiedValues.total(unverified));
		}
		return out;
	}
}
