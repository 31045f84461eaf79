package org.msclupus.fhir.security;

import org.msclupus.fhir.security.SmartScope.Context;
import org.msclupus.fhir.security.SmartScope.Permission;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling and what their token grants: the SMART scopes, and the patient or site the token is tied to.
 *
 * <p>Site restriction: a token with a site claim sees only the subjects that site enrolled (and their data), unless
 * it also carries a {@code system/} scope; system scopes are for the sponsor's back-end services and are
 * sponsor-wide.
 *
 * @param subject the token subject ({@code sub}), or {@code anonymous} when security is off
 * @param clientId the OAuth client ({@code client_id}, else {@code azp}), may be null
 * @param issuer the token issuer, may be null
 * @param scopes the clinical scopes granted
 * @param patientId the Patient id of a patient-level token, may be null
 * @param site the caller's site, {@code Organization/<id>}, may be null
 * @param authenticated false only when security is off (a local trial): then everything is allowed
 */
public record Caller(String subject, String clientId, String issuer, List<SmartScope> scopes, String patientId,
		String site, boolean authenticated) {

	/** The caller of a server running with security off: the local user, unrestricted. */
	public static final Caller LOCAL = new Caller("anonymous", null, null, List.of(), null, null, false);

	public Caller {
		scopes = List.copyOf(scopes);
	}

	/** Whether any scope of the token allows {@code permission} on {@code type}, in any context. */
	public boolean may(String type, Permission permission) {
		return !authenticated || scopes.stream().anyMatch(s -> covers(s, type) && s.allows(permission));
	}

	/** As {@link #may}, in the user or system context (study-wide operations are not patient-level). */
	public boolean mayBeyondOnePatient(String type, Permission permission) {
		return !authenticated || scopes.stream()
				.anyMatch(s -> s.context() != Context.PATIENT && covers(s, type) && s.allows(permission));
	}

	/**
	 * Wildcards do not cover the audit trail: reading AuditEvents takes an auditor scope that names them.
	 */
	public static boolean covers(SmartScope scope, String type) {
		return "AuditEvent".equals(type) ? scope.resourceType().equals(type) : scope.coversType(type);
	}

	public boolean hasSystemScope() {
		return scopes.stream().anyMatch(s -> s.context() == Context.SYSTEM);
	}

	/** The site this caller is confined to, if any. */
	public Optional<String> siteRestriction() {
		return authenticated && site != null && !hasSystemScope() ? Optional.of(site) : Optional.empty();
	}

	/** Sponsor-wide: not confined to one patient or one site. */
	public boolean sponsorWide() {
		return !authenticated || (siteRestriction().isEmpty()
				&& scopes.stream().anyMatch(s -> s.context() != Context.PATIENT));
	}
}
