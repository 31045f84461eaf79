package org.msclupus.fhir.security;

import org.junit.jupiter.api.Test;
import org.msclupus.fhir.security.SmartScope.Context;
import org.msclupus.fhir.security.SmartScope.Permission;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmartScopeTest {

	@Test
	void readsV2PermissionLetters() {
		SmartScope scope = SmartScope.parse("patient/Observation.rs").orElseThrow();
		assertThat(scope.context()).isEqualTo(Context.PATIENT);
		assertThat(scope.resourceType()).isEqualTo("Observation");
		assertThat(scope.permissions()).containsExactly(Permission.READ, Permission.SEARCH);
		assertThat(SmartScope.parse("user/*.cruds").orElseThrow().permissions())
				.isEqualTo(EnumSet.allOf(Permission.class));
		assertThat(SmartScope.parse("user/Observation.c").orElseThrow().permissions())
				.containsExactly(Permission.CREATE);
	}

	@Test
	void readsV1Forms() {
		assertThat(SmartScope.parse("system/*.read").orElseThrow().permissions())
				.containsExactly(Permission.READ, Permission.SEARCH);
		assertThat(SmartScope.parse("user/Patient.write").orElseThrow().permissions())
				.containsExactly(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
		assertThat(SmartScope.parse("patient/*.*").orElseThrow().permissions())
				.isEqualTo(EnumSet.allOf(Permission.class));
	}

	@Test
	void grantsNothingForWhatItCannotHonourExactly() {
		// Out of order, repeated or unknown letters; granular v2 queries; launch and identity scopes.
		for (String scope : List.of("user/*.sr", "user/*.rr", "user/*.x", "user/*.", "patient/Observation.rs?category=vital-signs",
				"openid", "fhirUser", "launch/patient", "offline_access", "admin/*.read", "user/Obs-ervation.rs")) {
			assertThat(SmartScope.parse(scope)).as(scope).isEmpty();
		}
	}

	@Test
	void readsAWholeScopeClaim() {
		assertThat(SmartScope.parseAll("openid fhirUser  patient/*.rs\tuser/AuditEvent.rs launch"))
				.extracting(SmartScope::toString).containsExactly("patient/*.rs", "user/AuditEvent.rs");
		assertThat(SmartScope.parseAll(null)).isEmpty();
		assertThat(SmartScope.parseAll("  ")).isEmpty();
	}

	@Test
	void wildcardsDoNotReachTheAuditTrail() {
		SmartScope all = SmartScope.parse("system/*.rs").orElseThrow();
		assertThat(Caller.covers(all, "Observation")).isTrue();
		assertThat(Caller.covers(all, "AuditEvent")).isFalse();
		assertThat(Caller.covers(SmartScope.parse("user/AuditEvent.rs").orElseThrow(), "AuditEvent")).isTrue();
	}
}
