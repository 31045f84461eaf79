package org.msclupus.fhir.conformance;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingest normalisation of unit codes that EHRs label as UCUM but that UCUM spells differently: international units
 * are {@code [IU]} in UCUM, and lab systems commonly send {@code IU/L} (one of the Synthea sample patients does, for
 * ALT and AST). Only the code is rewritten, and only for these exact spellings whose meaning is not in doubt; the
 * human-readable {@code unit} keeps what the sender wrote.
 */
final class UcumAliasNormalizer {

	static final String UCUM = "http://unitsofmeasure.org";

	private static final Map<String, String> UCUM_BY_ALIAS = Map.of(
			"IU", "[IU]",
			"IU/L", "[IU]/L",
			"IU/mL", "[IU]/mL",
			"mIU/L", "m[IU]/L",
			"mIU/mL", "m[IU]/mL");

	private UcumAliasNormalizer() {}

	static void normalise(Observation observation) {
		Stream.concat(
						Stream.of(observation.hasValueQuantity() ? observation.getValueQuantity() : null),
						Stream.concat(
								observation.getComponent().stream()
										.map(c -> c.hasValueQuantity() ? c.getValueQuantity() : null),
								observation.getReferenceRange().stream()
										.flatMap(r -> Stream.of(r.hasLow() ? r.getLow() : null, r.hasHigh() ? r.getHigh() : null))))
				.filter(q -> q != null)
				.forEach(UcumAliasNormalizer::normalise);
	}

	static void normalise(Quantity quantity) {
		if (UCUM.equals(quantity.getSystem()) && quantity.hasCode()) {
			String ucum = UCUM_BY_ALIAS.get(quantity.getCode());
			if (ucum != null) {
				quantity.setCode(ucum);
			}
		}
	}
}
