package org.msclupus.fhir.security;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import org.hl7.fhir.instance.model.api.IIdType;
import org.msclupus.fhir.security.SmartScope.Context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Narrows searches by a confined caller to what it may see, so that {@code Observation?code=...} from a site's
 * token returns that site's subjects' Observations instead of failing on the first other one. Callers with any
 * unconfined scope are not narrowed (the authorization rules still check every resource returned).
 */
@Interceptor
public class TrialSearchNarrowing extends SearchNarrowingInterceptor {

	/** A compartment no patient has: a site without subjects finds nothing. */
	static final String NO_PATIENT = "Patient/no-subject-enrolled-by-this-site";

	private final TrialAuthorizationInterceptor authorization;

	public TrialSearchNarrowing(TrialAuthorizationInterceptor authorization) {
		this.authorization = authorization;
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		Caller caller = Callers.of(request);
		if (!caller.authenticated() || caller.scopes().isEmpty()) {
			return null;
		}
		Collection<IIdType> site = authorization.siteOwners(caller, request);
		List<String> compartments = new ArrayList<>();
		for (SmartScope scope : caller.scopes()) {
			if (scope.context() == Context.PATIENT) {
				if (caller.patientId() != null) {
					compartments.add("Patient/" + caller.patientId());
				}
			} else if (site == null) {
				return null; // an unconfined scope
			} else {
				site.forEach(id -> compartments.add(id.getValue()));
			}
		}
		if (compartments.isEmpty()) {
			compartments.add(NO_PATIENT);
		}
		return new AuthorizedList().addCompartments(compartments.stream().distinct().toArray(String[]::new));
	}
}
