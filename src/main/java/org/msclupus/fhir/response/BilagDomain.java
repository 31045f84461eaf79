package org.msclupus.fhir.response;

/** The nine organ domains of BILAG-2004, with the trial's component codes. */
public enum BilagDomain {
	CONSTITUTIONAL("bilag-constitutional"),
	MUCOCUTANEOUS("bilag-mucocutaneous"),
	NEUROPSYCHIATRIC("bilag-neuropsychiatric"),
	MUSCULOSKELETAL("bilag-musculoskeletal"),
	CARDIORESPIRATORY("bilag-cardiorespiratory"),
	GASTROINTESTINAL("bilag-gastrointestinal"),
	OPHTHALMIC("bilag-ophthalmic"),
	RENAL("bilag-renal"),
	HEMATOLOGICAL("bilag-hematological");

	private final String code;

	BilagDomain(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** The domain name as a clinician says it ("renal"). */
	public String label() {
		return code.substring("bilag-".length());
	}

	public static java.util.Optional<BilagDomain> byCode(String code) {
		return java.util.Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
	}
}
