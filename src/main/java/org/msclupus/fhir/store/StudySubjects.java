package org.msclupus.fhir.store;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.security.SiteRoster;

/**
 * A study and its subjects, selected by HAPI's search engine through the DAOs with the caller's request: the study
 * read passes the server's interceptors (authorisation, consent, audit) and the subjects are those a
 * {@code ResearchSubject?study=} search finds, narrowed for a site-confined caller as every search of that caller is
 * (the security package's search narrowing), then kept to the site asked for by each subject's enrolling site. What
 * is loaded for these subjects afterwards ({@link StoredResources}) is therefore already authorised.
 */
public class StudySubjects {


	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final StoredResources stored;

	public StudySubjects(DaoRegistry daos, IHapiTransactionService transactions, StoredResources stored) {
		this.daos = daos;
		this.transactions = transactions;
		this.stored = stored;
	}

	/** A study with the subjects an operation works on, in id order. */
	public record Cohort(ResearchStudy study, List<ResearchSubject> subjects) {

		/** The subjects in pieces of {@link Chunks#SUBJECTS}, each to be read in a transaction of its own. */
		public List<List<ResearchSubject>> chunks() {
			return Chunks.of(subjects, Chunks.SUBJECTS);
		}
	}

	/**
	 * The study and its subjects: of one arm when {@code arm} is given, enrolled through {@code site}
	 * ({@code Organization/<id>}) when it is given.
	 *
	 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException for an arm the study lacks
	 *
	 * @throws ResourceNotFoundException when the study does not exist (or the caller may not see it)
	 */
	public Cohort of(IIdType studyId, String arm, String site, RequestDetails request) {
		return of(study(studyId, request), arm, site, request);
	}

	/**
	 * The study, read with the caller's request.
	 *
	 * @throws ResourceNotFoundException when the study does not exist (or the caller may not see it)
	 */
	public ResearchStudy study(IIdType studyId, RequestDetails request) {
		return daos.getResourceDao(ResearchStudy.class).read(studyId.toUnqualifiedVersionless(), request);
	}

	/**
	 * Refuses an arm the study lacks before any work is started (an operation run as a job): an arm the study declares
	 * answers at once; any other is looked for among its subjects' arms, as {@link #of} does.
	 *
	 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException for an arm the study lacks
	 */
	public void requireArm(ResearchStudy study, String arm, RequestDetails request) {
		if (arm != null && !StudyDesigns.arms(study).names().contains(arm)) {
			of(study, arm, null, request);
		}
	}

	/**
	 * Refuses a site filter naming an Organization that is not stored (a typo would otherwise read as a site with no
	 * subjects); a stored one that enrolled nobody in the study is a valid, empty answer. Whether a site exists is no
	 * secret of any caller's, so it is looked up as the server.
	 *
	 * @param site {@code Organization/<id>}, or null for no filter
	 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException naming the site
	 */
	public void requireSite(String site) {
		if (site == null) {
			return;
		}
		try {
			daos.getResourceDao(Organization.class).read(new IdType(site).toUnqualifiedVersionless(),
					new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw new InvalidRequestException("Parameter site: " + site + " does not exist");
		}
	}

	/** As {@link #of(IIdType, String, String, RequestDetails)}, for a study already read. */
	public Cohort of(ResearchStudy study, String arm, String site, RequestDetails request) {
		// The site is a filter on the subjects read (their enrolling-site extension), not a search parameter: a search
		// naming each of a site's patients is one OR term per patient, and took 9 s for 100 patients on H2.
		SearchParameterMap search = SearchParameterMap.newSynchronous(ResearchSubject.SP_STUDY,
				new ReferenceParam(study.getIdElement().toUnqualifiedVersionless().getValue()));
		// HAPI's search engine selects the subjects; a search result would be capped at the server's page size, so
		// the matching ids are streamed instead and the subjects loaded set-based, one query per 1,000.
		List<ResearchSubject> subjects = new ArrayList<>();
		transactions.withRequest(request).readOnly().execute(() -> {
			List<Long> pids;
			try (Stream<IResourcePersistentId<?>> ids = daos.getResourceDao(ResearchSubject.class)
					.searchForIdStream(search, request, null)) {
				pids = ids.map(id -> (Long) id.getId()).toList();
			}
			for (List<Long> chunk : Chunks.ofQuery(pids)) {
				stored.load(chunk).forEach(subject -> subjects.add((ResearchSubject) subject));
			}
			return null;
		});
		OperationParameters.orBadRequest(() -> {
			StudyDesigns.arms(study).requireKnown(arm, study.getIdElement().toUnqualifiedVersionless().getValue(),
					subjects.stream().map(ResearchSubject::getAssignedArm).filter(a -> a != null).toList());
			return arm;
		});
		return new Cohort(study, subjects.stream()
				.filter(s -> arm == null || arm.equals(s.getAssignedArm()))
				.filter(s -> site == null || site.equals(SiteRoster.siteOf(s)))
				.sorted(Comparator.comparing(ResearchSubject::getIdPart)).toList());
	}
}
