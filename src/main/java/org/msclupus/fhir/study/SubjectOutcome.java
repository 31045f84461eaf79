package org.msclupus.fhir.study;

import java.util.List;
import java.util.TreeSet;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.ResponseCriteria;

/** One subject's result for one criteria set, with the arm it was assigned to. */
public record SubjectOutcome(String subject, String arm, CriteriaResult result) {

	/**
	 * The outcome a study report keeps of one subject's result: the response with its dates, relapse and day 0; the
	 * visits only where the report uses them (change from baseline, times to an event). The rest (evidence, missing
	 * data, the explanation) is the subject-level answer's and would hold memory for every subject of a study.
	 */
	public static SubjectOutcome of(String subject, String arm, ResponseCriteria rule, CriteriaResult r) {
		boolean keepVisits = rule.reportsChangeFromBaseline() || !rule.timedEvents().isEmpty();
		return new SubjectOutcome(subject, arm, new CriteriaResult(r.criteria(), r.version(), r.thresholds(),
				r.response(), r.responseDate(), r.daysToResponse(), r.daysToCompleteResponse(), r.relapse(),
				r.relapseVisit(), r.relapseDate(), keepVisits ? r.visits() : List.of(), new TreeSet<>(), List.of(),
				List.of(), "", r.day0()));
	}
}
