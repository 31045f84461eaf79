package org.msclupus.fhir.response;

/** Codes of the response CodeSystem (http://msc-lupus.org/fhir/CodeSystem/response). */
public enum Response {
	CR("Complete response"),
	PR("Partial response"),
	MCR("Major clinical response"),
	PCR("Partial clinical response"),
	R("Responder"),
	NR("Non-responder"),
	NE("Not evaluable");

	private final String display;

	Response(String display) {
		this.display = display;
	}

	public String display() {
		return display;
	}

	/** Whether the category is a response of some degree (CR, PR, MCR, PCR, R): a subject who can then relapse. */
	public boolean isResponse() {
		return this != NR && this != NE;
	}
}
