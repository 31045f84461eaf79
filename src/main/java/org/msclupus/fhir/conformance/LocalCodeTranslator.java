package org.msclupus.fhir.conformance;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingest normalisation: hospitals often send only their local lab code. When one of the repository's ConceptMaps
 * maps that code (as equivalent or equal) to LOINC, the LOINC coding is added beside the original, which is kept,
 * so the Observation can be matched to its trial profile and searched by LOINC.
 */
public final class LocalCodeTranslator {

	static final String LOINC = "http://loinc.org";

	private final Map<String, Coding> loincByLocalCode = new HashMap<>();

	LocalCodeTranslator(List<ConceptMap> conceptMaps) {
		for (ConceptMap map : conceptMaps) {
			for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
				if (!LOINC.equals(group.getTarget())) {
					continue;
				}
				for (ConceptMap.SourceElementComponent element : group.getElement()) {
					element.getTarget().stream()
							.filter(t -> t.getEquivalence() == ConceptMapEquivalence.EQUIVALENT
									|| t.getEquivalence() == ConceptMapEquivalence.EQUAL)
							.findFirst()
							.ifPresent(t -> loincByLocalCode.put(group.getSource() + "|" + element.getCode(),
									new Coding(LOINC, t.getCode(), t.getDisplay())));
				}
			}
		}
	}

	/** Adds the mapped LOINC coding when the concept has none; returns whether it changed anything. */
	public boolean addLoincCoding(CodeableConcept concept) {
		if (concept.getCoding().stream().anyMatch(c -> LOINC.equals(c.getSystem()))) {
			return false;
		}
		for (Coding coding : List.copyOf(concept.getCoding())) {
			Coding loinc = loincByLocalCode.get(TrialProfiles.key(coding));
			if (loinc != null) {
				concept.addCoding(loinc.copy());
				return true;
			}
		}
		return false;
	}
}
