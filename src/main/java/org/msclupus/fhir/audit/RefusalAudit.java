package org.msclupus.fhir.audit;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.msclupus.fhir.security.RequestRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/** Records every request that security refused before it reached the FHIR server. */
public class RefusalAudit {

	private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);

	private final AuditTrail trail;

	public RefusalAudit(AuditTrail trail) {
		this.trail = trail;
	}

	@EventListener
	public void refused(RequestRefusal refusal) {
		try {
			trail.record(AuditTrail.event(refusal.caller(), interactionOf(refusal.method()),
					actionOf(refusal.method()), refusal.status(), refusal.reason(), refusal.method(), refusal.url(),
					refusal.clientAddress(), refusal.serverBase(), null, null));
		} catch (RuntimeException e) {
			// Nothing was done for this request; the refusal still goes out to the client.
			log.error("Could not record the refused request {} {} in the audit trail", refusal.method(),
					refusal.url(), e);
		}
	}

	static String interactionOf(String method) {
		return switch (method) {
			case "POST" -> "create";
			case "PUT" -> "update";
			case "PATCH" -> "patch";
			case "DELETE" -> "delete";
			default -> "read";
		};
	}

	static AuditEventAction actionOf(String method) {
		return switch (method) {
			case "POST" -> AuditEventAction.C;
			case "PUT", "PATCH" -> AuditEventAction.U;
			case "DELETE" -> AuditEventAction.D;
			default -> AuditEventAction.R;
		};
	}
}
