package org.msclupus.fhir.security;

import org.junit.jupiter.api.Test;
import org.msclupus.fhir.security.SmartScope.Permission;


import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

	static Caller caller(String scopes, String patient, String site) {
		return new Caller("sub", "client", "iss", SmartScope.parseAll(scopes), patient, site, true);
	}

	@Test
	void aSiteClaimConfinesUserScopesButNotSystemScopes() {
		Caller coordinator = caller("user/*.rs", null, "Organization/a");
		assertThat(coordinator.siteRestriction()).contains("Organization/a");
		assertThat(coordinator.sponsorWide()).isFalse();

		Caller backend = caller("system/*.rs", null, "Organization/a");
		assertThat(backend.siteRestriction()).isEmpty();
		assertThat(backend.sponsorWide()).isTrue();

		Caller statistician = caller("user/ResearchStudy.rs", null, null);
		assertThat(statistician.siteRestriction()).isEmpty();
		assertThat(statistician.sponsorWide()).isTrue();
	}

	@Test
	void aPatientTokenIsNeverSponsorWide() {
		Caller patient = caller("patient/*.rs", "p1", null);
		assertThat(patient.sponsorWide()).isFalse();
		assertThat(patient.may("Observation", Permission.READ)).isTrue();
		assertThat(patient.mayBeyondOnePatient("ResearchStudy", Permission.READ)).isFalse();
	}

	@Test
	void permissionsFollowTheScopes() {
		Caller creator = caller("user/Observation.c", null, null);
		assertThat(creator.may("Observation", Permission.CREATE)).isTrue();
		assertThat(creator.may("Observation", Permission.READ)).isFalse();
		assertThat(creator.may("Patient", Permission.CREATE)).isFalse();
		assertThat(caller("", null, null).may("Observation", Permission.READ)).isFalse();
	}

	@Test
	void withSecurityOffTheLocalUserMayDoAnything() {
		assertThat(Caller.LOCAL.may("AuditEvent", Permission.READ)).isTrue();
		assertThat(Caller.LOCAL.siteRestriction()).isEmpty();
		assertThat(Caller.LOCAL.sponsorWide()).isTrue();
	}

	@Test
	void siteClaimsAreReadAsOrganizationReferences() {
		assertThat(Callers.siteReference("Organization/a")).isEqualTo("Organization/a");
		assertThat(Callers.siteReference("a")).isEqualTo("Organization/a");
		assertThat(Callers.siteReference(" ")).isNull();
		assertThat(Callers.siteReference(null)).isNull();
	}
}
