package org.msclupus.fhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.msclupus.fhir.security.Callers;

/** Tells HAPI's BALP interceptor who made a request: the token's subject and client. */
public class BalpContext implements IBalpAuditContextServices {

	@Override
	public Reference getAgentClientWho(RequestDetails request) {
		return AuditTrail.clientOf(Callers.of(request));
	}

	@Override
	public Reference getAgentUserWho(RequestDetails request) {
		return AuditTrail.userOf(Callers.of(request));
	}

	/** Logical references under {@link AuditTrail#REFERENCE_BASE}, the same whatever address a client used. */
	@Override
	public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType resourceId) {
		return AuditTrail.auditReference(resourceId.toUnqualifiedVersionless().getValue());
	}
}
