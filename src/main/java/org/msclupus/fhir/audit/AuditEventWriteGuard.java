package org.msclupus.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The audit trail is written by the server alone: an AuditEvent in a transaction or batch, or any other way into
 * HAPI's own storage, is refused whatever the token (and with security off); {@link AuditEventRequests} refuses
 * direct writes to {@code /AuditEvent}. The server's own records ({@link AuditTrail}) go to the audit table, not
 * through HAPI.
 */
@Interceptor
public class AuditEventWriteGuard {

	private static final String AUDIT_EVENT = "AuditEvent";

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

	static ForbiddenOperationException refusal() {
		return new ForbiddenOperationException(
				"AuditEvents are written by the server only: clients cannot create, change or delete them");
	}
}
