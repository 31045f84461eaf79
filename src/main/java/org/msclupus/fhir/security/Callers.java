package org.msclupus.fhir.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/** The {@link Caller} of the request on this thread, from the token Spring Security has validated. */
public class Callers {

	/** A request that reached the server without a token (only the public endpoints allow that). */
	static final Caller NO_TOKEN = new Caller("anonymous", null, null, List.of(), null, null, true);

	private static final String USER_DATA_KEY = Caller.class.getName();

	private final SecurityProperties properties;

	public Callers(SecurityProperties properties) {
		this.properties = properties;
	}

	public Caller current() {
		if (!properties.enabled()) {
			return Caller.LOCAL;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication instanceof JwtAuthenticationToken token ? of(token.getToken()) : NO_TOKEN;
	}

	/** Remembers the caller with the request, for code running later in it (operations, storage hooks). */
	public Caller bind(RequestDetails request) {
		Caller caller = current();
		request.getUserData().put(USER_DATA_KEY, caller);
		return caller;
	}

	/**
	 * The caller of a FHIR request. Requests the server makes itself (SystemRequestDetails: start-up, batch jobs)
	 * have none and act with the server's own rights.
	 */
	public static Caller of(RequestDetails request) {
		Object caller = request == null ? null : request.getUserData().get(USER_DATA_KEY);
		return caller instanceof Caller c ? c : Caller.LOCAL;
	}

	/**
	 * The site a study-level result is confined to (null: the whole study). Storing a result ({@code persist})
	 * records it as the study's, so it is only for sponsor-wide callers.
	 *
	 * @throws ForbiddenOperationException when a site-restricted caller asks to store the result
	 */
	public static String sponsorWideToStore(RequestDetails request, boolean persist) {
		String site = of(request).siteRestriction().orElse(null);
		if (site != null && persist) {
			throw new ForbiddenOperationException("persist=true stores a study-wide result; a token restricted to "
					+ site + " evaluates that site's subjects only and cannot store the result");
		}
		return site;
	}

	/**
	 * The site a caller may see, given the one it asked for ({@code Organization/<id>} or a bare id; null for all): its
	 * own when its token is confined to one.
	 *
	 * @param what what the operation shows, for the refusal ("the visits")
	 * @throws ForbiddenOperationException when a site-restricted caller names another site
	 */
	public static String confinedSite(String asked, String what, RequestDetails request) {
		String wanted = asked == null ? null : asked.contains("/") ? asked : "Organization/" + asked;
		String own = sponsorWideToStore(request, false);
		if (own != null && wanted != null && !own.equals(wanted)) {
			throw new ForbiddenOperationException("A token restricted to " + own + " cannot see " + what + " of "
					+ wanted);
		}
		return own != null ? own : wanted;
	}

	Caller of(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		if (clientId == null) {
			clientId = jwt.getClaimAsString("azp");
		}
		return new Caller(jwt.getSubject(), clientId, jwt.getClaimAsString("iss"),
				SmartScope.parseAll(jwt.getClaimAsString("scope")),
				blankToNull(jwt.getClaimAsString(properties.patientClaim())),
				siteReference(jwt.getClaimAsString(properties.siteClaim())), true);
	}

	/** The claim's value is {@code Organization/<id>}; a bare id is read the same way. */
	static String siteReference(String claim) {
		String site = blankToNull(claim);
		if (site == null) {
			return null;
		}
		return site.startsWith("Organization/") ? site : "Organization/" + site;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
