package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.eligibility.Candidate;
import org.msclupus.fhir.eligibility.CodeMembership;
import org.msclupus.fhir.eligibility.EligibilityCriteria;
import org.msclupus.fhir.eligibility.EligibilityScreen;
import org.msclupus.fhir.eligibility.Screening;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.store.StoredResources;
import org.msclupus.fhir.design.TrialCodes;

/**
 * {@code Patient/[id]/$check-eligibility?study=ResearchStudy/[id]}: reads the study's criteria (the Library its
 * eligibility-criteria extension names) and the candidate's records, and translates {@link EligibilityScreen}'s
 * answer into Parameters.
 */
public class CheckEligibilityProvider {

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

	public CheckEligibilityProvider(DaoRegistry daos, IHapiTransactionService transactions, StoredResources stored,
			CandidateMapper mapper, CodeMembership membership, Clock clock) {
		this.daos = daos;
		this.transactions = transactions;
		this.stored = stored;
		this.mapper = mapper;
		this.membership = membership;
		this.clock = clock;
	}

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
		EligibilityCriteria criteria = criteriaOf(researchStudy, request);
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

	/** The criteria the study's extension names: the Library with that URL (and version, when given). */
	private EligibilityCriteria criteriaOf(ResearchStudy study, RequestDetails request) {
		Extension link = study.getExtensionByUrl(CRITERIA_EXTENSION);
		if (link == null || !(link.getValue() instanceof CanonicalType canonical) || canonical.getValue() == null) {
			throw new InvalidRequestException(study.getIdElement().toUnqualifiedVersionless().getValue()
					+ " names no eligibility criteria (extension " + CRITERIA_EXTENSION + ")");
		}
		String[] urlAndVersion = canonical.getValue().split("\\|", 2);
		SearchParameterMap search = SearchParameterMap.newSynchronous("url", new UriParam(urlAndVersion[0]));
		if (urlAndVersion.length > 1) {
			search.add("version", new TokenParam(urlAndVersion[1]));
		}
		List<Library> libraries = daos.getResourceDao(Library.class).search(search, request).getAllResources().stream()
				.map(Library.class::cast).toList();
		Library library = libraries.stream().max(Comparator.comparing(l -> l.getMeta().getLastUpdated()))
				.orElseThrow(() -> new UnprocessableEntityException("No Library holds the eligibility criteria "
						+ canonical.getValue() + " that " + study.getIdElement().toUnqualifiedVersionless().getValue()
						+ " names"));
		Attachment json = library.getContent().stream()
				.filter(a -> a.hasData() && a.getContentType() != null && a.getContentType().startsWith("application/json"))
				.findFirst().orElseThrow(() -> new UnprocessableEntityException("Library " + library.getUrl()
						+ " has no application/json attachment with eligibility criteria"));
		try {
			return EligibilityCriteria.parse(new String(json.getData(), StandardCharsets.UTF_8));
		} catch (IllegalArgumentException e) {
			throw new UnprocessableEntityException("Library " + library.getUrl() + ": " + e.getMessage());
		}
	}

	static Parameters toParameters(Screening screening, ResearchStudy study) {
		Parameters out = new Parameters();
		out.addParameter().setName("eligible").setValue(new CodeType(screening.decision().code()));
		out.addParameter().setName("study").setValue(new Reference(study.getIdElement().toUnqualifiedVersionless()
				.getValue()));
		out.addParameter().setName("criteria").setValue(new CanonicalType(screening.criteriaUrl()
				+ (screening.criteriaVersion() == null ? "" : "|" + screening.criteriaVersion())));
		out.addParameter().setName("screeningDate").setValue(new DateType(screening.screeningDate().toString()));
		for (Screening.CriterionResult result : screening.criteria()) {
			ParametersParameterComponent p = out.addParameter().setName("criterion");
			p.addPart().setName("id").setValue(new StringType(result.id()));
			p.addPart().setName("kind").setValue(new CodeType(result.kind().name().toLowerCase(java.util.Locale.ROOT)));
			p.addPart().setName("text").setValue(new StringType(result.text()));
			p.addPart().setName("result").setValue(new CodeType(result.result().code()));
			result.values().forEach(v -> p.addPart().setName("value").setValue(new StringType(v)));
			result.evidence().forEach(e -> p.addPart().setName("evidence").setValue(new Reference(e)));
			if (result.reason() != null) {
				p.addPart().setName("reason").setValue(new StringType(result.reason()));
			}
		}
		return out;
	}
}
