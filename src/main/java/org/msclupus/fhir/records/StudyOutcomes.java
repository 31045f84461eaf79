package org.msclupus.fhir.records;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.fhir.StudyDesigns;
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

	/**
	 * The study and its subjects' outcomes.
	 *
	 * @param prepared         what the caller prepared from the study before any subject was read
	 * @param unverifiedValues for a study whose values wait for verification, per subject how many of its time-line
	 *                         records were counted unverified (in the subjects' order); null for a study that needs none
	 */
	public record Outcomes<C>(ResearchStudy study, C prepared, List<SubjectOutcome> outcomes,
			Map<String, Integer> unverifiedValues) {
	}

	/**
	 * @param arm          only the subjects assigned to this arm; null for all
	 * @param site         only the subjects this site enrolled; null for all the caller may see
	 * @param verifiedOnly count only verified values, for a study whose values wait for verification
	 * @param prepare      sees the study before any subject is read, to refuse a request the study refutes; what it
	 *                     returns comes back with the outcomes
	 */
	public <C> Outcomes<C> evaluate(IIdType studyId, List<ResponseCriteria> rules, LocalDate asOf, String arm,
			String site, boolean verifiedOnly, Function<ResearchStudy, C> prepare, RequestDetails request) {
		List<SubjectOutcome> outcomes = new ArrayList<>();
		Map<String, Integer> unverified = new LinkedHashMap<>();
		SubjectDataReader.StudyRead<C> read = reader.forEachSubjectOfStudy(studyId, arm, site, verifiedOnly, request,
				prepare, (prepared, chunk) -> {
			for (SubjectDataReader.IndexedSubject data : chunk) {
				SubjectTimeline timeline = data.timeline(asOf);
				String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
				if (data.unverifiedValues() != null) {
					unverified.put(subject, data.unverifiedValues());
				}
				for (ResponseCriteria rule : rules) {
					outcomes.add(SubjectOutcome.of(subject, data.subject().getAssignedArm(), rule,
							rule.evaluate(timeline)));
				}
			}
		});
		return new Outcomes<>(read.study(), read.prepared(), outcomes,
				StudyDesigns.sourceVerification(read.study()).needed() ? unverified : null);
	}
}
