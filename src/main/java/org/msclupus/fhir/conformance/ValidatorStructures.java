package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The validation support the core validator is given: the server's chain, except that its list of all
 * StructureDefinitions holds only the base definitions and the profiles not published with FHIR itself.
 *
 * <p>HAPI's worker context converts every StructureDefinition in that list to R5 on the first validation and keeps
 * the copies for the life of the server. Its FHIRPath engine and type lookups need the base definitions (resources,
 * data types, primitives, logical models) and the validator the profiles it validates against; FHIR's own profiles
 * and extension definitions (some 440 of the 690 R4 StructureDefinitions) are fetched by URL when a resource names
 * one, as before, and converted then (ADR 0022). Every other call goes to the chain unchanged.
 *
 * <p>The list is not the chain's list filtered: HAPI's chain keeps whatever its list held for as long as it lives, so
 * FHIR's own come from {@link CoreDefinitions#fetchStructureDefinitions} (the base definitions, parsed once and shared
 * with FHIRPath's R4 engine; no profile or extension of FHIR's is parsed for the list) and the others from the
 * chain's list of non-base definitions (ADR 0026).
 * FHIR's own definitions go to the validator with R5 copies whose element lists are converted when first read, and
 * the list holds them without their elements, so that HAPI's converter leaves the shared ones as parsed
 * ({@link DeferredElementLists}, ADR 0032).
 * {@code ReusingInstanceValidatorTest} holds the validator using it to exactly the messages of HAPI's validator on
 * HAPI's whole chain.
 */
final class ValidatorStructures extends BaseValidationSupportWrapper {

	/** Where FHIR's own StructureDefinitions live (R4 core: profiles and extension definitions alike). */
	static final String CORE_BASE = "http://hl7.org/fhir/StructureDefinition/";

	private final IValidationSupport chain;
	private final CoreDefinitions core;
	private final DeferredElementLists deferred;

	ValidatorStructures(IValidationSupport chain, CoreDefinitions core) {
		super(chain.getFhirContext(), chain);
		this.chain = chain;
		this.core = core;
		this.deferred = new DeferredElementLists(new VersionCanonicalizer(chain.getFhirContext()));
	}

	@Override
	public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
		return deferringElements(super.fetchResource(type, url));
	}

	@Override
	public IBaseResource fetchStructureDefinition(String url) {
		return deferringElements(super.fetchStructureDefinition(url));
	}

	/** FHIR's own definitions reach the validator with their element lists converted when first read (ADR 0032). */
	private <T> T deferringElements(T resource) {
		if (resource instanceof StructureDefinition definition && definition.getUrl() != null
				&& definition.getUrl().startsWith(CORE_BASE)) {
			deferred.prepare(definition);
		}
		return resource;
	}

	/** The chain's non-base definitions first (the trial's support leads the chain), then FHIR's base ones; one per URL. */
	@Override
	@SuppressWarnings("unchecked")
	public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
		List<IBaseResource> candidates = new ArrayList<>();
		List<IBaseResource> nonBase = chain.fetchAllNonBaseStructureDefinitions();
		if (nonBase != null) {
			candidates.addAll(nonBase);
		}
		candidates.addAll(core.fetchStructureDefinitions(entry -> enumerated(entry.base(), entry.url())));
		Set<String> urls = new HashSet<>();
		List<T> enumerated = new ArrayList<>();
		for (IBaseResource candidate : candidates) {
			if (enumerated(candidate) && urls.add(urlOf(candidate))) {
				enumerated.add((T) deferred.listed(deferringElements(candidate)));
			}
		}
		return enumerated;
	}

	private static String urlOf(IBaseResource resource) {
		if (resource instanceof StructureDefinition definition && definition.hasUrl()) {
			return definition.hasVersion() && !definition.getUrl().startsWith(CORE_BASE)
					? definition.getUrl() + "|" + definition.getVersion()
					: definition.getUrl();
		}
		return resource.getIdElement().getValue();
	}

	/** A base definition, or a profile from outside the core specification (the trial's, an IG's). */
	static boolean enumerated(IBaseResource resource) {
		return !(resource instanceof StructureDefinition definition)
				|| enumerated(definition.getDerivation() != TypeDerivationRule.CONSTRAINT, definition.getUrl());
	}

	static boolean enumerated(boolean base, String url) {
		return base || url == null || !url.startsWith(CORE_BASE);
	}

	@Override
	public void invalidateCaches() {
		chain.invalidateCaches();
	}

	@Override
	public boolean isRemoteTerminologyServiceConfigured() {
		return chain.isRemoteTerminologyServiceConfigured();
	}

	@Override
	public boolean isCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid() {
		return chain.isCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid();
	}

	@Override
	public String getName() {
		return chain.getName() + " (base structures enumerated)";
	}
}
