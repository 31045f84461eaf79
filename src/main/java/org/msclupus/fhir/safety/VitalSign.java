package org.msclupus.fhir.safety;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The vital signs the safety summary reads, as EHRs send them under the FHIR vital-signs profiles: by LOINC code,
 * alone or as a component of the blood-pressure panel (85354-9) or the vital-signs panel (55284-4), each with the
 * UCUM unit its values are converted to.
 */
public enum VitalSign {
	SYSTOLIC_BP("systolic-bp", "systolic blood pressure", "mm[Hg]", "8480-6"),
	DIASTOLIC_BP("diastolic-bp", "diastolic blood pressure", "mm[Hg]", "8462-4"),
	HEART_RATE("heart-rate", "heart rate", "/min", "8867-4"),
	BODY_TEMPERATURE("body-temperature", "body temperature", "Cel", "8310-5"),
	RESPIRATORY_RATE("respiratory-rate", "respiratory rate", "/min", "9279-1"),
	BODY_WEIGHT("body-weight", "body weight", "kg", "29463-7");

	/** Panels whose components carry vital signs. */
	public static final List<String> PANELS = List.of("85354-9", "55284-4");

	private final String code;
	private final String label;
	private final String unit;
	private final String loinc;

	VitalSign(String code, String label, String unit, String loinc) {
		this.code = code;
		this.label = label;
		this.unit = unit;
		this.loinc = loinc;
	}

	public String code() {
		return code;
	}

	public String label() {
		return label;
	}

	/** The UCUM unit values are compared in. */
	public String unit() {
		return unit;
	}

	public String loinc() {
		return loinc;
	}

	public static Optional<VitalSign> byLoinc(String code) {
		return Arrays.stream(values()).filter(v -> v.loinc.equals(code)).findFirst();
	}

	public static Optional<VitalSign> byCode(String code) {
		return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
	}
}
