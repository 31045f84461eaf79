package org.msclupus.fhir.verification.operation;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

/**
 * {@code [type]/[id]/$verify} on the four kinds of record a monitor verifies: one method per type, as HAPI routes
 * operations by type, each handing the decision to {@link SourceDataVerification}.
 */
@Component
public class VerifyProvider implements TrialOperationProvider {

	static final String OPERATION = "$verify";
	static final String DEFINITION = "http://msc-lupus.org/fhir/OperationDefinition/verify";

	private final SourceDataVerification verification;

	public VerifyProvider(SourceDataVerification verification) {
		this.verification = verification;
	}

	@TrialOperation(reads = "Observation")
	@Operation(name = OPERATION, type = Observation.class, canonicalUrl = DEFINITION)
	@Description(shortDefinition = "Verify, query or answer a query on this version of the record")
	public Parameters verifyObservation(@IdParam IdType id,
			@OperationParam(name = "decision", typeName = "code", min = 1, max = 1) CodeType decision,
			@OperationParam(name = "reason", typeName = "string", min = 0, max = 1) StringType reason,
			@OperationParam(name = "version", typeName = "string", min = 0, max = 1) StringType version,
			RequestDetails request) {
		return decide("Observation", id, decision, reason, version, request);
	}

	@TrialOperation(reads = "MedicationAdministration")
	@Operation(name = OPERATION, type = MedicationAdministration.class, canonicalUrl = DEFINITION)
	@Description(shortDefinition = "Verify, query or answer a query on this version of the record")
	public Parameters verifyMedicationAdministration(@IdParam IdType id,
			@OperationParam(name = "decision", typeName = "code", min = 1, max = 1) CodeType decision,
			@OperationParam(name = "reason", typeName = "string", min = 0, max = 1) StringType reason,
			@OperationParam(name = "version", typeName = "string", min = 0, max = 1) StringType version,
			RequestDetails request) {
		return decide("MedicationAdministration", id, decision, reason, version, request);
	}

	@TrialOperation(reads = "MedicationStatement")
	@Operation(name = OPERATION, type = MedicationStatement.class, canonicalUrl = DEFINITION)
	@Description(shortDefinition = "Verify, query or answer a query on this version of the record")
	public Parameters verifyMedicationStatement(@IdParam IdType id,
			@OperationParam(name = "decision", typeName = "code", min = 1, max = 1) CodeType decision,
			@OperationParam(name = "reason", typeName = "string", min = 0, max = 1) StringType reason,
			@OperationParam(name = "version", typeName = "string", min = 0, max = 1) StringType version,
			RequestDetails request) {
		return decide("MedicationStatement", id, decision, reason, version, request);
	}

	@TrialOperation(reads = "AdverseEvent")
	@Operation(name = OPERATION, type = AdverseEvent.class, canonicalUrl = DEFINITION)
	@Description(shortDefinition = "Verify, query or answer a query on this version of the record")
	public Parameters verifyAdverseEvent(@IdParam IdType id,
			@OperationParam(name = "decision", typeName = "code", min = 1, max = 1) CodeType decision,
			@OperationParam(name = "reason", typeName = "string", min = 0, max = 1) StringType reason,
			@OperationParam(name = "version", typeName = "string", min = 0, max = 1) StringType version,
			RequestDetails request) {
		return decide("AdverseEvent", id, decision, reason, version, request);
	}

	private Parameters decide(String type, IdType id, CodeType decision, StringType reason, StringType version,
			RequestDetails request) {
		return verification.decide(type, id, decision == null ? null : decision.getValue(),
				OperationParameters.textOrNull(reason), OperationParameters.textOrNull(version), request)
				.toParameters();
	}
}
