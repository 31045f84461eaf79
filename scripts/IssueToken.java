import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs a test bearer token (RS256 JWT) for a server whose msc.security.public-key-location points at the public
 * half of a local key pair. JDK only, run as a single source file:
 *
 *   java scripts/IssueToken.java --scope "user/*.rs" --sub alice [--site Organization/site-a] [--patient 123]
 *        [--issuer URI] [--audience AUD] [--client-id ID] [--minutes 60] [--keys docker/keys]
 *
 * The key pair (token-signing-key.pem, private; token-signing-key.pub.pem, public) is created in --keys on first
 * use. The token goes to standard output, everything else to standard error. For tests and local trials only:
 * production tokens come from the hospital's or sponsor's identity provider.
 */
public class IssueToken {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("--sub", "local-user", "--client-id", "issue-token-script",
				"--minutes", "60", "--keys", "docker/keys"));
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				System.err.println("usage: java scripts/IssueToken.java --scope \"user/*.rs\" [--sub S] [--site Organization/x]"
						+ " [--patient id] [--issuer URI] [--audience AUD] [--client-id ID] [--minutes N] [--keys DIR]");
				System.exit(2);
			}
			options.put(args[i], args[++i]);
		}
		if (!options.containsKey("--scope")) {
			System.err.println("--scope is required, for example --scope \"user/*.rs\"");
			System.exit(2);
		}
		PrivateKey key = privateKey(Path.of(options.get("--keys")));
		long now = Instant.now().getEpochSecond();
		StringBuilder claims = new StringBuilder("{");
		claim(claims, "sub", options.get("--sub"));
		claim(claims, "client_id", options.get("--client-id"));
		claim(claims, "scope", options.get("--scope"));
		claim(claims, "jti", UUID.randomUUID().toString());
		claim(claims, "iss", options.get("--issuer"));
		claim(claims, "aud", options.get("--audience"));
		claim(claims, "site", options.get("--site"));
		claim(claims, "patient", options.get("--patient"));
		claims.append("\"iat\":").append(now).append(",\"exp\":")
				.append(now + 60 * Long.parseLong(options.get("--minutes"))).append('}');
		String signingInput = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims.toString());
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(key);
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		System.out.println(signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign()));
	}

	private static void claim(StringBuilder claims, String name, String value) {
		if (value != null) {
			claims.append('"').append(name).append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
					.append("\",");
		}
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** The private key in {@code dir}, creating the pair there first if there is none. */
	private static PrivateKey privateKey(Path dir) throws Exception {
		Path privatePem = dir.resolve("token-signing-key.pem");
		Path publicPem = dir.resolve("token-signing-key.pub.pem");
		if (!Files.exists(privatePem)) {
			Files.createDirectories(dir);
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			try {
				Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
			} catch (UnsupportedOperationException e) {
				// not a POSIX file system
			}
			Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			System.err.println("Created a signing key pair; point msc.security.public-key-location at file:"
					+ publicPem.toAbsolutePath());
		}
		String body = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(der) + "\n-----END " + type + "-----\n";
	}
}
