package org.msclupus.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.Set;

/**
 * The audit trail is written by the server alone: a client's create, update, patch or delete of an AuditEvent is
 * refused, whatever its token (and with security off). Registered on the FHIR endpoint only, so the server's own
 * writes ({@link AuditTrail}) are not affected.
 */
@Interceptor
public class AuditEventWriteGuard {

	private static final String AUDIT_EVENT = "AuditEvent";
	private static final Set<RestOperationTypeEnum> WRITES = Set.of(RestOperationTypeEnum.CREATE,
			RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
			RestOperationTypeEnum.META_ADD, RestOperationTypeEnum.META_DELETE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseDirectWrite(RequestDetails request) {
		if (AUDIT_EVENT.equals(request.getResourceName()) && WRITES.contains(request.getRestOperationType())) {
			throw refusal();
		}
	}

	/** Transaction and batch entries, and conditional writes. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		refuseAuditEvent(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		refuseAuditEvent(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete(IBaseResource resource) {
		refuseAuditEvent(resource);
	}

	private static void refuseAuditEvent(IBaseResource resource) {
		if (resource != null && AUDIT_EVENT.equals(resource.fhirType())) {
			throw refusal();
		}
	}

	private static ForbiddenOperationException refusal() {
		return new ForbiddenOperationException(
				"AuditEvents are written by the server only: clients cannot create, change or delete them");
	}
}
