package org.msclupus.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

import java.util.Set;

/**
 * Requests to {@code /AuditEvent} before HAPI picks their handler: a write is refused with 403 (the read-only
 * provider has no handler for it, which would otherwise be a 400 naming no reason), and a search without
 * {@code _offset} gets {@code _offset=0}, so that HAPI pages it by offset, as {@link AuditEventProvider} answers,
 * instead of by the JPA search cache, which does not hold the audit table's results.
 */
@Interceptor
public class AuditEventRequests {

	private static final String AUDIT_EVENT = "AuditEvent";
	private static final Set<RequestTypeEnum> WRITES =
			Set.of(RequestTypeEnum.POST, RequestTypeEnum.PUT, RequestTypeEnum.PATCH, RequestTypeEnum.DELETE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public void beforeHandlerSelected(RequestDetails request) {
		if (!AUDIT_EVENT.equals(request.getResourceName())) {
			return;
		}
		boolean searchByPost = Constants.PARAM_SEARCH.equals(request.getOperation());
		if (WRITES.contains(request.getRequestType()) && !searchByPost) {
			throw AuditEventWriteGuard.refusal();
		}
		boolean search = searchByPost || (request.getRequestType() == RequestTypeEnum.GET && request.getId() == null
				&& request.getOperation() == null);
		if (search && !request.getParameters().containsKey(Constants.PARAM_OFFSET)) {
			request.addParameter(Constants.PARAM_OFFSET, new String[] {"0"});
		}
	}
}
