package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;

/** {@code ResearchStudy/[id]/$notifications}: the study's recent topic events and where their deliveries stand. */
public class StudyNotificationsProvider implements TrialOperationProvider {

	/** Events in an answer when the caller gives no {@code _count}. */
	static final int DEFAULT_COUNT = 50;

	private final NotificationQueries queries;
	private final StudyCheck studies;

	StudyNotificationsProvider(NotificationQueries queries, StudyCheck studies) {
		this.queries = queries;
		this.studies = studies;
	}

	/** That the study exists and the caller may read it. */
	interface StudyCheck {
		void check(IdType study, RequestDetails request);
	}

	@TrialOperation(reads = "ResearchStudy")
	@Operation(name = "$notifications", type = ResearchStudy.class, idempotent = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/notifications")
	@Description(shortDefinition = "The study's recent serious adverse events and response changes, with their"
			+ " deliveries and the subscriptions' status")
	public Parameters notifications(@IdParam IdType study,
			@OperationParam(name = "_count", typeName = "integer", min = 0, max = 1) IntegerType count,
			RequestDetails request) {
		int limit = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
		if (limit < 0) {
			throw new InvalidRequestException("Parameter _count must be 0 or more; got " + limit);
		}
		studies.check(study, request);
		return queries.studyNotifications(study.getIdPart(), limit, request).toParameters();
	}
}
