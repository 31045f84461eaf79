package org.msclupus.fhir.safety;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The safety laboratory tests of the long-term follow-up of UC-MSC transplantation (Wang D et al., Clin Exp Med
 * 2017;17:333): liver tests, blood counts and tumour markers, each recognised by its LOINC codes. The codes of a test
 * CTCAE also grades are its grading's codes too ({@link LabToxicity}), so that both read the same records.
 */
public enum SafetyLab {
	ALT("alt", "ALT", "1742-6", "1743-4", "1744-2", "76625-3"),
	AST("ast", "AST", "1920-8", "30239-8"),
	BILIRUBIN_TOTAL("bilirubin-total", "total bilirubin", "1975-2", "42719-5", "14631-6"),
	BILIRUBIN_DIRECT("bilirubin-direct", "direct bilirubin", "1968-7", "15152-2"),
	LEUKOCYTES("leukocytes", "leukocytes", "6690-2", "26464-8", "804-5"),
	PLATELETS("platelets", "platelets", "777-3", "26515-7"),
	HEMOGLOBIN("hemoglobin", "hemoglobin", "718-7", "30313-1", "59260-0"),
	AFP("afp", "AFP", "1834-1", "19176-5"),
	CEA("cea", "CEA", "2039-6"),
	CA_125("ca-125", "CA-125", "10334-1", "2006-1"),
	CA_19_9("ca-19-9", "CA 19-9", "24108-3", "2007-9");

	public static final String LOINC = "http://loinc.org";

	private final String code;
	private final String label;
	private final List<String> loincCodes;

	SafetyLab(String code, String label, String... loincCodes) {
		this.code = code;
		this.label = label;
		this.loincCodes = List.of(loincCodes);
	}

	public String code() {
		return code;
	}

	public String label() {
		return label;
	}

	public List<String> loincCodes() {
		return loincCodes;
	}

	public static Optional<SafetyLab> byLoinc(String loincCode) {
		// A coding may have a display and no code; the immutable lists refuse to be asked about null.
		return loincCode == null ? Optional.empty()
				: Arrays.stream(values()).filter(l -> l.loincCodes.contains(loincCode)).findFirst();
	}

	public static Optional<SafetyLab> byCode(String code) {
		return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
	}
}
