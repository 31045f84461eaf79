package org.msclupus.fhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which resource types hold a patient's data (the FHIR Patient compartment) and which are shared definitions and
 * directories (studies, organisations, terminology) that any reader may see.
 */
public final class PatientCompartment {

	/** Not in the compartment, yet not shared: job results and export files, read only by sponsor-wide callers. */
	static final Set<String> NEVER_SHARED = Set.of("Binary", "AuditEvent", "Bundle", "Parameters");

	/**
	 * Shared types a site may also write: the people and places its own records point to, and its own subscriptions
	 * (notification.operation.SubscriptionGuard keeps each site to the ones it created).
	 */
	static final Set<String> SITE_WRITABLE = Set.of("Practitioner", "PractitionerRole", "Location", "Medication",
			"Subscription");

	private final Set<String> compartmentTypes = new TreeSet<>();
	private final Set<String> sharedTypes = new TreeSet<>();

	public PatientCompartment(FhirContext fhirContext) {
		for (String type : fhirContext.getResourceTypes()) {
			RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
			if (type.equals("Patient") || !definition.getSearchParamsForCompartmentName("Patient").isEmpty()) {
				compartmentTypes.add(type);
			} else if (!NEVER_SHARED.contains(type)) {
				sharedTypes.add(type);
			}
		}
	}

	public boolean holdsPatientData(String type) {
		return compartmentTypes.contains(type);
	}

	public Set<String> sharedTypes() {
		return sharedTypes;
	}
}
