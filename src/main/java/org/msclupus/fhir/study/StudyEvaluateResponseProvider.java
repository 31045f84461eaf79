package org.msclupus.fhir.study;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.evaluation.EvaluateResponseProvider;
import org.msclupus.fhir.evaluation.SubjectDataReader;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;

/**
 * {@code ResearchStudy/[id]/$evaluate-response}: evaluates every subject of the study in memory, a chunk of subjects
 * at a time, and returns the aggregate (counts with Wilson intervals, change-from-baseline statistics) and one row
 * per subject and criteria set, as FHIR Parameters or, with {@code Accept: text/csv} or {@code _format=csv}, as CSV.
 */
public class StudyEvaluateResponseProvider {

	static final int CHUNK_SIZE = 250;

	private final CriteriaCatalog catalog;
	private final SubjectDataReader reader;
	private final StudyReportRecorder recorder;
	private final Clock clock;

	public StudyEvaluateResponseProvider(CriteriaCatalog catalog, SubjectDataReader reader,
			StudyReportRecorder recorder, Clock clock) {
		this.catalog = catalog;
		this.reader = reader;
		this.recorder = recorder;
		this.clock = clock;
	}

	@Operation(name = EvaluateResponseProvider.OPERATION, type = ResearchStudy.class, idempotent = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-study")
	@Description(shortDefinition = "Evaluate the trial response endpoints of every subject of a study, per arm",
			value = "Counts per response category with Wilson 95 % intervals, relapses over responders, change from "
					+ "baseline statistics with paired t tests, and one row per subject; CSV with Accept: text/csv.")
	public IBaseResource evaluateStudy(
			@IdParam IdType studyId,
			@Description(shortDefinition = "Criteria set codes (at least one)")
			@OperationParam(name = "criteria", typeName = "code", min = 1, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> criteria,
			@Description(shortDefinition = "Use only data dated on or before this date; default today")
			@OperationParam(name = "asOf", typeName = "date", min = 0, max = 1) DateType asOf,
			@Description(shortDefinition = "Only the subjects assigned to this arm")
			@OperationParam(name = "arm", typeName = "string", min = 0, max = 1) StringType arm,
			@Description(shortDefinition = "Also store a MeasureReport per graded criteria set")
			@OperationParam(name = "persist", typeName = "boolean", min = 0, max = 1) BooleanType persist,
			RequestDetails request) {
		List<ResponseCriteria> rules = requestedCriteria(criteria);
		LocalDate cutOff = asOf == null || asOf.getValue() == null
				? LocalDate.now(clock)
				: EvaluateResponseProvider.lastDayOf(asOf);
		String onlyArm = arm == null || arm.isEmpty() ? null : arm.getValue();

		List<SubjectOutcome> outcomes = new ArrayList<>();
		ResearchStudy study = reader.forEachSubjectOfStudy(studyId, onlyArm, CHUNK_SIZE, request, chunk -> {
			for (SubjectDataReader.IndexedSubject data : chunk) {
				SubjectTimeline timeline = data.timeline(cutOff);
				String subject = data.subject().getIdElement().toUnqualifiedVersionless().getValue();
				for (ResponseCriteria rule : rules) {
					outcomes.add(new SubjectOutcome(subject, data.subject().getAssignedArm(),
							StudyResults.withoutDetail(rule.evaluate(timeline))));
				}
			}
		});

		if (wantsCsv(request)) {
			Binary csv = new Binary();
			csv.setContentType("text/csv");
			csv.setData(StudyResults.toCsv(outcomes).getBytes(StandardCharsets.UTF_8));
			return csv;
		}
		List<CategoryCount> counts = StudyAggregator.categoryCounts(outcomes);
		Parameters out = StudyResults.toParameters(counts, StudyAggregator.changeStatistics(outcomes), outcomes);
		if (persist != null && Boolean.TRUE.equals(persist.getValue())) {
			for (ResponseCriteria rule : rules) {
				if (counts.stream().anyMatch(c -> c.criteria().equals(rule.code()))) {
					out.addParameter().setName("measureReport").setValue(new Reference(
							recorder.record(study, rule.code(), onlyArm, cutOff, counts, request)));
				}
			}
		}
		return out;
	}

	private static boolean wantsCsv(RequestDetails request) {
		String[] format = request.getParameters().get("_format");
		if (format != null && format.length > 0) {
			return format[0].equals("csv") || format[0].startsWith("text/csv");
		}
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/csv");
	}

	private List<ResponseCriteria> requestedCriteria(List<CodeType> codes) {
		List<ResponseCriteria> rules = EvaluateResponseProvider.selectCriteria(catalog, codes);
		if (rules.isEmpty()) {
			throw new InvalidRequestException("Parameter criteria is required for a study (at least one of: "
					+ String.join(", ", catalog.codes()) + ")");
		}
		return rules;
	}
}
