package org.msclupus.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchSubject;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A site-restricted caller enrols subjects only at its own site: the ResearchSubject it writes must name that site
 * (before and after an update), and its patient must not already be enrolled through another site.
 */
@Interceptor
public class SiteEnrolmentGuard {

	private final SiteRoster roster;

	public SiteEnrolmentGuard(SiteRoster roster) {
		this.roster = roster;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		check(null, resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		check(previous, resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete(IBaseResource resource, RequestDetails request) {
		check(null, resource, request);
	}

	private void check(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof ResearchSubject subject)) {
			return;
		}
		String site = Callers.of(request).siteRestriction().orElse(null);
		if (site == null) {
			return;
		}
		if (!site.equals(SiteRoster.siteOf(subject))
				|| (previous instanceof ResearchSubject before && !site.equals(SiteRoster.siteOf(before)))) {
			throw new ForbiddenOperationException("Access denied: a site's token may only write subjects whose "
					+ "enrolling-site extension is its own site (" + site + ")");
		}
		String patient = SiteRoster.patientOf(subject);
		if (patient != null) {
			Set<String> others = new HashSet<>(roster.sitesOf(patient));
			others.removeIf(s -> Objects.equals(s, site));
			if (!others.isEmpty()) {
				throw new ForbiddenOperationException(
						"Access denied: the patient is enrolled through another site");
			}
		}
	}
}
