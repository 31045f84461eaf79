package org.msclupus.fhir.evaluation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.search.BatchResourceLoader;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
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
 * subject has: the ResearchSubject and its study through the DAOs, with the caller's request, so the server's
 * interceptors (authorisation, consent) decide whether the caller may see this subject at all; then the patient's
 * Observations, MedicationAdministrations and MedicationStatements in one set-based load.
 */
public class SubjectDataReader {

	private static final List<String> SUBJECT_PATHS = List.of("Observation.subject",
			"MedicationAdministration.subject", "MedicationStatement.subject");

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final PatientRecordsLoader records;

	/** @param resourceLoader HAPI's loader of stored resource bodies, looked up late: it depends on the server */
	public SubjectDataReader(DaoRegistry daos, IHapiTransactionService transactions, EntityManager entityManager,
			Supplier<BatchResourceLoader> resourceLoader) {
		this.daos = daos;
		this.transactions = transactions;
		this.records = new PatientRecordsLoader(entityManager, resourceLoader);
	}

	/**
	 * All five reads run in one read-only transaction: one connection and one persistence context instead of five.
	 *
	 * @throws ResourceNotFoundException when the subject does not exist
	 */
	public TimelineMapper.SubjectData read(IIdType subjectId, RequestDetails request) {
		return transactions.withRequest(request).readOnly().execute(() -> readInTransaction(subjectId, request));
	}

	private TimelineMapper.SubjectData readInTransaction(IIdType subjectId, RequestDetails request) {
		ResearchSubject subject = daos.getResourceDao(ResearchSubject.class)
				.read(subjectId.toUnqualifiedVersionless(), request);
		ResearchStudy study = readStudy(subject, request);
		if (!subject.hasIndividual() || !subject.getIndividual().getReferenceElement().hasIdPart()) {
			return new TimelineMapper.SubjectData(subject, study, List.of(), List.of(), List.of());
		}
		String patient = subject.getIndividual().getReferenceElement().getIdPart();
		List<Observation> observations = new ArrayList<>();
		List<MedicationAdministration> administrations = new ArrayList<>();
		List<MedicationStatement> statements = new ArrayList<>();
		for (IBaseResource resource : records.referringTo(patient, SUBJECT_PATHS)) {
			if (resource instanceof Observation o && TimelineMapper.measureOf(o.getCode()).isPresent()) {
				observations.add(o);
			} else if (resource instanceof MedicationAdministration a) {
				administrations.add(a);
			} else if (resource instanceof MedicationStatement m) {
				statements.add(m);
			}
		}
		return new TimelineMapper.SubjectData(subject, study, observations, administrations, statements);
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

}
