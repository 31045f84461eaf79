package org.msclupus.fhir.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may reach the server at all: with {@code msc.security.enabled}, a valid bearer JWT on every request except
 * the CapabilityStatement, the SMART configuration and the health probes. What a valid token may then do is
 * decided inside the FHIR endpoint ({@link TrialAuthorizationInterceptor}). Without security the server listens on
 * the loopback interface only.
 */
@Configuration
@EnableWebSecurity
public class WebSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebSecurityConfiguration.class);

	static final String[] PUBLIC_PATHS = {
		"/fhir/metadata", "/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration",
		"/actuator/health", "/actuator/health/**",
		// the dashboard's page and assets hold no data: its data come from the FHIR API with the caller's token
		"/", "/index.html", "/dashboard/**"
	};

	@Bean
	public Callers callers(SecurityProperties properties) {
		return new Callers(properties);
	}

	@Bean
	public SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
			ObjectProvider<JwtDecoder> decoder, BearerTokenRefusals refusals) throws Exception {
		// Bearer tokens only: no sessions, cookies, login pages or CSRF tokens.
		http.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable);
		if (!properties.enabled()) {
			return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
		}
		http.authorizeHttpRequests(a -> a
						.requestMatchers(HttpMethod.GET, PUBLIC_PATHS).permitAll()
						// CORS preflight carries no token.
						.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder.getObject()))
						.authenticationEntryPoint(refusals)
						.accessDeniedHandler(refusals))
				.exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
		return http.build();
	}

	@Bean
	BearerTokenRefusals bearerTokenRefusals(org.springframework.context.ApplicationEventPublisher events,
			ca.uhn.fhir.context.FhirContext fhirContext) {
		return new BearerTokenRefusals(events, fhirContext);
	}

	/** URLs refused by Spring Security's firewall get a 400 OperationOutcome, like every other refusal. */
	@Bean
	public org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(
			BearerTokenRefusals refusals) {
		return (request, response, e) -> refusals.rejected(request, response, e.getMessage());
	}

	@Bean
	@ConditionalOnProperty(name = "msc.security.enabled", havingValue = "true")
	public JwtDecoder jwtDecoder(SecurityProperties properties, ResourceLoader resources) {
		NimbusJwtDecoder decoder;
		if (!properties.jwkSetUri().isBlank()) {
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		} else if (!properties.publicKeyLocation().isBlank()) {
			decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources, properties.publicKeyLocation())).build();
		} else if (!properties.issuerUri().isBlank()) {
			// Keys found through the issuer's discovery document, on first use.
			decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
		} else {
			throw new IllegalStateException("msc.security.enabled is true, but none of msc.security.jwk-set-uri, "
					+ "msc.security.public-key-location or msc.security.issuer-uri is set: tokens cannot be checked");
		}
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(Duration.ofSeconds(30)));
		// A token without an expiry would be valid for ever.
		validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
		if (!properties.issuerUri().isBlank()) {
			validators.add(new JwtIssuerValidator(properties.issuerUri()));
		}
		if (!properties.audience().isBlank()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					aud -> aud != null && aud.contains(properties.audience())));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		log.info("Security on: bearer tokens checked against {}", !properties.jwkSetUri().isBlank()
				? properties.jwkSetUri()
				: !properties.publicKeyLocation().isBlank() ? properties.publicKeyLocation() : properties.issuerUri());
		return decoder;
	}

	static RSAPublicKey publicKey(ResourceLoader resources, String location) {
		try (InputStream in = resources.getResource(location).getInputStream()) {
			return RsaKeyConverters.x509().convert(in);
		} catch (IOException | IllegalArgumentException e) {
			throw new IllegalStateException("Cannot read the RSA public key (PEM) at msc.security.public-key-location "
					+ location + ": " + e.getMessage(), e);
		}
	}

	/** With security off, nobody but this machine may connect; a non-loopback server.address is refused. */
	@Bean
	public WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> loopbackUnlessSecured(
			SecurityProperties properties, org.springframework.boot.autoconfigure.web.ServerProperties server) {
		return factory -> {
			if (properties.enabled()) {
				return;
			}
			InetAddress address = server.getAddress();
			if (address != null && !address.isLoopbackAddress()) {
				throw new IllegalStateException("server.address is " + address.getHostAddress()
						+ " but msc.security.enabled is false: without security the server only listens on loopback");
			}
			factory.setAddress(address != null ? address : InetAddress.getLoopbackAddress());
			log.warn("SECURITY IS OFF (msc.security.enabled=false): every caller is fully trusted. Listening on {} "
					+ "only; turn security on before exposing this server to a network.",
					(address != null ? address : InetAddress.getLoopbackAddress()).getHostAddress());
		};
	}
}
