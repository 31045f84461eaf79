package org.msclupus.fhir.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer-token security ({@code msc.security.*}). With {@code enabled}, every request except the
 * CapabilityStatement and the SMART configuration needs a valid JWT; tokens are checked against one of
 * {@code jwk-set-uri}, {@code public-key-location} or the {@code issuer-uri}'s published keys.
 *
 * @param enabled whether tokens are required; off, the server binds to 127.0.0.1 only
 * @param issuerUri the token issuer; when set, the {@code iss} claim must equal it
 * @param jwkSetUri where the issuer's signing keys are published (JWKS)
 * @param publicKeyLocation an RSA public key in PEM (file: or classpath:), for RS256 tokens signed locally
 * @param audience when set, the {@code aud} claim must contain it
 * @param siteClaim the claim naming the caller's site, value {@code Organization/<id>}
 * @param patientClaim the claim naming the patient of a patient-level token, value the Patient id
 * @param authorizationEndpoint advertised in the SMART configuration, when the installation has one
 * @param tokenEndpoint advertised in the SMART configuration, when the installation has one
 * @param dashboardClientId the dashboard's client id at the identity provider (a public client with PKCE)
 * @param dashboardScope the scopes the dashboard asks for at login
 */
@ConfigurationProperties("msc.security")
public record SecurityProperties(
		@DefaultValue("false") boolean enabled,
		@DefaultValue("") String issuerUri,
		@DefaultValue("") String jwkSetUri,
		@DefaultValue("") String publicKeyLocation,
		@DefaultValue("") String audience,
		@DefaultValue("site") String siteClaim,
		@DefaultValue("patient") String patientClaim,
		@DefaultValue("") String authorizationEndpoint,
		@DefaultValue("") String tokenEndpoint,
		@DefaultValue("msc-dashboard") String dashboardClientId,
		@DefaultValue("openid fhirUser user/*.rs") String dashboardScope) {}
