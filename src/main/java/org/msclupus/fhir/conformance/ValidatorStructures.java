package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

import java.util.List;

/**
 * The validation support the core validator is given: the server's chain, except that its list of all
 * StructureDefinitions holds only the base definitions and the profiles not published with FHIR itself.
 *
 * <p>HAPI's worker context converts every StructureDefinition in that list to R5 on the first validation and keeps
 * the copies for the life of the server. Its FHIRPath engine and type lookups need the base definitions (resources,
 * data types, primitives, logical models) and the validator the profiles it validates against; FHIR's own profiles
 * and extension definitions (some 440 of the 690 R4 StructureDefinitions) are fetched by URL when a resource names
 * one, as before, and converted then. Every other call goes to the chain unchanged. {@code ReusingInstanceValidatorTest}
 * holds the validator using it to exactly the messages of HAPI's validator on the whole chain.
 */
final class ValidatorStructures extends BaseValidationSupportWrapper {

	/** Where FHIR's own StructureDefinitions live (R4 core: profiles and extension definitions alike). */
	static final String CORE_BASE = "http://hl7.org/fhir/StructureDefinition/";

	private final IValidationSupport chain;

	ValidatorStructures(IValidationSupport chain) {
		super(chain.getFhirContext(), chain);
		this.chain = chain;
	}

	@Override
	public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
		List<T> all = super.fetchAllStructureDefinitions();
		return all == null ? null : all.stream().filter(ValidatorStructures::enumerated).toList();
	}

	/** A base definition, or a profile from outside the core specification (the trial's, an IG's). */
	static boolean enumerated(IBaseResource resource) {
		if (!(resource instanceof StructureDefinition definition)) {
			return true;
		}
		return definition.getDerivation() != TypeDerivationRule.CONSTRAINT
				|| definition.getUrl() == null
				|| !definition.getUrl().startsWith(CORE_BASE);
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
