package org.msclupus.fhir.conformance;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides which trial profiles a resource must conform to. EHRs rarely declare {@code meta.profile}, so besides the
 * profiles a resource declares, an Observation or MedicationStatement is matched by its code to the profile whose
 * code element fixes or requires that code (read from the profiles themselves, so a new profile needs no code
 * here), a MedicationAdministration of the UC-MSC product is an MSC infusion, and every ResearchStudy,
 * ResearchSubject and AdverseEvent on this server is a trial one.
 */
public final class TrialProfiles {

	static final String MSC_PRODUCT_VALUE_SET = ConformanceResources.CANONICAL_BASE + "/ValueSet/msc-product";

	private static final Map<String, String> PROFILE_FOR_EVERY_RESOURCE_OF_TYPE = Map.of(
			"ResearchStudy", "msc-research-study",
			"ResearchSubject", "msc-research-subject",
			"AdverseEvent", "trial-adverse-event");

	private final Map<String, String> observationProfileByCode;
	private final Map<String, String> medicationStatementProfileByCode;
	private final Set<String> mscProductCodes;

	TrialProfiles(ConformanceResources conformance) {
		this.observationProfileByCode = profilesByCode(conformance, "Observation", "Observation.code");
		this.medicationStatementProfileByCode =
				profilesByCode(conformance, "MedicationStatement", "MedicationStatement.medication[x]");
		this.mscProductCodes = conformance.valueSet(MSC_PRODUCT_VALUE_SET)
				.map(TrialProfiles::enumeratedCodes)
				.orElseThrow(() -> new IllegalStateException("Missing value set " + MSC_PRODUCT_VALUE_SET));
	}

	/** Canonical URLs of the trial profiles that apply to the resource; empty for ordinary EHR traffic. */
	public Set<String> profilesFor(Resource resource) {
		Set<String> profiles = new LinkedHashSet<>();
		resource.getMeta().getProfile().stream()
				.filter(ConformanceResources::isOurProfile)
				.map(CanonicalType::getValue)
				.forEach(profiles::add);
		String always = PROFILE_FOR_EVERY_RESOURCE_OF_TYPE.get(resource.fhirType());
		if (always != null) {
			profiles.add(ConformanceResources.STRUCTURE_DEFINITION_BASE + always);
		}
		if (resource instanceof Observation observation) {
			matchingProfile(observation.getCode(), observationProfileByCode).ifPresent(profiles::add);
		} else if (resource instanceof MedicationStatement statement && statement.hasMedicationCodeableConcept()) {
			matchingProfile(statement.getMedicationCodeableConcept(), medicationStatementProfileByCode)
					.ifPresent(profiles::add);
		} else if (resource instanceof MedicationAdministration administration && isMscProduct(administration)) {
			profiles.add(ConformanceResources.STRUCTURE_DEFINITION_BASE + "msc-infusion");
		}
		return profiles;
	}

	private boolean isMscProduct(MedicationAdministration administration) {
		if (administration.hasMedicationCodeableConcept()) {
			return containsAny(administration.getMedicationCodeableConcept(), mscProductCodes);
		}
		if (administration.hasMedicationReference()) {
			Reference reference = administration.getMedicationReference();
			String ref = reference.getReference();
			return ref != null && ref.startsWith("#") && administration.getContained().stream()
					.filter(Medication.class::isInstance)
					.map(Medication.class::cast)
					.filter(m -> ref.substring(1).equals(m.getIdElement().getIdPart()))
					.anyMatch(m -> containsAny(m.getCode(), mscProductCodes));
		}
		return false;
	}

	private static Optional<String> matchingProfile(CodeableConcept code, Map<String, String> profileByCode) {
		return code.getCoding().stream()
				.map(c -> profileByCode.get(key(c)))
				.filter(p -> p != null)
				.findFirst();
	}

	private static boolean containsAny(CodeableConcept concept, Set<String> codes) {
		return concept.getCoding().stream().anyMatch(c -> codes.contains(key(c)));
	}

	static String key(Coding coding) {
		return coding.getSystem() + "|" + coding.getCode();
	}

	/**
	 * For each concrete profile of the type: the codes its code element fixes (pattern) or requires (a required
	 * binding to one of our enumerated value sets).
	 */
	private static Map<String, String> profilesByCode(ConformanceResources conformance, String type, String codePath) {
		Map<String, String> byCode = new HashMap<>();
		for (StructureDefinition profile : conformance.structureDefinitions()) {
			if (!type.equals(profile.getType()) || profile.getAbstract()
					|| profile.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE) {
				continue;
			}
			for (ElementDefinition element : profile.getSnapshot().getElement()) {
				if (!element.getPath().equals(codePath) && !element.getPath().startsWith(codePath.replace("[x]", ""))) {
					continue;
				}
				codesOf(conformance, element).forEach(code -> {
					String previous = byCode.putIfAbsent(code, profile.getUrl());
					if (previous != null && !previous.equals(profile.getUrl())) {
						throw new IllegalStateException(
								"Code " + code + " selects two profiles: " + previous + " and " + profile.getUrl());
					}
				});
			}
		}
		return Map.copyOf(byCode);
	}

	private static Stream<String> codesOf(ConformanceResources conformance, ElementDefinition element) {
		if (element.getPattern() instanceof CodeableConcept pattern) {
			return pattern.getCoding().stream().map(TrialProfiles::key);
		}
		if (element.hasBinding() && element.getBinding().getStrength() == BindingStrength.REQUIRED
				&& element.getBinding().hasValueSet()) {
			return conformance.valueSet(element.getBinding().getValueSet())
					.map(vs -> enumeratedCodes(vs).stream())
					.orElseGet(Stream::empty);
		}
		return Stream.empty();
	}

	private static Set<String> enumeratedCodes(ValueSet valueSet) {
		Set<String> codes = new LinkedHashSet<>();
		for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
			include.getConcept().forEach(concept -> codes.add(include.getSystem() + "|" + concept.getCode()));
		}
		return codes;
	}
}
