package org.msclupus.fhir.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.server.SearchesInWrites;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which patients a site enrolled, from the {@code enrolling-site} extension of their ResearchSubjects. */
public class SiteRoster {

	public static final String ENROLLING_SITE_URL = "http://msc-lupus.org/fhir/StructureDefinition/enrolling-site";

	private final DaoRegistry daos;

	public SiteRoster(DaoRegistry daos) {
		this.daos = daos;
	}

	/**
	 * The patients ({@code Patient/<id>}) with a ResearchSubject enrolled through {@code site}. Read from every
	 * stored ResearchSubject: a trial has at most some thousands, and the enrolling-site extension has no search
	 * parameter to narrow the read.
	 */
	public List<IIdType> patientsOf(String site) {
		Set<IIdType> patients = new LinkedHashSet<>();
		SearchParameterMap all = SearchParameterMap.newSynchronous();
		for (IBaseResource found : daos.getResourceDao(ResearchSubject.class).search(all, new SystemRequestDetails())
				.getAllResources()) {
			ResearchSubject subject = (ResearchSubject) found;
			String patient = patientOf(subject);
			if (patient != null && site.equals(siteOf(subject))) {
				patients.add(new IdType(patient));
			}
		}
		return List.copyOf(patients);
	}

	/** The sites through which {@code patient} ({@code Patient/<id>}) was enrolled, in any study. */
	public Set<String> sitesOf(String patient) {
		Set<String> sites = new LinkedHashSet<>();
		SearchParameterMap search =
				SearchParameterMap.newSynchronous(ResearchSubject.SP_INDIVIDUAL, new ReferenceParam(patient));
		for (ResearchSubject found : SearchesInWrites.search(daos.getResourceDao(ResearchSubject.class), search,
				new SystemRequestDetails())) { // also inside writes (SiteEnrolmentGuard)
			String site = siteOf(found);
			if (site != null) {
				sites.add(site);
			}
		}
		return sites;
	}

	/** The subject's site as {@code Organization/<id>}, or null when it has none. */
	public static String siteOf(ResearchSubject subject) {
		Extension site = subject.getExtensionByUrl(ENROLLING_SITE_URL);
		if (site == null || !(site.getValue() instanceof Reference reference) || !reference.hasReference()) {
			return null;
		}
		return new IdType(reference.getReference()).toUnqualifiedVersionless().getValue();
	}

	public static String patientOf(ResearchSubject subject) {
		if (!subject.getIndividual().hasReference()) {
			return null;
		}
		return new IdType(subject.getIndividual().getReference()).toUnqualifiedVersionless().getValue();
	}
}
