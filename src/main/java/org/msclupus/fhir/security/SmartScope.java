package org.msclupus.fhir.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART on FHIR clinical scope: {@code patient/Observation.rs}, {@code user/*.cruds}, {@code system/*.read}.
 * Both the App Launch v2 permission letters and the v1 {@code read}/{@code write}/{@code *} forms are understood
 * (v1 {@code read} is v2 {@code rs}; {@code write} is {@code cud}). Scopes this server cannot honour exactly
 * (v2 granular scopes with a {@code ?} query, letters out of order) are not granted at all, rather than granted
 * more widely than asked.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes</a>
 */
public record SmartScope(Context context, String resourceType, Set<Permission> permissions) {

	public static final String ANY_TYPE = "*";

	public enum Context { PATIENT, USER, SYSTEM }

	/** In the order SMART v2 requires them to be written. */
	public enum Permission { CREATE, READ, UPDATE, DELETE, SEARCH }

	private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/([A-Za-z]+|\\*)\\.([a-z*]+)");

	public SmartScope {
		permissions = Collections.unmodifiableSet(EnumSet.copyOf(permissions));
	}

	/** The scope's meaning, or empty when it is not a clinical scope this server grants (openid, launch, ...). */
	public static Optional<SmartScope> parse(String scope) {
		Matcher matcher = SCOPE.matcher(scope);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		Context context = Context.valueOf(matcher.group(1).toUpperCase(java.util.Locale.ROOT));
		return permissionsOf(matcher.group(3)).map(p -> new SmartScope(context, matcher.group(2), p));
	}

	/** Every clinical scope of a space-separated {@code scope} claim. */
	public static List<SmartScope> parseAll(String scopeClaim) {
		List<SmartScope> scopes = new ArrayList<>();
		if (scopeClaim != null) {
			for (String scope : scopeClaim.trim().split("\\s+")) {
				parse(scope).ifPresent(scopes::add);
			}
		}
		return scopes;
	}

	private static Optional<Set<Permission>> permissionsOf(String letters) {
		switch (letters) {
			case "read":
				return Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
			case "write":
				return Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
			case "*":
				return Optional.of(EnumSet.allOf(Permission.class));
			default:
				break;
		}
		EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
		int previous = -1;
		for (char letter : letters.toCharArray()) {
			int index = "cruds".indexOf(letter);
			if (index <= previous) {
				return Optional.empty(); // unknown letter, repeated or out of order
			}
			permissions.add(Permission.values()[index]);
			previous = index;
		}
		return permissions.isEmpty() ? Optional.empty() : Optional.of(permissions);
	}

	public boolean coversType(String type) {
		return ANY_TYPE.equals(resourceType) || resourceType.equals(type);
	}

	public boolean allows(Permission permission) {
		return permissions.contains(permission);
	}

	@Override
	public String toString() {
		StringBuilder letters = new StringBuilder();
		permissions.forEach(p -> letters.append("cruds".charAt(p.ordinal())));
		return context.name().toLowerCase(java.util.Locale.ROOT) + "/" + resourceType + "." + letters;
	}
}
