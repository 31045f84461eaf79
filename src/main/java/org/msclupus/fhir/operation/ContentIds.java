package org.msclupus.fhir.operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Resource ids derived from content, for results stored by evaluations: the same content always gets the same id,
 * so storing it again is a no-op instead of a duplicate.
 */
public final class ContentIds {

	private ContentIds() {
	}

	/** {@code prefix} followed by 40 hex digits of the SHA-256 of {@code content}: a valid FHIR id (at most 64). */
	public static String of(String prefix, String content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
			return prefix + HexFormat.of().formatHex(digest, 0, 20);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}
}
