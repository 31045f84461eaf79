package org.msclupus.fhir.store;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.security.SiteRoster;

/**
 * A study and its subjects, read through HAPI's DAOs with the caller's request, as a FHIR search would read them: the
 * server's interceptors (authorisation, consent, audit) see the read. A site-confined request is narrowed to the
 * patients that site enrolled, the same roster HAPI's search narrowing uses for that caller's own searches. What is
 * loaded for these subjects afterwards ({@link StoredResources}) is therefore already authorised.
 */
public class StudySubjects {

	private final DaoRegistry daos;
	private final SiteRoster roster;

	public StudySubjects(DaoRegistry daos, SiteRoster roster) {
		this.daos = daos;
		this.roster = roster;
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
	 * @throws ResourceNotFoundException when the study does not exist (or the caller may not see it)
	 */
	public Cohort of(IIdType studyId, String arm, String site, RequestDetails request) {
		ResearchStudy study = daos.getResourceDao(ResearchStudy.class).read(studyId.toUnqualifiedVersionless(), request);
		SearchParameterMap search = SearchParameterMap.newSynchronous(ResearchSubject.SP_STUDY,
				new ReferenceParam(study.getIdElement().toUnqualifiedVersionless().getValue()));
		if (site != null) {
			List<IIdType> patients = roster.patientsOf(site);
			if (patients.isEmpty()) {
				return new Cohort(study, List.of());
			}
			ReferenceOrListParam enrolled = new ReferenceOrListParam();
			patients.forEach(p -> enrolled.addOr(new ReferenceParam(p.getValue())));
			search.add(ResearchSubject.SP_INDIVIDUAL, enrolled);
		}
		List<ResearchSubject> subjects = daos.getResourceDao(ResearchSubject.class).search(search, request)
				.getAllResources().stream().map(ResearchSubject.class::cast)
				.filter(s -> arm == null || arm.equals(s.getAssignedArm()))
				.filter(s -> site == null || site.equals(SiteRoster.siteOf(s)))
				.sorted(Comparator.comparing(ResearchSubject::getIdPart)).toList();
		return new Cohort(study, subjects);
	}
}
