package org.msclupus.fhir.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** OpenAPI document and Swagger UI at {@code /fhir/api-docs} and {@code /fhir/swagger-ui/} ({@code msc.openapi.*}). */
@ConfigurationProperties("msc.openapi")
public record OpenApiProperties(@DefaultValue("true") boolean enabled) {}
