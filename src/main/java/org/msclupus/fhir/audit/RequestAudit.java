package org.msclupus.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.msclupus.fhir.security.Callers;

import java.util.Set;

/**
 * Audits what HAPI's BALP interceptor leaves out: operations ($evaluate-response, $export, ...), history reads,
 * and every request the server refuses or fails (403 from the authorization rules included).
 */
@Interceptor
public class RequestAudit {

	private static final Set<RestOperationTypeEnum> HISTORY = Set.of(RestOperationTypeEnum.HISTORY_INSTANCE,
			RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM);

	private final AuditTrail trail;

	public RequestAudit(AuditTrail trail) {
		this.trail = trail;
	}

	private static final Set<RestOperationTypeEnum> SEARCHES = Set.of(RestOperationTypeEnum.SEARCH_TYPE,
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);
	private static final String SHOWN_KEY = RequestAudit.class.getName() + ".shown";

	/** BALP records a search when it shows its results; a search that finds nothing is recorded on completion. */
	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void shown(RequestDetails request) {
		request.getUserData().put(SHOWN_KEY, Boolean.TRUE);
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	public boolean started() {
		trail.forgetCommitted();
		return true;
	}

	/** After every request, successful or not: the records of the writes it committed. */
	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void ended() {
		trail.storeCommitted();
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	public void completed(RequestDetails request) {
		RestOperationTypeEnum type = request.getRestOperationType();
		if (request.getOperation() != null || HISTORY.contains(type)
				|| (SEARCHES.contains(type) && request.getUserData().get(SHOWN_KEY) == null)) {
			trail.record(event(request, 200, null));
		}
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean failed(RequestDetails request, BaseServerResponseException exception) {
		trail.record(event(request, exception.getStatusCode(), exception.getMessage()));
		return true;
	}

	private static AuditEvent event(RequestDetails request, int status, String detail) {
		RestOperationTypeEnum type = request.getRestOperationType();
		String interaction = request.getOperation() != null ? "operation" : interactionOf(type);
		// Refused requests name their target too (logical references: it need not exist), so an auditor finds who
		// tried to reach a record.
		String target = request.getId() != null && request.getId().hasIdPart()
				? request.getResourceName() + "/" + request.getId().getIdPart() : null;
		String patient = target != null && target.startsWith("Patient/") ? target : null;
		String address = request instanceof ServletRequestDetails servlet
				? servlet.getServletRequest().getRemoteAddr() : null;
		return AuditTrail.event(Callers.of(request), interaction, actionOf(type),
				status, detail, request.getRequestType().name(), request.getCompleteUrl(), address,
				request.getFhirServerBase(), target, patient);
	}

	static String interactionOf(RestOperationTypeEnum type) {
		if (type == null) {
			return "operation";
		}
		return switch (type) {
			case HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, READ, VREAD, CREATE, UPDATE, PATCH, DELETE,
					TRANSACTION, BATCH, SEARCH_TYPE, SEARCH_SYSTEM -> type.getCode();
			case GET_PAGE -> "search-type";
			case METADATA -> "capabilities";
			default -> "operation";
		};
	}

	static AuditEventAction actionOf(RestOperationTypeEnum type) {
		if (type == null) {
			return AuditEventAction.E;
		}
		return switch (type) {
			case CREATE -> AuditEventAction.C;
			case UPDATE, PATCH -> AuditEventAction.U;
			case DELETE -> AuditEventAction.D;
			case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM ->
					AuditEventAction.R;
			default -> AuditEventAction.E;
		};
	}
}
