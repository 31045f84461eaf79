package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.msclupus.fhir.notification.BackportIg;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;

/** The backport IG's {@code $status} (type and instance level) and {@code $events} on Subscription. */
public class SubscriptionStatusProvider implements TrialOperationProvider {

	private final NotificationQueries queries;

	SubscriptionStatusProvider(NotificationQueries queries) {
		this.queries = queries;
	}

	@TrialOperation(reads = "Subscription")
	@Operation(name = "$status", type = Subscription.class, idempotent = true, canonicalUrl = BackportIg.STATUS_OPERATION)
	@Description(shortDefinition = "Where the caller's subscriptions stand: status, events so far, the last error")
	public Bundle statusOfAll(
			@OperationParam(name = "id", typeName = "id", min = 0, max = OperationParam.MAX_UNLIMITED) List<IdType> id,
			@OperationParam(name = "status", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> status,
			RequestDetails request) {
		List<String> ids = id == null ? List.of() : id.stream().map(IdType::getIdPart).toList();
		List<String> statuses = OperationParameters.codes(status);
		for (String code : statuses) {
			// an unknown status matches no subscription: an empty answer would read as "none in that status"
			if (java.util.Arrays.stream(Subscription.SubscriptionStatus.values())
					.noneMatch(known -> known != Subscription.SubscriptionStatus.NULL && known.toCode().equals(code))) {
				throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("Unknown status '" + code
						+ "': use any of requested, active, error, off");
			}
		}
		return queries.status(ids, Set.copyOf(statuses), request);
	}

	@TrialOperation(reads = "Subscription")
	@Operation(name = "$status", type = Subscription.class, idempotent = true, canonicalUrl = BackportIg.STATUS_OPERATION)
	@Description(shortDefinition = "Where this subscription stands: status, events so far, the last error")
	public Bundle status(@IdParam IdType subscription,
			@OperationParam(name = "id", typeName = "id", min = 0, max = OperationParam.MAX_UNLIMITED) List<IdType> id,
			@OperationParam(name = "status", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<CodeType> status,
			RequestDetails request) {
		return queries.status(List.of(subscription.getIdPart()), Set.of(), request); // the IG: both ignored here
	}

	@TrialOperation(reads = "Subscription")
	@Operation(name = "$events", type = Subscription.class, idempotent = true, canonicalUrl = BackportIg.EVENTS_OPERATION)
	@Description(shortDefinition = "The subscription's events by number, for a client that missed some")
	public Bundle events(@IdParam IdType subscription,
			@OperationParam(name = "eventsSinceNumber", typeName = "string", min = 0, max = 1) StringType since,
			@OperationParam(name = "eventsUntilNumber", typeName = "string", min = 0, max = 1) StringType until,
			@OperationParam(name = "content", typeName = "code", min = 0, max = 1) CodeType content,
			RequestDetails request) {
		return queries.events(subscription.getIdPart(), number("eventsSinceNumber", since),
				number("eventsUntilNumber", until), content == null ? null : content.getValue(), request);
	}

	private static Long number(String name, StringType value) {
		String text = OperationParameters.textOrNull(value);
		if (text == null) {
			return null;
		}
		try {
			long number = Long.parseLong(text.trim());
			if (number < 1) {
				throw new NumberFormatException();
			}
			return number;
		} catch (NumberFormatException e) {
			throw new InvalidRequestException("Parameter " + name + " must be an event number (1, 2, …); got '" + text
					+ "'");
		}
	}
}
