package org.msclupus.fhir.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.msclupus.fhir.server.OperationOutcomes;
import org.springframework.context.ApplicationEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * Answers a request refused before it reaches the FHIR server, and so without HAPI's error handling: without a
 * valid token, 401 with the standard {@code WWW-Authenticate: Bearer} challenge and an
 * OperationOutcome saying what was wrong, and a {@link RequestRefusal} event (the audit trail records it); also a URL that the
 * firewall refuses (400).
 */
class BearerTokenRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(BearerTokenRefusals.class);

	private final ApplicationEventPublisher events;
	private final FhirContext fhirContext;
	private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
	private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

	BearerTokenRefusals(ApplicationEventPublisher events, FhirContext fhirContext) {
		this.events = events;
		this.fhirContext = fhirContext;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		challenge.commence(request, response, e);
		String reason = request.getHeader(HttpHeaders.AUTHORIZATION) == null
				? "Authentication required: send a bearer token (Authorization: Bearer <JWT>)"
				: e instanceof InvalidBearerTokenException
						? "The bearer token is not valid: " + e.getMessage()
						: "The bearer token was not accepted: " + e.getMessage();
		refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, OperationOutcome.IssueType.LOGIN, reason);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
			throws IOException {
		denied.handle(request, response, e);
		refuse(request, response, HttpServletResponse.SC_FORBIDDEN, OperationOutcome.IssueType.FORBIDDEN,
				"Access denied: " + e.getMessage());
	}

	/** A URL that Spring Security's firewall refuses (encoded semicolons, percent signs, ...). */
	void rejected(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, OperationOutcome.IssueType.INVALID,
				"The request URL was refused: " + reason);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status,
			OperationOutcome.IssueType type, String reason) throws IOException {
		String url = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + "/fhir";
		try {
			events.publishEvent(new RequestRefusal(request.getMethod(), url, request.getRemoteAddr(), base, status,
					reason));
		} catch (RuntimeException e) {
			// Nothing was done for this request; the refusal still goes out.
			log.error("Could not report the refused request {} {}", request.getMethod(), url, e);
		}
		OperationOutcomes.write(fhirContext, response, status, OperationOutcomes.error(type, reason));
	}
}
