package org.msclupus.fhir.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /dashboard/client.json}: what the dashboard needs to log in before it reads anything — whether tokens are
 * required, its client id and the scopes to ask for. The endpoints come from {@code .well-known/smart-configuration}.
 */
class DashboardClientServlet extends HttpServlet {

	private final transient SecurityProperties properties;

	DashboardClientServlet(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("security", properties.enabled());
		client.put("client_id", properties.dashboardClientId());
		client.put("scope", properties.dashboardScope());
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		new ObjectMapper().writeValue(response.getWriter(), client);
	}
}
