package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import org.apache.commons.io.input.ReaderInputStream;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.exceptions.FHIRFormatError;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.elementmodel.ParserBase.ValidationPolicy;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HAPI's {@link FhirInstanceValidator} with one difference: the core {@link InstanceValidator} is kept and reused
 * between resources instead of being built for each one.
 *
 * <p>HAPI FHIR 8.8.0 builds a new core validator per resource, and its constructor re-reads a 1.5 MB OID registry and
 * builds a FHIRPath engine and profile utilities; that was about half the cost of validating a trial Observation.
 * {@code InstanceValidator.validate} resets its per-resource state before it starts, so one instance can validate
 * many resources, one at a time. A few of its collections only grow (codings seen, narrative id maps, deprecation
 * warnings already given), so an instance is retired after a fixed number of uses, which bounds both the memory it
 * keeps and the warnings it could leave out. Idle instances wait in a small bounded pool; a burst of concurrent
 * writes builds extra ones and drops them afterwards.
 *
 * <p>JSON goes through the pooled path (that is what the storage layer hands over); XML input falls back to HAPI's
 * own path. Configure the module (the setters inherited from HAPI) before its first use: pooled instances keep the
 * settings they were built with. An instance also remembers the profiles it has looked up, so a profile changed at
 * run time reaches it only after {@link #invalidateCaches()} or its retirement.
 *
 * <p>The validator sees the chain through {@link ValidatorStructures}, so that only the definitions it enumerates are
 * converted up front, and through a {@link NamedTypesWorkerContext}, which names R5 classes without scanning them.
 */
public class ReusingInstanceValidator extends FhirInstanceValidator {

	private final BlockingQueue<Pooled> idle;
	private final int usesPerInstance;
	/** Bumped when caches are invalidated, so that instances built against the old context are not reused. */
	private final AtomicLong generation = new AtomicLong();

	/** A core validator and the element-model parser that feeds it; both cost more to build than to use. */
	private record Pooled(InstanceValidator validator, JsonParser parser, long generation, int uses) {}

	/**
	 * @param validationSupport the chain, whose R4 definitions come from {@code core}
	 * @param core              FHIR's own definitions, for the base definitions the validator enumerates
	 */
	public ReusingInstanceValidator(IValidationSupport validationSupport, CoreDefinitions core, int poolSize,
			int usesPerInstance) {
		super(new ValidatorStructures(validationSupport, core));
		setWrappedWorkerContext(getValidationSupport(), new NamedTypesWorkerContext(getValidationSupport()));
		if (poolSize < 1 || usesPerInstance < 1) {
			throw new IllegalArgumentException("poolSize and usesPerInstance must be positive");
		}
		this.idle = new ArrayBlockingQueue<>(poolSize);
		this.usesPerInstance = usesPerInstance;
	}

	@Override
	protected List<ValidationMessage> validate(IValidationContext<?> validationContext) {
		if (validationContext.getResourceAsStringEncoding() != EncodingEnum.JSON) {
			return super.validate(validationContext);
		}
		WorkerContextValidationSupportAdapter workerContext = provideWorkerContext();
		Pooled pooled = borrow(workerContext);
		List<ValidationMessage> messages = validateJson(pooled, workerContext, validationContext);
		// Only an instance that finished cleanly goes back; one that threw is dropped.
		giveBack(pooled);
		return messages;
	}

	/**
	 * Builds the worker context now. HAPI builds it lazily on first use without a lock; built once before the
	 * validator is shared, concurrent first validations (a warm-up beside the first writes) share it.
	 */
	void prepareWorkerContext() {
		provideWorkerContext();
	}

	@Override
	public void invalidateCaches() {
		generation.incrementAndGet();
		idle.clear();
		super.invalidateCaches();
	}

	/** How many instances wait idle; for tests and diagnostics. */
	int idleInstances() {
		return idle.size();
	}

	private Pooled borrow(WorkerContextValidationSupportAdapter workerContext) {
		long current = generation.get();
		Pooled pooled;
		while ((pooled = idle.poll()) != null) {
			if (pooled.generation() == current) {
				return pooled;
			}
		}
		JsonParser parser = new TypeCachingJsonParser(workerContext);
		parser.setupValidation(ValidationPolicy.EVERYTHING);
		return new Pooled(newInstanceValidator(workerContext), parser, current, 0);
	}

	private void giveBack(Pooled pooled) {
		int uses = pooled.uses() + 1;
		if (uses < usesPerInstance && pooled.generation() == generation.get()) {
			idle.offer(new Pooled(pooled.validator(), pooled.parser(), pooled.generation(), uses));
		}
	}

	/** Configured as HAPI's ValidatorWrapper configures its per-resource instance. */
	private InstanceValidator newInstanceValidator(WorkerContextValidationSupportAdapter workerContext) {
		InstanceValidator validator = new InstanceValidator(
				workerContext,
				Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new),
				new XVerExtensionManagerOld(workerContext),
				new ValidatorSession(),
				new ValidatorSettings());
		validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
		validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
		validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setNoTerminologyChecks(isNoTerminologyChecks());
		validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
		// HAPI keeps this fixed because of how it interacts with UnknownCodeSystemWarningValidationSupport.
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.getExtensionDomains().addAll(getExtensionDomains());
		validator.setFetcher(getValidatorResourceFetcher());
		validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
		validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
		validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
		validator.setAllowExamples(isAllowExamples());
		validator.setAllowXsiLocation(true);
		return validator;
	}

	private List<ValidationMessage> validateJson(
			Pooled pooled,
			WorkerContextValidationSupportAdapter workerContext,
			IValidationContext<?> validationContext) {
		List<ValidationMessage> messages = new ArrayList<>();
		List<ValidationMessage> unknownProfileMessages = new ArrayList<>();
		List<StructureDefinition> profiles = new ArrayList<>();
		for (String url : requestedProfiles(validationContext)) {
			StructureDefinition profile = workerContext.fetchResource(StructureDefinition.class, url);
			if (profile != null) {
				profiles.add(profile);
			} else {
				ValidationMessage unknown = new ValidationMessage();
				unknown.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
				unknown.setLevel(isErrorForUnknownProfiles()
						? ValidationMessage.IssueSeverity.ERROR
						: ValidationMessage.IssueSeverity.WARNING);
				unknown.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
				unknownProfileMessages.add(unknown);
			}
		}
		parseAndValidate(pooled, validationContext, profiles, messages);
		if (profiles.isEmpty()) {
			messages.addAll(unknownProfileMessages);
		}
		// Same post-processing as HAPI's ValidatorWrapper.
		messages.removeIf(m -> I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(m.getMessageId())
				|| (I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND.equals(m.getMessageId())
						&& m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
		messages.stream()
				.filter(m -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
						|| I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId()))
				.forEach(m -> m.setLevel(isErrorForUnknownProfiles()
						? ValidationMessage.IssueSeverity.ERROR
						: ValidationMessage.IssueSeverity.WARNING));
		return messages;
	}

	/**
	 * What {@code InstanceValidator.validate(.., InputStream, ..)} does for JSON, with the pooled parser instead of a
	 * new one (each new parser builds its own FHIRPath engine and profile utilities).
	 */
	private static void parseAndValidate(Pooled pooled, IValidationContext<?> validationContext,
			List<StructureDefinition> profiles, List<ValidationMessage> messages) {
		Object appContext = validationContext.getOptions().getAppContext();
		List<ValidatedFragment> fragments;
		try (InputStream json = utf8Stream(validationContext.getResourceAsString())) {
			if (profiles.stream().anyMatch(p -> p.getKind() == StructureDefinition.StructureDefinitionKind.LOGICAL)) {
				// Logical models need the parser set up for them: leave that to the core's own entry point.
				pooled.validator().validate(appContext, messages, json, Manager.FhirFormat.JSON, profiles);
				return;
			}
			fragments = pooled.parser().parse(json);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		for (ValidatedFragment fragment : fragments) {
			if (fragment.getElement() != null) {
				pooled.validator().validate(appContext, fragment.getErrors(),
						fragments.size() > 1 ? fragment.path() : null, fragment.getElement(), profiles);
			}
			messages.addAll(fragment.getErrors());
		}
	}

	/** The profiles asked for in the options, then those the resource declares, each once. */
	private static Set<String> requestedProfiles(IValidationContext<?> validationContext) {
		Set<String> urls = new LinkedHashSet<>(validationContext.getOptions().getProfiles());
		if (validationContext.getResource() instanceof IBaseResource resource) {
			resource.getMeta().getProfile().stream()
					.map(IPrimitiveType::getValueAsString)
					.filter(Objects::nonNull)
					.forEach(urls::add);
		}
		return urls;
	}

	private static InputStream utf8Stream(String text) throws IOException {
		return ReaderInputStream.builder()
				.setReader(new StringReader(text))
				.setCharset(StandardCharsets.UTF_8)
				.get();
	}

	/**
	 * The core parser finds the definition of each resource it meets by scanning every StructureDefinition in the
	 * context (several hundred) and building a URL string for each; once per type is enough for a pooled parser.
	 */
	private static final class TypeCachingJsonParser extends JsonParser {

		private final Map<String, StructureDefinition> definitionByTypeName = new HashMap<>();

		TypeCachingJsonParser(IWorkerContext context) {
			super(context);
		}

		@Override
		protected StructureDefinition getDefinition(List<ValidationMessage> errors, int line, int col, String name)
				throws FHIRFormatError {
			StructureDefinition known = name == null ? null : definitionByTypeName.get(name);
			if (known != null) {
				return known;
			}
			StructureDefinition found = super.getDefinition(errors, line, col, name);
			if (found != null) {
				definitionByTypeName.put(name, found);
			}
			return found;
		}
	}
}
