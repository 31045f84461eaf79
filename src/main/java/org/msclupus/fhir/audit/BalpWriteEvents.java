package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.util.Date;
import java.util.Set;
import java.util.TreeSet;

/**
 * HAPI's BALP interceptor (IHE Basic Audit Log Patterns), with the events of creates, updates and deletes built here
 * in the same shape. HAPI parses the constant narrative {@code <div>Audit Event</div>} again for every event, with a
 * new XHTML parser that first fills its table of entities: about a twentieth of the CPU of an ingest. Here it is
 * parsed once and copied. Reads and searches stay HAPI's. {@code BalpWriteEventsTest} holds the events to HAPI's own.
 *
 * <p>The overriding methods carry no {@code @Hook}: HAPI registers the annotated methods of the superclass and calls
 * them on this object, which runs these.
 */
public class BalpWriteEvents extends BalpAuditCaptureInterceptor {

	private static final XhtmlNode NARRATIVE = new XhtmlNode().setValue("<div>Audit Event</div>");
	private static final String PATIENT = "Patient";

	private final IBalpAuditEventSink sink;
	private final IBalpAuditContextServices context;

	public BalpWriteEvents(IBalpAuditEventSink sink, IBalpAuditContextServices context) {
		super(sink, context);
		this.sink = sink;
		this.context = context;
	}

	@Override
	public void hookStoragePrecommitResourceCreated(IBaseResource resource, ServletRequestDetails request) {
		record(resource, request, BalpProfileEnum.BASIC_CREATE, BalpProfileEnum.PATIENT_CREATE);
	}

	@Override
	public void hookStoragePrecommitResourceUpdated(IBaseResource previous, IBaseResource resource,
			ServletRequestDetails request) {
		record(resource, request, BalpProfileEnum.BASIC_UPDATE, BalpProfileEnum.PATIENT_UPDATE);
	}

	@Override
	public void hookStoragePrecommitResourceDeleted(IBaseResource resource, ServletRequestDetails request) {
		record(resource, request, BalpProfileEnum.BASIC_DELETE, BalpProfileEnum.PATIENT_DELETE);
	}

	private void record(IBaseResource resource, ServletRequestDetails request, BalpProfileEnum basic,
			BalpProfileEnum patient) {
		Set<String> patients = patientsOf(resource, request);
		AuditEvent event = common(request, patients.isEmpty() ? basic : patient);
		entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
				BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY,
				BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY,
				context.massageResourceIdForStorage(request, resource, resource.getIdElement()));
		for (String owner : patients) {
			entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
					BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY, owner);
		}
		sink.recordAuditEvent(event);
	}

	/** The patients whose compartment the resource is in (the patient itself for a Patient), sorted. */
	private Set<String> patientsOf(IBaseResource resource, ServletRequestDetails request) {
		Set<String> patients = new TreeSet<>();
		FhirContext fhir = request.getFhirContext();
		var definition = fhir.getResourceDefinition(resource);
		if (definition.getName().equals(PATIENT)) {
			patients.add(context.massageResourceIdForStorage(request, resource, resource.getIdElement()));
		} else if (!definition.getSearchParamsForCompartmentName(PATIENT).isEmpty()) {
			fhir.newTerser().getCompartmentOwnersForResource(PATIENT, resource,
							CompartmentSearchParameterModifications.fromAdditionalAndOmittedSPNames(
									fhir.getResourceType(resource), getAdditionalPatientCompartmentSPNames(),
									getOmittedPatientCompartmentSPNames()))
					.forEach(owner -> patients.add(context.massageResourceIdForStorage(request, resource, owner)));
		}
		return patients;
	}

	/** What every BALP event of a REST interaction holds: type, agents, source, the request id. */
	private AuditEvent common(ServletRequestDetails request, BalpProfileEnum profile) {
		RestOperationTypeEnum interaction = request.getRestOperationType();
		if (interaction == RestOperationTypeEnum.GET_PAGE) {
			interaction = RestOperationTypeEnum.SEARCH_TYPE;
		}
		String serverBase = request.getFhirServerBase();
		AuditEvent event = new AuditEvent();
		event.getMeta().addProfile(profile.getProfileUrl());
		event.getText().setDiv(NARRATIVE.copy()).setStatus(Narrative.NarrativeStatus.GENERATED);
		event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
		event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(interaction.getCode())
				.setDisplay(interaction.getCode());
		event.setAction(profile.getAction());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.setRecorded(new Date());
		event.getSource().getObserver().setDisplay(serverBase);

		String address = context.getNetworkAddress(request);
		AuditEvent.AuditEventAgentComponent client = event.addAgent();
		client.setWho(context.getAgentClientWho(request));
		client.getType().addCoding(profile.getAgentClientTypeCoding());
		client.getWho().setDisplay(address);
		client.getNetwork().setAddress(address).setType(context.getNetworkAddressType(request));
		client.setRequestor(false);

		AuditEvent.AuditEventAgentComponent server = event.addAgent();
		server.getType().addCoding(profile.getAgentServerTypeCoding());
		server.getWho().setDisplay(serverBase);
		server.getNetwork().setAddress(serverBase);
		server.setRequestor(false);

		AuditEvent.AuditEventAgentComponent user = event.addAgent();
		user.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType")
				.setCode("IRCP").setDisplay("information recipient");
		user.setWho(context.getAgentUserWho(request));
		user.setRequestor(true);

		AuditEvent.AuditEventEntityComponent requestId = event.addEntity();
		requestId.getType().setSystem("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType")
				.setCode("XrequestId");
		requestId.getWhat().getIdentifier().setValue(request.getRequestId());
		return event;
	}

	private static void entity(AuditEvent event, String type, String typeDisplay, String role, String roleDisplay,
			String reference) {
		AuditEvent.AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type).setDisplay(typeDisplay);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role).setDisplay(roleDisplay);
		entity.getWhat().setReference(reference);
	}
}
