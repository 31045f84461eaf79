package org.msclupus.fhir.response.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import org.msclupus.fhir.design.fhir.StudySchedules;
import org.msclupus.fhir.records.SubjectDataReader;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.UnverifiedValues;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.response.CriteriaCatalog;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.SubjectTimeline;

/**
 * {@code ResearchSubject/[id]/$evaluate-response}: translates between FHIR and the response rules. Reading is the
 * reader's job, clinical judgement the rules', storing the recorder's.
 */
@Component
public class EvaluateResponseProvider implements TrialOperationProvider {

	public static final String OPERATION = "$evaluate-response";
	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EvaluateResponseProvider.class);

	private final CriteriaCatalog catalog;
	private final SubjectDataReader reader;
	private final AssessmentRecorder recorder;
	private final Clock clock;

	public EvaluateResponseProvider(CriteriaCatalog catalog, SubjectDataReader reader, AssessmentRecorder recorder,
			Clock clock) {
		this.catalog = catalog;
		this.reader = reader;
		this.recorder = recorder;
		this.clock = clock;
	}

	@TrialOperation(reads = "ResearchSubject", onePatient = true)
	@Operation(name = OPERATION, type = ResearchSubject.class, idempotent = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-subject")
	@Description(shortDefinition = "Evaluate the trial response endpoints of one subject, with their evidence",
			value = "Computes ln-renal-response, sri-4, bilag-mcr-pcr and change-from-baseline from the stored data.")
	public Parameters evaluateSubject(
			@IdParam IdType subjectId,
			@Description(shortDefinition = "Criteria set codes; default: the study's, else all four")
			@OperationParam(name = "criteria", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> criteria,
			@Description(shortDefinition = "Use only data dated on or before this date; default today")
			@OperationParam(name = "asOf", typeName = "date", min = 0, max = 1) DateType asOf,
			@Description(shortDefinition = "Also store each result as a response-assessment Observation with Provenance")
			@OperationParam(name = "persist", typeName = "boolean", min = 0, max = 1) BooleanType persist,
			@Description(shortDefinition = "Count only values a monitor verified (a study that needs verification)")
			@OperationParam(name = "verifiedOnly", typeName = "boolean", min = 0, max = 1) BooleanType verifiedOnly,
			RequestDetails request) {
		List<ResponseCriteria> requested =
				OperationParameters.orBadRequest(() -> catalog.select(OperationParameters.codes(criteria)));
		LocalDate cutOff = OperationParameters.lastDayOrToday(asOf, clock);
		boolean store = OperationParameters.isTrue(persist);
		long started = System.nanoTime();
		SubjectDataReader.IndexedSubject data = reader.read(subjectId, OperationParameters.isTrue(verifiedOnly),
				request);
		long read = System.nanoTime();
		if (requested.isEmpty()) {
			requested = studyOrAllCriteria(data.study());
		} else {
			StudySchedules.requireFor(requested, data.study(), data.schedule());
		}
		SubjectTimeline timeline = data.timeline(cutOff);

		Parameters out = new Parameters();
		for (ResponseCriteria rule : requested) {
			CriteriaResult result = rule.evaluate(timeline);
			List<String> assessments = store ? recorder.record(data.subject(), result, cutOff, request) : List.of();
			out.addParameter(ResultParameters.toParameter(result, assessments));
		}
		if (data.unverifiedValues() != null) {
			out.addParameter().setName(UnverifiedValues.NAME).setValue(new IntegerType(data.unverifiedValues()));
		}
		if (log.isDebugEnabled()) {
			log.debug("{} {}: read {} evidence rows in {} ms, evaluated {} criteria set(s) in {} ms", OPERATION,
					subjectId.getIdPart(), data.rows().size(), (read - started) / 1_000_000, requested.size(),
					(System.nanoTime() - read) / 1_000_000);
		}
		return out;
	}

	private List<ResponseCriteria> studyOrAllCriteria(ResearchStudy study) {
		return catalog.select(StudyDesign.criteriaOr(StudyDesigns.criteria(study), catalog.codes()));
	}
}
