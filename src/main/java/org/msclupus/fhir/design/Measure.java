package org.msclupus.fhir.design;

import java.util.Arrays;
import java.util.Optional;

/**
 * The measures the response criteria read, keyed by the codes of the trial specification, each with the canonical
 * unit every value is converted to before any comparison.
 */
public enum Measure {
	SLEDAI_2K("sledai-2k", "{score}", "SLEDAI-2K"),
	BILAG_2004("bilag-2004", "{score}", "BILAG-2004 total"),
	PGA("pga", "{score}", "physician global assessment"),
	URINE_PROTEIN_24H("urine-protein-24h", "g/(24.h)", "24-hour urine protein"),
	URINE_PROTEIN_CREATININE_RATIO("urine-protein-creatinine-ratio", "g/g", "UPCR"),
	SERUM_CREATININE("serum-creatinine", "mg/dL", "creatinine"),
	UREA_NITROGEN("urea-nitrogen", "mg/dL", "urea nitrogen"),
	ALBUMIN("albumin", "g/L", "albumin"),
	COMPLEMENT_C3("complement-c3", "g/L", "C3"),
	COMPLEMENT_C4("complement-c4", "g/L", "C4"),
	ANTI_DSDNA("anti-dsdna", "[IU]/mL", "anti-dsDNA"),
	GLUCOCORTICOID_DOSE("glucocorticoid-dose", "mg/d", "prednisone-equivalent dose");

	private final String code;
	private final String canonicalUnit;
	private final String label;

	Measure(String code, String canonicalUnit, String label) {
		this.code = code;
		this.canonicalUnit = canonicalUnit;
		this.label = label;
	}

	public String code() {
		return code;
	}

	public String canonicalUnit() {
		return canonicalUnit;
	}

	/** How a clinician reads the measure in an explanation. */
	public String label() {
		return label;
	}

	public static Optional<Measure> byCode(String code) {
		return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
	}
}
