package org.msclupus.fhir.notification.operation;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.util.Date;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.msclupus.fhir.audit.AuditTrail;
import org.msclupus.fhir.notification.SubscriptionRequest;

/**
 * Every attempt to send a notification as an AuditEvent in the audit trail (DICOM "Export": data leaving the
 * server), naming the subscription, the endpoint, the focus and the patient, delivered or not.
 */
class DeliveryAudit {

	private final AuditTrail trail;
	private final Supplier<String> serverBase;

	DeliveryAudit(AuditTrail trail, Supplier<String> serverBase) {
		this.trail = trail;
		this.serverBase = serverBase;
	}

	/**
	 * @param what    {@code event-notification 3} or {@code heartbeat}
	 * @param focus   the event's focus ({@code AdverseEvent/12}), null for a heartbeat
	 * @param patient {@code Patient/<id>}, null when none
	 * @param error   why it failed, null when delivered
	 */
	void record(SubscriptionRequest subscription, String what, String focus, String patient, String error) {
		AuditEvent event = new AuditEvent();
		event.getType().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110106").setDisplay("Export");
		event.addSubtype().setSystem("http://hl7.org/fhir/subscription-notification-type")
				.setCode(what.contains(" ") ? what.substring(0, what.indexOf(' ')) : what);
		event.setAction(AuditEventAction.E);
		event.setRecorded(new Date());
		event.setOutcome(error == null ? AuditEventOutcome._0 : AuditEventOutcome._4);
		event.setOutcomeDesc((error == null ? "Delivered " : "Not delivered (" + error + "): ") + what + " to "
				+ subscription.endpoint());
		event.getSource().getObserver().setDisplay(serverBase.get());

		AuditEvent.AuditEventAgentComponent source = event.addAgent();
		source.getType().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110153")
				.setDisplay("Source Role ID");
		source.getWho().setDisplay(serverBase.get());
		source.setRequestor(true);
		AuditEvent.AuditEventAgentComponent destination = event.addAgent();
		destination.getType().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110152")
				.setDisplay("Destination Role ID");
		destination.getWho().setDisplay(subscription.endpoint().toString());
		destination.getNetwork().setAddress(subscription.endpoint().toString())
				.setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_URI);
		destination.setRequestor(false);

		entity(event, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, "Subscription/" + subscription.id());
		if (focus != null) {
			entity(event, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, focus);
		}
		if (patient != null) {
			AuditEvent.AuditEventEntityComponent person = event.addEntity();
			person.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON);
			person.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_1_PATIENT);
			person.getWhat().setReference(AuditTrail.auditReference(patient));
		}
		trail.record(event);
	}

	private static void entity(AuditEvent event, String role, String reference) {
		AuditEvent.AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
				.setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role);
		entity.getWhat().setReference(AuditTrail.auditReference(reference));
	}
}
