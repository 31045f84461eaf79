package org.msclupus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR endpoint at {@code /fhir}: a HAPI {@link RestfulServer} shaped by {@link RestfulServerCustomizer} beans. */
@Configuration
public class FhirEndpointConfiguration {

	public static final String FHIR_PATH = "/fhir";

	@Bean
	public RestfulServer restfulServer(FhirContext fhirContext, ObjectProvider<RestfulServerCustomizer> customizers) {
		RestfulServer server = new RestfulServer(fhirContext);
		customizers.orderedStream().forEach(customizer -> customizer.customize(server));
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServletRegistration(RestfulServer restfulServer) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(restfulServer, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
