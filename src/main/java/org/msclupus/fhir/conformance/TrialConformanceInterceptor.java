package org.msclupus.fhir.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.ResourceUtil;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validation on write, at the storage layer so that it covers plain creates and updates, PATCH, and every entry of
 * a transaction (one failing entry rolls the whole transaction back). A resource that a trial profile applies to
 * (see {@link TrialProfiles}) is first normalised (local lab code to LOINC), then validated against that profile;
 * an error refuses it with 422 and an OperationOutcome whose issues give the element (FHIRPath) and the rule. A
 * resource that passes is stored declaring the profile in {@code meta.profile}, so {@code _profile} searches find
 * it. Everything else (ordinary EHR traffic) passes untouched. A resource of a shape the validator has already
 * accepted is not validated again ({@link AcceptedShapes}).
 */
@Interceptor
public class TrialConformanceInterceptor {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TrialConformanceInterceptor.class);

	private final TrialProfiles profiles;
	private final LocalCodeTranslator translator;
	private final FhirValidator validator;
	private final AcceptedShapes acceptedShapes;

	TrialConformanceInterceptor(TrialProfiles profiles, LocalCodeTranslator translator, FhirValidator validator,
			AcceptedShapes acceptedShapes) {
		this.profiles = profiles;
		this.translator = translator;
		this.validator = validator;
		this.acceptedShapes = acceptedShapes;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		forgetShapesIfDefinition(resource);
		conform((Resource) resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		forgetShapesIfDefinition(resource);
		conform((Resource) resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete(IBaseResource resource) {
		forgetShapesIfDefinition(resource);
	}

	/** A profile or terminology written here may change what the validator accepts. */
	private void forgetShapesIfDefinition(IBaseResource resource) {
		if (AcceptedShapes.isDefinition(resource)) {
			acceptedShapes.forget();
		}
	}

	void conform(Resource resource) {
		if (resource instanceof Observation observation) {
			translator.addLoincCoding(observation.getCode());
		}
		Set<String> applicable = profiles.profilesFor(resource);
		if (applicable.isEmpty()) {
			return;
		}
		if (resource instanceof Observation observation) {
			UcumAliasNormalizer.normalise(observation);
		}
		// HAPI validates (and may keep) the request body as received when it still holds it; from here on the
		// resource object, normalised and soon declaring its profile, is what counts.
		ResourceUtil.clearRawStringFromResource(resource);
		long definitions = acceptedShapes.generation();
		Optional<String> shape = acceptedShapes.shapeOf(resource, applicable);
		if (shape.isPresent() && acceptedShapes.isAccepted(shape.get())) {
			declare(resource, applicable);
			return;
		}
		ValidationOptions options = new ValidationOptions();
		applicable.forEach(options::addProfile);
		ValidationResult result;
		try {
			result = validator.validateWithResult(resource, options);
		} catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
			throw e;
		} catch (RuntimeException e) {
			// The validator itself fails on some malformed values (a UCUM code that is a huge number, say); the
			// resource cannot be shown to meet its profile, so it is refused, not stored and not a server error.
			log.warn("Validation of {} failed: {}", resource.fhirType(), e.toString());
			throw new UnprocessableEntityException(describe(resource, applicable) + " could not be validated: "
					+ e.getMessage());
		}
		List<SingleValidationMessage> errors = result.getMessages().stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.toList();
		if (!errors.isEmpty()) {
			String subject = describe(resource, applicable);
			throw new UnprocessableEntityException(subject + ": " + errors.stream()
							.map(TrialConformanceInterceptor::describe).collect(Collectors.joining("; ")),
					outcome(subject, errors));
		}
		shape.ifPresent(accepted -> acceptedShapes.accept(accepted, definitions));
		declare(resource, applicable);
	}

	private static void declare(Resource resource, Set<String> applicable) {
		applicable.forEach(profile -> {
			// Meta.hasProfile fails on a profile entry without a value (JSON "profile": [null]); compare by hand.
			if (resource.getMeta().getProfile().stream().noneMatch(p -> profile.equals(p.getValue()))) {
				resource.getMeta().addProfile(profile);
			}
		});
	}

	/** Which resource failed, in words that find it inside a transaction of many entries. */
	private static String describe(Resource resource, Set<String> applicable) {
		StringBuilder text = new StringBuilder(resource.fhirType());
		if (resource.getIdElement().hasIdPart()) {
			text.append('/').append(resource.getIdElement().getIdPart());
		}
		if (resource instanceof Observation observation) {
			text.append(" with code ").append(observation.getCode().getCoding().stream()
					.map(TrialProfiles::key).collect(Collectors.joining(", ")));
		}
		return text.append(" does not conform to ").append(String.join(", ", applicable)).toString();
	}

	private static String describe(SingleValidationMessage message) {
		return message.getLocationString() + ": " + message.getMessage();
	}

	private static OperationOutcome outcome(String subject, List<SingleValidationMessage> errors) {
		OperationOutcome outcome = new OperationOutcome();
		for (SingleValidationMessage error : errors) {
			OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
					.setSeverity(error.getSeverity() == ResultSeverityEnum.FATAL
							? OperationOutcome.IssueSeverity.FATAL
							: OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.PROCESSING)
					.setDiagnostics(subject + ": " + error.getMessage());
			if (error.getLocationString() != null) {
				issue.addExpression(error.getLocationString());
			}
			if (error.getMessageId() != null) {
				issue.getDetails().setText(error.getMessageId());
			}
		}
		return outcome;
	}
}
