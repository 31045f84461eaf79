package org.msclupus.fhir.security;

import org.msclupus.fhir.operation.OperationCatalog;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.UriType;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Authorization inside the FHIR endpoint: the token's scopes, patient and site, and SMART discovery. */
@Configuration
public class SecurityConfiguration {

	@Bean
	public SiteRoster siteRoster(DaoRegistry daos) {
		return new SiteRoster(daos);
	}

	@Bean
	public TrialAuthorizationInterceptor trialAuthorizationInterceptor(Callers callers, SiteRoster roster,
			FhirContext fhirContext, DaoRegistry daos, OperationCatalog operations) {
		return new TrialAuthorizationInterceptor(callers, roster, new PatientCompartment(fhirContext), daos,
				operations);
	}

	/** Registered before the providers' own interceptors, so every request is checked first. */
	@Bean
	@Order(-10)
	public RestfulServerCustomizer authorizationCustomizer(TrialAuthorizationInterceptor authorization,
			SiteRoster roster, SecurityProperties properties) {
		return server -> {
			server.registerInterceptor(authorization);
			server.registerInterceptor(new TrialSearchNarrowing(authorization));
			server.registerInterceptor(new SiteEnrolmentGuard(roster));
			server.registerInterceptor(new CapabilitySecurity(properties));
		};
	}

	@Bean
	public ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(SecurityProperties properties) {
		ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
				new SmartConfigurationServlet(properties), "/.well-known/smart-configuration",
				"/fhir/.well-known/smart-configuration");
		registration.setName("smart-configuration");
		return registration;
	}

	@Bean
	public ServletRegistrationBean<DashboardClientServlet> dashboardClient(SecurityProperties properties) {
		ServletRegistrationBean<DashboardClientServlet> registration = new ServletRegistrationBean<>(
				new DashboardClientServlet(properties), "/dashboard/client.json");
		registration.setName("dashboard-client");
		return registration;
	}

	/** The CapabilityStatement says that the server takes SMART-on-FHIR tokens, and where to get them. */
	static class CapabilitySecurity {

		private static final String OAUTH_URIS =
				"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
		private final SecurityProperties properties;

		CapabilitySecurity(SecurityProperties properties) {
			this.properties = properties;
		}

		@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
		public void describeSecurity(IBaseConformance conformance) {
			if (!properties.enabled()) {
				return;
			}
			for (CapabilityStatement.CapabilityStatementRestComponent rest :
					((CapabilityStatement) conformance).getRest()) {
				CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
				security.addService().addCoding()
						.setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
						.setCode("SMART-on-FHIR");
				security.setDescription("OAuth 2.0 bearer tokens (JWT) with SMART App Launch scopes; "
						+ "see .well-known/smart-configuration");
				if (!properties.tokenEndpoint().isBlank() || !properties.authorizationEndpoint().isBlank()) {
					var uris = security.addExtension().setUrl(OAUTH_URIS);
					if (!properties.tokenEndpoint().isBlank()) {
						uris.addExtension("token", new UriType(properties.tokenEndpoint()));
					}
					if (!properties.authorizationEndpoint().isBlank()) {
						uris.addExtension("authorize", new UriType(properties.authorizationEndpoint()));
					}
				}
			}
		}
	}
}
