package org.msclupus.fhir.operation;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.response.Response;

/** A response category as every operation writes it: a code of the trial's response CodeSystem with its display. */
public final class ResponseConcepts {

	private ResponseConcepts() {
	}

	public static CodeableConcept of(Response response) {
		return new CodeableConcept().addCoding(new Coding(TrialCodes.RESPONSE, response.name(), response.display()));
	}
}
