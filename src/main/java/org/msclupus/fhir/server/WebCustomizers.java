package org.msclupus.fhir.server;

import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

import java.util.List;

/** What browsers see: CORS, the OpenAPI document with Swagger UI, and readable HTML rendering of responses. */
@Configuration
public class WebCustomizers {

	private static final Logger log = LoggerFactory.getLogger(WebCustomizers.class);

	@Bean
	@Order(20)
	public RestfulServerCustomizer corsCustomizer(CorsProperties cors) {
		return server -> {
			if (!cors.enabled()) {
				return;
			}
			CorsConfiguration config = new CorsConfiguration();
			List.of(
							HttpHeaders.ORIGIN,
							HttpHeaders.ACCEPT,
							HttpHeaders.CONTENT_TYPE,
							HttpHeaders.AUTHORIZATION,
							HttpHeaders.CACHE_CONTROL,
							HttpHeaders.IF_MATCH,
							HttpHeaders.IF_NONE_MATCH,
							"If-None-Exist",
							"Prefer",
							"X-Requested-With")
					.forEach(config::addAllowedHeader);
			cors.allowedOrigins().forEach(config::addAllowedOriginPattern);
			List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_LOCATION, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED)
					.forEach(config::addExposedHeader);
			config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"));
			config.setAllowCredentials(cors.allowCredentials());
			server.registerInterceptor(new CorsInterceptor(config));
			log.info("CORS enabled for origins {}", cors.allowedOrigins());
		};
	}

	@Bean
	@Order(21)
	public RestfulServerCustomizer openApiCustomizer(OpenApiProperties openApi) {
		return server -> {
			if (openApi.enabled()) {
				server.registerInterceptor(new OpenApiInterceptor());
			}
		};
	}

	@Bean
	@Order(22)
	public RestfulServerCustomizer responseHighlighterCustomizer() {
		return server -> server.registerInterceptor(new ResponseHighlighterInterceptor());
	}

	/** Tomcat's own error pages (bad request line, illegal path characters, headers too large) as OperationOutcomes. */
	@Bean
	public org.springframework.boot.web.server.WebServerFactoryCustomizer<
			org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory> operationOutcomeErrorPages(
			ca.uhn.fhir.context.FhirContext fhirContext) {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof org.apache.catalina.Host host) {
				host.getPipeline().addValve(new OperationOutcomeErrorValve(fhirContext));
			}
		});
	}
}
