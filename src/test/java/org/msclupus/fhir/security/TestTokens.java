package org.msclupus.fhir.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/** Signs test tokens as an identity provider would, with a key pair made for the test run. */
public final class TestTokens {

	public static final String ISSUER = "https://idp.test.example/realms/msc";
	private static final RSAKey KEY = generate();
	private static final RSAKey STRANGER_KEY = generate();

	private TestTokens() {
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The public key in PEM, written under target/ for msc.security.public-key-location. */
	public static Path publicKeyPem() {
		try {
			Path pem = Path.of("target/it-data/token-signing-key-" + ProcessHandle.current().pid() + ".pub.pem");
			if (!Files.exists(pem)) {
				Files.createDirectories(pem.getParent());
				Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(KEY.toRSAPublicKey().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
			}
			return pem.toAbsolutePath();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public static Builder token(String scope) {
		return new Builder(scope);
	}

	public static final class Builder {
		private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		private RSAKey key = KEY;

		private Builder(String scope) {
			Instant now = Instant.now();
			claims.issuer(ISSUER).subject("tester").claim("client_id", "test-client").claim("scope", scope)
					.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
					.jwtID(UUID.randomUUID().toString());
		}

		public Builder subject(String subject) {
			claims.subject(subject);
			return this;
		}

		public Builder site(String site) {
			claims.claim("site", site);
			return this;
		}

		public Builder patient(String patient) {
			claims.claim("patient", patient);
			return this;
		}

		public Builder issuer(String issuer) {
			claims.issuer(issuer);
			return this;
		}

		public Builder expiresAt(Instant expiry) {
			claims.expirationTime(expiry == null ? null : Date.from(expiry));
			return this;
		}

		public Builder signedByStranger() {
			key = STRANGER_KEY;
			return this;
		}

		public String build() {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
						claims.build());
				jwt.sign(new RSASSASigner(key));
				return jwt.serialize();
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
