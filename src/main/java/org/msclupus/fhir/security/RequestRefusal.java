package org.msclupus.fhir.security;

/**
 * Published (as a Spring application event) when a request is refused before it reaches the FHIR server: no or a bad
 * token, or a URL the firewall refuses. Security only says what happened; the audit trail listens and records it, so
 * security needs no knowledge of how refusals are audited.
 *
 * @param method        the HTTP method
 * @param url           the full request URL, query included
 * @param clientAddress the client's network address
 * @param serverBase    the FHIR base URL the request was aimed at
 * @param status        the HTTP status answered
 * @param reason        why it was refused, as told to the client
 */
public record RequestRefusal(String method, String url, String clientAddress, String serverBase, int status,
		String reason) {

	/** Who made a refused request: nobody the server could identify. */
	public Caller caller() {
		return Callers.NO_TOKEN;
	}
}
