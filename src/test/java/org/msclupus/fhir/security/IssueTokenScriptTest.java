package org.msclupus.fhir.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented way to get a local token (scripts/IssueToken.java) yields one the server's decoder accepts. */
class IssueTokenScriptTest {

	@Test
	void theScriptSignsATokenTheServerAccepts(@TempDir Path keys) throws Exception {
		String token = run(keys, "--scope", "user/*.rs user/AuditEvent.rs", "--sub", "alice", "--site",
				"Organization/site-a", "--issuer", "https://idp.example/local", "--minutes", "5");

		SecurityProperties properties = new SecurityProperties(true, "https://idp.example/local", "",
				"file:" + keys.resolve("token-signing-key.pub.pem"), "", "site", "patient", "", "", "msc-dashboard", "user/*.rs");
		JwtDecoder decoder = new WebSecurityConfiguration().jwtDecoder(properties, new DefaultResourceLoader());
		Jwt jwt = decoder.decode(token);
		assertThat(jwt.getSubject()).isEqualTo("alice");
		Caller caller = new Callers(properties).of(jwt);
		assertThat(caller.site()).isEqualTo("Organization/site-a");
		assertThat(caller.scopes()).extracting(SmartScope::toString)
				.containsExactly("user/*.rs", "user/AuditEvent.rs");
		assertThat(caller.clientId()).isEqualTo("issue-token-script");

		// A second token reuses the key pair made by the first.
		assertThat(decoder.decode(run(keys, "--scope", "system/*.rs", "--issuer", "https://idp.example/local"))
				.getClaimAsString("scope")).isEqualTo("system/*.rs");
	}

	private static String run(Path keys, String... options) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new java.util.ArrayList<>(List.of(java, "scripts/IssueToken.java", "--keys",
				keys.toString()));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return out;
	}
}
