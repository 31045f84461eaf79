package org.msclupus.fhir.evaluation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Reads what the response rules need about one subject with a fixed number of queries, however much data the
 * subject has: the ResearchSubject, its study, and three searches over the patient's trial Observations (by code,
 * up to asOf), MedicationAdministrations and glucocorticoid MedicationStatements. It goes through the DAOs with the
 * caller's request, so the server's interceptors (authorisation, consent) apply.
 */
public class SubjectDataReader {

	private final DaoRegistry daos;

	public SubjectDataReader(DaoRegistry daos) {
		this.daos = daos;
	}

	/** @throws ResourceNotFoundException when the subject does not exist */
	public TimelineMapper.SubjectData read(IIdType subjectId, LocalDate asOf, RequestDetails request) {
		long start = System.nanoTime();
		ResearchSubject subject = daos.getResourceDao(ResearchSubject.class)
				.read(subjectId.toUnqualifiedVersionless(), request);
		ResearchStudy study = readStudy(subject, request);
		if (!subject.hasIndividual() || !subject.getIndividual().getReferenceElement().hasIdPart()) {
			return new TimelineMapper.SubjectData(subject, study, List.of(), List.of(), List.of());
		}
		String patient = "Patient/" + subject.getIndividual().getReferenceElement().getIdPart();

		SearchParameterMap observations = SearchParameterMap.newSynchronous()
				.add(Observation.SP_SUBJECT, new ReferenceParam(patient))
				.add(Observation.SP_CODE, trialObservationCodes())
				.add(Observation.SP_DATE, new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, asOf.toString()));
		SearchParameterMap administrations = SearchParameterMap.newSynchronous()
				.add(MedicationAdministration.SP_SUBJECT, new ReferenceParam(patient));
		SearchParameterMap statements = SearchParameterMap.newSynchronous()
				.add(MedicationStatement.SP_SUBJECT, new ReferenceParam(patient))
				.add(MedicationStatement.SP_CODE, glucocorticoidCodes());

		long t0 = System.nanoTime();
		List<Observation> obs = daos.getResourceDao(Observation.class).searchForResources(observations, request);
		long t1 = System.nanoTime();
		List<MedicationAdministration> mas = daos.getResourceDao(MedicationAdministration.class).searchForResources(administrations, request);
		long t2 = System.nanoTime();
		List<MedicationStatement> mss = daos.getResourceDao(MedicationStatement.class).searchForResources(statements, request);
		long t3 = System.nanoTime();
		org.slf4j.LoggerFactory.getLogger(getClass()).debug("TIMING subject+study {} obs {} ma {} ms {}", (t0 - start) / 1000, (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000);
		return new TimelineMapper.SubjectData(subject, study, obs, mas, mss);
	}

	private ResearchStudy readStudy(ResearchSubject subject, RequestDetails request) {
		if (!subject.hasStudy() || !subject.getStudy().getReferenceElement().hasIdPart()) {
			return null;
		}
		try {
			return daos.getResourceDao(ResearchStudy.class)
					.read(new IdType("ResearchStudy", subject.getStudy().getReferenceElement().getIdPart()), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null; // a dangling study reference: evaluate with the defaults
		}
	}

	private static TokenOrListParam trialObservationCodes() {
		TokenOrListParam codes = new TokenOrListParam();
		TrialCodes.MEASURE_BY_CODE.keySet().stream().sorted().forEach(key -> {
			String[] systemAndCode = key.split("\\|", 2);
			codes.add(systemAndCode[0], systemAndCode[1]);
		});
		return codes;
	}

	private static TokenOrListParam glucocorticoidCodes() {
		TokenOrListParam codes = new TokenOrListParam();
		TrialCodes.PREDNISONE_EQUIVALENT.keySet().stream().sorted().forEach(code -> codes.add(TrialCodes.RXNORM, code));
		return codes;
	}
}
