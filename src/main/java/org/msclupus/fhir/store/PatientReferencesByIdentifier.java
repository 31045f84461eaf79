package org.msclupus.fhir.store;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.server.LogicalReferences;

/**
 * Resolves, as a record is stored, a reference to its patient given by the patient's identifier only (an Observation
 * whose {@code subject} is {@code {"identifier": {"system": "urn:oid:…", "value": "<MRN>"}}}, as an interface engine
 * mapping HL7 v2 results writes it): when exactly one stored Patient has that identifier, or one Patient of the same
 * transaction, the reference gets its id beside the identifier ({@link LogicalReferences}); when none or several
 * have it, the record is refused, as one naming an unknown patient id is. The records this covers are those
 * {@link PatientReferences#subjectOf} reads; without it such a value was stored and counted for nobody.
 * The hooks run before the server's others on a write (authorisation, validation, the indexes), so each sees the
 * record with its patient. The lookups are searches for ids as the server: they reveal nothing a caller may not
 * learn (a record for a patient it may not write for is refused either way).
 */
@Interceptor(order = PatientReferencesByIdentifier.BEFORE_OTHER_HOOKS)
public class PatientReferencesByIdentifier {

	/** Before HAPI's authorisation, whose write rules look at the record's patient compartment. */
	static final int BEFORE_OTHER_HOOKS = -100;

	private static final String PATIENT = "Patient";

	private final DaoRegistry daos;

	public PatientReferencesByIdentifier(DaoRegistry daos) {
		this.daos = daos;
	}

	/**
	 * The hook for single creates and updates through the REST API, registered on the FHIR endpoint: it runs before
	 * HAPI's authorisation decides the request, which looks at the record's patient compartment as the request
	 * arrives, so a site may write by identifier for its own patient and is refused for another site's. (A
	 * transaction's entries are decided as each is stored, after the storage hooks below.)
	 */
	public Object requestHook() {
		return new Object() {
			@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = BEFORE_OTHER_HOOKS)
			public void incoming(RequestDetails request, RestOperationTypeEnum operation) {
				if ((operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE)
						&& request.getResource() != null) {
					LogicalReferences.resolveStored(patientReferences(request.getResource()), PATIENT, daos);
				}
			}
		};
	}

	@Hook(value = Pointcut.STORAGE_TRANSACTION_PROCESSING, order = BEFORE_OTHER_HOOKS)
	public void inTransaction(IBaseBundle bundle) {
		if (bundle instanceof Bundle transaction) {
			LogicalReferences.resolveInBundle(transaction, PATIENT, PatientReferencesByIdentifier::patientReferences);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = BEFORE_OTHER_HOOKS)
	public void created(IBaseResource resource) {
		resolveOrRefuse(resource, null);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = BEFORE_OTHER_HOOKS)
	public void updated(IBaseResource previous, IBaseResource resource) {
		resolveOrRefuse(resource, previous);
	}

	private void resolveOrRefuse(IBaseResource resource, IBaseResource previous) {
		Reference patient = PatientReferences.subjectOf(resource);
		if (patient != null) {
			LogicalReferences.resolveStoredOrRefuse(patient,
					previous == null ? null : PatientReferences.subjectOf(previous), PATIENT,
					resource.fhirType() + (resource instanceof ResearchSubject ? ".individual" : ".subject"), daos);
		}
	}

	private static List<Reference> patientReferences(IBaseResource resource) {
		Reference subject = PatientReferences.subjectOf(resource);
		return subject == null ? List.of() : List.of(subject);
	}
}
