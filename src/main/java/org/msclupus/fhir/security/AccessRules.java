package org.msclupus.fhir.security;

import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import org.hl7.fhir.instance.model.api.IIdType;
import org.msclupus.fhir.security.SmartScope.Context;
import org.msclupus.fhir.security.SmartScope.Permission;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a caller's SMART scopes into HAPI authorization rules. Each scope allows its interactions on its resource
 * type; a patient-level scope only inside the token's patient compartment, and a user-level scope of a
 * site-restricted caller only inside the compartments of the patients its site enrolled. Shared resources
 * (studies, organisations, terminology) stay readable. Everything not allowed is denied.
 *
 * <p>Mapping of the permission letters: r and s are HAPI's read (read, vread, search, history); c is create; u is
 * HAPI's write, which covers update and create alike (and JSON/FHIRPath patch); d is delete.
 */
final class AccessRules {

	private final PatientCompartment compartment;

	AccessRules(PatientCompartment compartment) {
		this.compartment = compartment;
	}

	/**
	 * @param caller who is asking
	 * @param patientOwners the patient compartment a patient-level scope is confined to (empty: none)
	 * @param siteOwners the compartments of a site-restricted caller's subjects, or null when not site-restricted
	 */
	List<IAuthRule> build(Caller caller, Collection<IIdType> patientOwners, Collection<IIdType> siteOwners) {
		RuleBuilder rules = new RuleBuilder();
		if (!caller.authenticated()) {
			return rules.allowAll("security is off").build();
		}
		rules.allow("capability statement").metadata().andThen();
		if (caller.scopes().stream().noneMatch(s -> s.resourceType().equals("AuditEvent"))) {
			rules.deny("reading the audit trail takes an AuditEvent scope").read().resourcesOfType("AuditEvent")
					.withAnyId().andThen();
		}
		rules.allow("transaction entries are checked one by one").transaction().withAnyOperation()
				.andApplyNormalRules().andThen();
		for (SmartScope scope : caller.scopes()) {
			Collection<IIdType> owners = scope.context() == Context.PATIENT ? patientOwners : siteOwners;
			boolean siteScope = scope.context() != Context.PATIENT && siteOwners != null;
			for (Permission permission : interactions(scope)) {
				if (owners == null) {
					unrestricted(rules, scope, permission);
				} else {
					confined(rules, scope, permission, owners, siteScope);
				}
			}
		}
		if (caller.scopes().stream().anyMatch(s -> s.allows(Permission.UPDATE))) {
			// The patched resource is then checked like any update.
			rules.allow("patch").patch().allRequests().andThen();
		}
		return rules.build();
	}

	/** READ stands for both r and s (HAPI does not tell them apart). */
	private static Set<Permission> interactions(SmartScope scope) {
		EnumSet<Permission> interactions = EnumSet.noneOf(Permission.class);
		for (Permission permission : scope.permissions()) {
			interactions.add(permission == Permission.SEARCH ? Permission.READ : permission);
		}
		return interactions;
	}

	private static IAuthRuleBuilderRuleOp op(IAuthRuleBuilderRule rule, Permission permission) {
		return switch (permission) {
			case CREATE -> rule.create();
			case UPDATE -> rule.write();
			case DELETE -> rule.delete();
			case READ, SEARCH -> rule.read();
		};
	}

	private static void unrestricted(RuleBuilder rules, SmartScope scope, Permission permission) {
		IAuthRuleBuilderRuleOp op = op(rules.allow(scope.toString()), permission);
		(scope.resourceType().equals(SmartScope.ANY_TYPE) ? op.allResources() : op.resourcesOfType(scope.resourceType()))
				.withAnyId().andThen();
	}

	private void confined(RuleBuilder rules, SmartScope scope, Permission permission, Collection<IIdType> owners,
			boolean siteScope) {
		String name = scope + " within " + (siteScope ? "the site's subjects" : "the token's patient");
		boolean anyType = scope.resourceType().equals(SmartScope.ANY_TYPE);
		if (!owners.isEmpty() && (anyType || compartment.holdsPatientData(scope.resourceType()))) {
			IAuthRuleBuilderRuleOp op = op(rules.allow(name), permission);
			(anyType ? op.allResources() : op.resourcesOfType(scope.resourceType()))
					.inCompartment("Patient", owners).andThen();
		}
		for (String shared : compartment.sharedTypes()) {
			boolean writable = permission == Permission.READ || PatientCompartment.SITE_WRITABLE.contains(shared);
			if (writable && Caller.covers(scope, shared)) {
				op(rules.allow(scope + " on shared " + shared), permission).resourcesOfType(shared).withAnyId()
						.andThen();
			}
		}
		if (siteScope && permission != Permission.READ && permission != Permission.DELETE) {
			// Enrolment: a site registers a new patient and enrols them; SiteEnrolmentGuard checks the site.
			if (permission == Permission.CREATE && Caller.covers(scope, "Patient")) {
				rules.allow(scope + " registers patients").create().resourcesOfType("Patient").withAnyId().andThen();
			}
			if (Caller.covers(scope, "ResearchSubject")) {
				op(rules.allow(scope + " enrols subjects at its own site"), permission)
						.resourcesOfType("ResearchSubject").withAnyId().andThen();
			}
		}
	}
}
