package org.msclupus.fhir.records;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;
import org.msclupus.fhir.study.SubjectOutcome;

/**
 * Every subject of a study evaluated with the criteria sets, as the study report and a pooled analysis count them:
 * one {@link SubjectOutcome} per subject and set, read a chunk of subjects at a time through the caller's request.
 */
public class StudyOutcomes {

	private final SubjectDataReader reader;

	public StudyOutcomes(SubjectDataReader reader) {
		this.reader = reader;
	}

	/** The study and its subjects' outcomes. */
	public record Outcomes(ResearchStudy study, List<SubjectOutcome> outcomes) {
	}

	/**
	 * @param arm        only the subjects assigned to this arm; null for all
	 * @param site       only the subjects this site enrolled; null for all the caller may see
	 * @param checkStudy sees the study before any subject is read, to refuse a request the study refutes
	 */
	public Outcomes evaluate(IIdType studyId, List<ResponseCriteria> rules, LocalDate asOf, String arm, String site,
			Consumer<ResearchStudy> checkStudy, RequestDetails request) {
		List<SubjectOutcome> outcomes = new ArrayList<>();
		ResearchStudy study = reader.forEachSubjectOfStudy(studyId, arm, site, request, checkStudy, chunk -> {
			for (SubjectDataReader.IndexedSubject data : chunk) {
				SubjectTimeline timeline = data.timeline(asOf);
				String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
				for (ResponseCriteria rule : rules) {
					outcomes.add(SubjectOutcome.of(subject, data.subject().getAssignedArm(), rule,
							rule.evaluate(timeline)));
				}
			}
		});
		return new Outcomes(study, outcomes);
	}
}
