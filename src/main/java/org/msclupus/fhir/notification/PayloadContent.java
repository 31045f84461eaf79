package org.msclupus.fhir.notification;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much of the focus a notification carries (the backport IG's backport-content-code-system). {@link #ID_ONLY} is
 * the default: no clinical content travels unless a subscriber asks for it.
 */
public enum PayloadContent {
	EMPTY("empty"),
	ID_ONLY("id-only"),
	FULL_RESOURCE("full-resource");

	public static final PayloadContent DEFAULT = ID_ONLY;

	private final String code;

	PayloadContent(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<PayloadContent> ofCode(String code) {
		return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
	}
}
