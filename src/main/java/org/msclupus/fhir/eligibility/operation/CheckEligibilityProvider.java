package org.msclupus.fhir.eligibility.operation;

import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.operation.TrialOperationProvider;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.eligibility.Candidate;
import org.msclupus.fhir.eligibility.CodeMembership;
import org.msclupus.fhir.eligibility.EligibilityCriteria;
import org.msclupus.fhir.eligibility.EligibilityScreen;
import org.msclupus.fhir.eligibility.Screening;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.conformance.DefinitionsGate;
import org.msclupus.fhir.design.TrialCodes;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * {@code Patient/[id]/$check-eligibility?study=ResearchStudy/[id]}: reads the study's criteria (the Library its
 * eligibility-criteria extension names) and the candidate's records, and translates {@link EligibilityScreen}'s
 * answer into Parameters.
 */
@Component
public class CheckEligibilityProvider implements TrialOperationProvider {

	public static final String CRITERIA_EXTENSION = TrialCodes.BASE + "/StructureDefinition/eligibility-criteria";
	private static final List<String> RECORD_PATHS = List.of("Observation.subject", "Condition.subject",
			"MedicationStatement.subject", "MedicationAdministration.subject", "MedicationRequest.subject",
			"Procedure.subject", "Immunization.patient", "Consent.patient");

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final StoredResources stored;
	private final CandidateMapper mapper;
	private final CodeMembership membership;
	private final Clock clock;
	private final DefinitionsGate libraries;

	public CheckEligibilityProvider(DaoRegistry daos, IHapiTransactionService transactions, StoredResources stored,
			CandidateMapper mapper, CodeMembership membership, Clock clock,
			@Qualifier("eligibilityLibraryGate") DefinitionsGate libraries) {
		this.libraries = libraries;
		this.daos = daos;
		this.transactions = transactions;
		this.stored = stored;
		this.mapper = mapper;
		this.membership = membership;
		this.clock = clock;
	}

	@TrialOperation(reads = "Patient", onePatient = true)
	@Operation(name = "$check-eligibility", type = Patient.class, idempotent = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/check-eligibility")
	@Description(shortDefinition = "Screen a candidate against a study's inclusion and exclusion criteria",
			value = "eligible, not-eligible or needs-review, with each criterion's result (met, not-met, unknown), the "
					+ "values used and the evidence; a criterion the data cannot decide is unknown, never met.")
	public Parameters checkEligibility(
			@IdParam IdType patientId,
			@Description(shortDefinition = "The study, as ResearchStudy/[id]")
			@OperationParam(name = "study", typeName = "string", min = 1, max = 1) StringType study,
			@Description(shortDefinition = "The screening date; default today")
			@OperationParam(name = "screeningDate", typeName = "date", min = 0, max = 1) DateType screeningDate,
			RequestDetails request) {
		IdType studyId = studyId(study);
		LocalDate screening = OperationParameters.lastDayOrToday(screeningDate, clock);
		ResearchStudy researchStudy = readStudy(studyId, request);
		libraries.awaitStored();
		EligibilityCriteria criteria = EligibilityLibraries.criteriaOf(daos, researchStudy, request);
		Patient patient = daos.getResourceDao(Patient.class).read(patientId.toUnqualifiedVersionless(), request);
		List<IBaseResource> records = transactions.withRequest(request).readOnly().execute(() ->
				stored.referringTo(stored.pidsOf("Patient", List.of(patient.getIdPart())), RECORD_PATHS));
		Candidate candidate = mapper.candidate(patient, records, criteria.url());
		Screening screeningResult = EligibilityScreen.screen(criteria, candidate, screening, membership);
		return toParameters(screeningResult, researchStudy);
	}

	private static IdType studyId(StringType study) {
		String value = study == null ? null : study.getValue();
		if (value == null || value.isBlank()) {
			throw new InvalidRequestException("Parameter study is required (ResearchStudy/[id])");
		}
		IdType id = new IdType(value.trim());
		if (!id.hasIdPart() || (id.hasResourceType() && !"ResearchStudy".equals(id.getResourceType()))
				|| !id.getIdPart().matches("[A-Za-z0-9\\-.]{1,64}")) {
			throw new InvalidRequestException("Parameter study must be a ResearchStudy reference (ResearchStudy/[id]), "
					+ "not '" + value + "'");
		}
		return new IdType("ResearchStudy", id.getIdPart());
	}

	private ResearchStudy readStudy(IdType studyId, RequestDetails request) {
		try {
			return daos.getResourceDao(ResearchStudy.class).read(studyId, request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw new InvalidRequestException("Parameter study: " + studyId.getValue() + " does not exist");
		}
	}

	/** The decision, the study and criteria used, and each criterion's result with its values and evidence. */
	static Parameters toParameters(Screening screening, ResearchStudy study) {
		Output out = new Output();
		out.add("eligible").value(Output.code(screening.decision().code()));
		out.add("study").value(Output.ref(study.getIdElement().toUnqualifiedVersionless().getValue()));
		out.add("criteria").value(new CanonicalType(screening.criteriaUrl()
				+ (screening.criteriaVersion() == null ? "" : "|" + screening.criteriaVersion())));
		out.add("screeningDate").value(screening.screeningDate());
		for (Screening.CriterionResult result : screening.criteria()) {
			out.add("criterion").part("id", result.id())
					.part("kind", Output.code(result.kind().name().toLowerCase(java.util.Locale.ROOT)))
					.part("text", result.text()).part("result", Output.code(result.result().code()))
					.parts("value", result.values()).parts("evidence", result.evidence().stream().map(Output::ref).toList())
					.part("reason", result.reason());
		}
		return out.toParameters();
	}
}
