package org.msclupus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class RequestSizeLimitConfiguration {

	@Bean
	public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
			FhirContext fhirContext, FhirServerProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(fhirContext, properties.maxRequestSize().toBytes()));
		registration.addUrlPatterns(FhirEndpointConfiguration.FHIR_PATH + "/*");
		return registration;
	}
}
