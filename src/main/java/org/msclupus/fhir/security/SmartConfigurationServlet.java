package org.msclupus.fhir.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SMART App Launch discovery ({@code .well-known/smart-configuration}), at the server root and under the FHIR base
 * where SMART clients look for it: which issuer signs the tokens, where its keys and endpoints are, and which
 * scope forms this server understands.
 */
class SmartConfigurationServlet extends HttpServlet {

	private final transient SecurityProperties properties;

	SmartConfigurationServlet(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, Object> configuration = new LinkedHashMap<>();
		putIfSet(configuration, "issuer", properties.issuerUri());
		putIfSet(configuration, "jwks_uri", properties.jwkSetUri());
		putIfSet(configuration, "authorization_endpoint", properties.authorizationEndpoint());
		putIfSet(configuration, "token_endpoint", properties.tokenEndpoint());
		configuration.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
		configuration.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic"));
		configuration.put("response_types_supported", List.of("code"));
		configuration.put("code_challenge_methods_supported", List.of("S256"));
		configuration.put("scopes_supported", List.of("patient/*.rs", "patient/*.read", "user/*.rs", "user/*.cruds",
				"user/*.read", "user/*.write", "system/*.rs", "system/*.cruds", "system/*.read", "system/*.write",
				"user/AuditEvent.rs", "system/AuditEvent.rs"));
		configuration.put("capabilities", properties.enabled()
				? List.of("permission-v1", "permission-v2", "permission-patient", "permission-user",
						"client-confidential-asymmetric", "client-confidential-symmetric", "launch-standalone",
						"client-public")
				: List.of());
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(response.getWriter(), configuration);
	}

	private static void putIfSet(Map<String, Object> configuration, String key, String value) {
		if (value != null && !value.isBlank()) {
			configuration.put(key, value);
		}
	}
}
