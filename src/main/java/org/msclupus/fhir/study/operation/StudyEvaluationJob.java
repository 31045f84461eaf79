package org.msclupus.fhir.study.operation;

import org.msclupus.fhir.operation.OperationJob;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.msclupus.fhir.study.ArmComparison;

/**
 * The asynchronous study evaluation ({@code Prefer: respond-async}) as a HAPI batch2 job: its state lives in the
 * database, so any node can answer the status poll and an interrupted job is picked up again by the maintenance
 * run. The result is stored as a Binary ({@code Binary/evaluate-response-<job id>}), FHIR JSON Parameters or CSV.
 */
public class StudyEvaluationJob extends OperationJob<StudyEvaluationJob.Parameters> {

	public static final String JOB_DEFINITION_ID = "msc-evaluate-study";
	static final String RESULT_ID_PREFIX = "evaluate-response-";
	/** The status URL's operation, as bulk export's {@code $export-poll-status}. */
	public static final String STATUS_OPERATION = "$evaluate-response-status";

	/** The operation's parameters, as the job stores them. */
	public static class Parameters implements IModelJson {
		@JsonProperty("studyId")
		String studyId;
		@JsonProperty("criteria")
		List<String> criteria;
		@JsonProperty("asOf")
		String asOf;
		@JsonProperty("arm")
		String arm;
		@JsonProperty("persist")
		boolean persist;
		@JsonProperty("csv")
		boolean csv;
		@JsonProperty("site")
		String site;
		@JsonProperty("referenceArm")
		String referenceArm;
		@JsonProperty("missingAs")
		String missingAs;
		@JsonProperty("verifiedOnly")
		boolean verifiedOnly;

		public Parameters() {
			// for Jackson
		}

		Parameters(StudyEvaluation.Request request) {
			studyId = request.studyId().toUnqualifiedVersionless().getValue();
			criteria = request.criteria();
			asOf = request.asOf().toString();
			arm = request.arm();
			persist = request.persist();
			csv = request.csv();
			site = request.site();
			referenceArm = request.referenceArm();
			missingAs = request.missingAs().code();
			verifiedOnly = request.verifiedOnly();
		}

		StudyEvaluation.Request toRequest() {
			return new StudyEvaluation.Request(new IdType(studyId), criteria, LocalDate.parse(asOf), arm, persist, csv,
					site, referenceArm, missingAs == null ? null : ArmComparison.MissingAs.byCode(missingAs),
					verifiedOnly);
		}
	}

	private final StudyEvaluation evaluation;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;

	public StudyEvaluationJob(StudyEvaluation evaluation, DaoRegistry daos, FhirContext fhirContext) {
		super(JOB_DEFINITION_ID, "Study-level $evaluate-response", "evaluate", STATUS_OPERATION, "study evaluation",
				Parameters.class);
		this.evaluation = evaluation;
		this.daos = daos;
		this.fhirContext = fhirContext;
	}

	static IdType resultId(String jobId) {
		return new IdType("Binary", RESULT_ID_PREFIX + jobId);
	}

	@Override
	protected String siteOf(Parameters parameters) {
		return parameters.site;
	}

	/** Evaluates every subject and stores the answer (Parameters as FHIR JSON, or the CSV) as a Binary. */
	@Override
	protected void run(Parameters parameters, String jobId, RequestDetails system) {
		IBaseResource result = evaluation.evaluate(parameters.toRequest(), system).resource();
		Binary stored;
		if (result instanceof Binary csv) {
			stored = csv;
		} else {
			stored = new Binary();
			stored.setContentType("application/fhir+json");
			stored.setData(fhirContext.newJsonParser().encodeResourceToString(result).getBytes(StandardCharsets.UTF_8));
		}
		stored.setId(resultId(jobId));
		daos.getResourceDao(Binary.class).update(stored, system);
	}
}
