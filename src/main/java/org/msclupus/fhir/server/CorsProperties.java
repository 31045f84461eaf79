package org.msclupus.fhir.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/** Cross-origin access for browser apps ({@code msc.cors.*}); off unless enabled. */
@ConfigurationProperties("msc.cors")
public record CorsProperties(
		@DefaultValue("false") boolean enabled,
		@DefaultValue List<String> allowedOrigins,
		@DefaultValue("false") boolean allowCredentials) {}
