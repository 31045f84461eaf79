package org.msclupus.fhir.cdisc;

import java.util.ArrayList;
import java.util.List;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.VisitResult;

/**
 * The response assessments as RS disease-response records: one per graded visit of each criteria set and one for
 * the subject's overall response, with the categories {@code $evaluate-response} reports (RSCAT is the criteria
 * set's code, RSTESTCD its PARAMCD stem with RSP or BOR, as in ADRS).
 */
public final class ResponseRecords {

	/** RSSPID of a record the server derived rather than received. */
	public static final String DERIVED = "$evaluate-response";

	private ResponseRecords() {
	}

	public static List<TrialData.Rating> of(List<CriteriaResult> results) {
		List<TrialData.Rating> records = new ArrayList<>();
		for (CriteriaResult r : results) {
			for (VisitResult v : r.visits()) {
				if (v.response() != null && v.date() != null) {
					records.add(new TrialData.Rating(DERIVED, r.criteria(), Adam.stem(r.criteria()) + "RSP",
							r.criteria() + " response at visit", v.response().name(), null, v.date().toString()));
				}
			}
			if (r.response() != null) {
				records.add(new TrialData.Rating(DERIVED, r.criteria(), Adam.stem(r.criteria()) + "BOR",
						r.criteria() + " overall response", r.response().name(), null,
						r.responseDate() == null ? null : r.responseDate().toString()));
			}
		}
		return records;
	}
}
