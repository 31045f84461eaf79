package org.msclupus.fhir.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * One focused change to the FHIR endpoint (a provider, an interceptor, a setting). Each capability contributes its
 * own customizer bean instead of the server configuration knowing about all of them; they run in {@code @Order}.
 */
@FunctionalInterface
public interface RestfulServerCustomizer {
	void customize(RestfulServer server);
}
