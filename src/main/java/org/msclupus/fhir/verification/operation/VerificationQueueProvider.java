package org.msclupus.fhir.verification.operation;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.store.StudySubjects;
import org.msclupus.fhir.verification.VerificationState;
import org.springframework.stereotype.Component;

/** {@code ResearchStudy/[id]/$verification-queue}: the values of a study awaiting a monitor's or a site's decision. */
@Component
public class VerificationQueueProvider implements TrialOperationProvider {

	static final List<String> CSV_COLUMNS = List.of("section", "subject", "resource", "measure", "value", "date",
			"visit", "state", "queryText", "impact", "site", "count");
	private static final Set<String> CSV_SECTIONS = Set.of("item", "stateCount");
	private static final Set<VerificationState> AWAITING = EnumSet.of(VerificationState.UNVERIFIED,
			VerificationState.QUERIED, VerificationState.ANSWERED, VerificationState.CHANGED_SINCE_VERIFIED);

	/**
	 * Items in an answer when the caller gives no {@code _count}: a page a monitor works through, as a search page
	 * is; {@code total} says how many wait. The whole queue of a large site (12,400 values) is 6 MB of JSON.
	 */
	static final int DEFAULT_COUNT = 500;

	private final VerificationQueue queue;
	private final StudySubjects studySubjects;

	public VerificationQueueProvider(VerificationQueue queue, StudySubjects studySubjects) {
		this.queue = queue;
		this.studySubjects = studySubjects;
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = "$verification-queue", type = ResearchStudy.class, idempotent = true, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/verification-queue")
	@Description(shortDefinition = "The study's values awaiting verification, those that change a result first",
			value = "One item per value awaiting a decision, with the subject, the versioned record, the value as sent, "
					+ "its visit, its state and how counting it changes the subject's result; CSV with Accept: text/csv.")
	public void verificationQueue(
			@IdParam IdType studyId,
			@Description(shortDefinition = "unverified, queried, answered or changed-since-verified; default all four")
			@OperationParam(name = "state", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> state,
			@Description(shortDefinition = "Only the subjects enrolled by this site (Organization/<id>)")
			@OperationParam(name = "site", typeName = "string", min = 0, max = 1) StringType site,
			@Description(shortDefinition = "Only this subject (ResearchSubject/<id>)")
			@OperationParam(name = "subject", typeName = "string", min = 0, max = 1) StringType subject,
			@Description(shortDefinition = "At most this many items, default 500 (the total is still given)")
			@OperationParam(name = "_count", typeName = "integer", min = 0, max = 1) IntegerType count,
			RequestDetails request) throws IOException {
		Set<VerificationState> states = states(OperationParameters.codes(state));
		if (count != null && count.getValue() != null && count.getValue() < 0) {
			throw new InvalidRequestException("Parameter _count must be 0 or more; got " + count.getValue());
		}
		String subjectId = OperationParameters.textOrNull(subject);
		String sites = Callers.confinedSite(OperationParameters.textOrNull(site), "the values", request);
		studySubjects.requireSite(OperationParameters.textOrNull(site) == null ? null : sites);
		VerificationQueue.Query query = new VerificationQueue.Query(studyId.toUnqualifiedVersionless(), states, sites,
				subjectId == null ? null : new IdType(subjectId).getIdPart(),
				count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue());
		OperationResponses.respond(request, queue.queue(query, request), CSV_COLUMNS, CSV_SECTIONS);
	}

	private static Set<VerificationState> states(List<String> codes) {
		if (codes.isEmpty()) {
			return AWAITING;
		}
		Set<VerificationState> states = EnumSet.noneOf(VerificationState.class);
		for (String code : codes) {
			VerificationState state = VerificationState.ofCode(code).filter(AWAITING::contains)
					.orElseThrow(() -> new InvalidRequestException("Unknown state '" + code + "': use any of "
							+ "unverified, queried, answered, changed-since-verified"));
			states.add(state);
		}
		return states;
	}
}
