package org.msclupus.fhir.cdisc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.safety.SafetyLab;
import org.msclupus.fhir.safety.VitalSign;

/**
 * The CDISC Controlled Terminology values this export writes, each mapped from the FHIR code or the trial's own
 * measure. docs/cdisc-export.md lists every mapping; a value with no mapping is written as sent and says so there.
 */
public final class Terminology {

	private Terminology() {
	}

	/** A test: its --TESTCD (at most 8 characters) and --TEST (at most 40). */
	public record Test(String code, String name) {
	}

	// LBTESTCD/LBTEST (codelists C65047/C67154); the trial's measures and the long-term safety laboratory panel.
	private static final Map<Measure, Test> MEASURE_TESTS = Map.ofEntries(
			Map.entry(Measure.SERUM_CREATININE, new Test("CREAT", "Creatinine")),
			Map.entry(Measure.URINE_PROTEIN_24H, new Test("PROT", "Protein")),
			Map.entry(Measure.URINE_PROTEIN_CREATININE_RATIO, new Test("PROTCREA", "Protein/Creatinine")),
			Map.entry(Measure.UREA_NITROGEN, new Test("BUN", "Blood Urea Nitrogen")),
			Map.entry(Measure.ALBUMIN, new Test("ALB", "Albumin")),
			Map.entry(Measure.COMPLEMENT_C3, new Test("C3", "Complement C3")),
			Map.entry(Measure.COMPLEMENT_C4, new Test("C4", "Complement C4")),
			Map.entry(Measure.ANTI_DSDNA, new Test("DSDNAAB", "Double-Stranded DNA Antibody")));
	private static final Map<SafetyLab, Test> SAFETY_TESTS = Map.ofEntries(
			Map.entry(SafetyLab.ALT, new Test("ALT", "Alanine Aminotransferase")),
			Map.entry(SafetyLab.AST, new Test("AST", "Aspartate Aminotransferase")),
			Map.entry(SafetyLab.BILIRUBIN_TOTAL, new Test("BILI", "Bilirubin")),
			Map.entry(SafetyLab.BILIRUBIN_DIRECT, new Test("BILDIR", "Direct Bilirubin")),
			Map.entry(SafetyLab.LEUKOCYTES, new Test("WBC", "Leukocytes")),
			Map.entry(SafetyLab.PLATELETS, new Test("PLAT", "Platelets")),
			Map.entry(SafetyLab.HEMOGLOBIN, new Test("HGB", "Hemoglobin")),
			Map.entry(SafetyLab.AFP, new Test("AFP", "Alpha Fetoprotein")),
			Map.entry(SafetyLab.CEA, new Test("CEA", "Carcinoembryonic Antigen")),
			Map.entry(SafetyLab.CA_125, new Test("CA125", "Cancer Antigen 125")),
			Map.entry(SafetyLab.CA_19_9, new Test("CA199", "Cancer Antigen 19-9")));
	// VSTESTCD/VSTEST (codelists C66741/C67153).
	private static final Map<VitalSign, Test> VITAL_TESTS = Map.of(
			VitalSign.SYSTOLIC_BP, new Test("SYSBP", "Systolic Blood Pressure"),
			VitalSign.DIASTOLIC_BP, new Test("DIABP", "Diastolic Blood Pressure"),
			VitalSign.HEART_RATE, new Test("HR", "Heart Rate"),
			VitalSign.BODY_TEMPERATURE, new Test("TEMP", "Temperature"),
			VitalSign.RESPIRATORY_RATE, new Test("RESP", "Respiratory Rate"),
			VitalSign.BODY_WEIGHT, new Test("WEIGHT", "Weight"));
	// UNIT (codelist C71620) for the UCUM codes the trial's data use.
	private static final Map<String, String> UNITS = Map.ofEntries(
			Map.entry("mg/dL", "mg/dL"), Map.entry("umol/L", "umol/L"), Map.entry("g/L", "g/L"),
			Map.entry("mg/L", "mg/L"), Map.entry("g/dL", "g/dL"), Map.entry("g/g", "g/g"),
			Map.entry("mg/mg", "mg/mg"), Map.entry("mg/mmol", "mg/mmol"), Map.entry("g/(24.h)", "g/day"),
			Map.entry("g/d", "g/day"), Map.entry("mg/(24.h)", "mg/day"), Map.entry("[IU]/mL", "IU/mL"),
			Map.entry("U/L", "U/L"), Map.entry("10*9/L", "10^9/L"), Map.entry("10*3/uL", "10^3/uL"),
			Map.entry("ng/mL", "ng/mL"), Map.entry("[U]/mL", "U/mL"), Map.entry("mm[Hg]", "mmHg"),
			Map.entry("/min", "beats/min"), Map.entry("Cel", "C"), Map.entry("[degF]", "F"), Map.entry("kg", "kg"),
			Map.entry("cm", "cm"), Map.entry("mg", "mg"), Map.entry("mg/d", "mg/day"),
			Map.entry("10*6/kg", "10^6/kg"), Map.entry("{score}", ""));

	public static Optional<Test> lab(Measure measure) {
		return Optional.ofNullable(MEASURE_TESTS.get(measure));
	}

	public static Optional<Test> lab(SafetyLab lab) {
		return Optional.ofNullable(SAFETY_TESTS.get(lab));
	}

	public static Test vital(VitalSign sign) {
		return VITAL_TESTS.get(sign);
	}

	/**
	 * A test the codelist does not cover: a code made of the LOINC code's digits ({@code L21600} for 2160-0, at
	 * most 8 characters, starting with a letter as SDTM requires) and the name as sent, cut to 40 characters.
	 */
	public static Test unlisted(String loinc, String name) {
		String digits = loinc == null ? "" : loinc.replaceAll("[^0-9A-Za-z]", "");
		String code = ("L" + digits).substring(0, Math.min(8, digits.length() + 1));
		String test = name == null || name.isBlank() ? "LOINC " + loinc : name;
		return new Test(code.toUpperCase(Locale.ROOT), test.length() > 40 ? test.substring(0, 40) : test);
	}

	/** The CDISC unit of a UCUM code; the code as sent when the codelist mapping does not list it. */
	public static String unit(String ucum) {
		if (ucum == null) {
			return null;
		}
		String unit = UNITS.get(ucum);
		return unit == null ? ucum : unit.isEmpty() ? null : unit;
	}

	/** SEX (C66731) from FHIR administrative gender. */
	public static String sex(String gender) {
		if (gender == null) {
			return "U";
		}
		return switch (gender) {
			case "male" -> "M";
			case "female" -> "F";
			default -> "U";
		};
	}

	/** TPHASE (C66737) from FHIR research-study-phase. */
	public static String phase(String phase) {
		if (phase == null) {
			return null;
		}
		return switch (phase) {
			case "early-phase-1" -> "PHASE 0 TRIAL";
			case "phase-1" -> "PHASE I TRIAL";
			case "phase-1-phase-2" -> "PHASE I/II TRIAL";
			case "phase-2" -> "PHASE II TRIAL";
			case "phase-2-phase-3" -> "PHASE II/III TRIAL";
			case "phase-3" -> "PHASE III TRIAL";
			case "phase-4" -> "PHASE IV TRIAL";
			default -> "NOT APPLICABLE";
		};
	}

	/** AEOUT (C66768) from FHIR adverse-event-outcome. */
	public static String outcome(String outcome) {
		if (outcome == null) {
			return null;
		}
		return switch (outcome) {
			case "resolved" -> "RECOVERED/RESOLVED";
			case "recovering" -> "RECOVERING/RESOLVING";
			case "ongoing" -> "NOT RECOVERED/NOT RESOLVED";
			case "resolvedWithSequelae" -> "RECOVERED/RESOLVED WITH SEQUELAE";
			case "fatal" -> "FATAL";
			default -> "UNKNOWN";
		};
	}

	/**
	 * AEREL (sponsor-defined values, as SDTM allows) from the safety summary's relatedness to the MSC infusions
	 * ({@code SafetyData.Relatedness}): related, possibly, unrelated; nothing when not assessed.
	 */
	public static String relatedness(org.msclupus.fhir.safety.SafetyData.Relatedness relatedness) {
		if (relatedness == null) {
			return null;
		}
		return switch (relatedness) {
			case RELATED -> "RELATED";
			case POSSIBLY -> "POSSIBLY RELATED";
			case UNRELATED -> "NOT RELATED";
			case UNKNOWN -> null;
		};
	}

	/** ROUTE (C66729) from the SNOMED CT route codes the trial's data use; as sent otherwise. */
	public static String route(String snomed, String text) {
		if (snomed != null) {
			switch (snomed) {
				case "47625008":
					return "INTRAVENOUS";
				case "26643006":
					return "ORAL";
				case "34206005":
					return "SUBCUTANEOUS";
				case "78421000":
					return "INTRAMUSCULAR";
				default:
					break;
			}
		}
		return text == null ? null : text.toUpperCase(Locale.ROOT);
	}

	/** FREQ (C71113) from doses per day. */
	public static String frequency(java.math.BigDecimal dosesPerDay) {
		if (dosesPerDay == null) {
			return null;
		}
		return switch (dosesPerDay.stripTrailingZeros().toPlainString()) {
			case "1" -> "QD";
			case "2" -> "BID";
			case "3" -> "TID";
			case "4" -> "QID";
			case "0.5" -> "QOD";
			default -> null;
		};
	}

	// The SLEDAI-2K descriptors in the order of the instrument (and of the lupus-trial CodeSystem).
	private static final List<String> SLEDAI_DESCRIPTORS = List.of("seizure", "psychosis", "organic-brain-syndrome",
			"visual-disturbance", "cranial-nerve-disorder", "lupus-headache", "cva", "vasculitis", "arthritis",
			"myositis", "urinary-casts", "hematuria", "proteinuria", "pyuria", "rash", "alopecia", "mucosal-ulcers",
			"pleurisy", "pericarditis", "low-complement", "increased-dna-binding", "fever", "thrombocytopenia",
			"leukopenia");

	/**
	 * RSTESTCD/RSTEST of a SLEDAI-2K descriptor (lupus-trial code {@code sledai-arthritis}): {@code SLED01} to
	 * {@code SLED24} in the instrument's order. Sponsor-defined: CDISC has published no SLEDAI-2K codes.
	 */
	public static Optional<Test> sledaiDescriptor(String code) {
		if (code == null || !code.startsWith("sledai-")) {
			return Optional.empty();
		}
		int at = SLEDAI_DESCRIPTORS.indexOf(code.substring("sledai-".length()));
		if (at < 0) {
			return Optional.empty();
		}
		String name = "SLEDAI-2K " + code.substring("sledai-".length()).replace('-', ' ');
		return Optional.of(new Test(String.format(Locale.ROOT, "SLED%02d", at + 1), name));
	}

	/** RSTESTCD/RSTEST of a BILAG-2004 domain (lupus-trial code {@code bilag-renal}): {@code BILAGREN}. */
	public static Optional<Test> bilagDomain(String code) {
		if (code == null || !code.startsWith("bilag-") || code.equals("bilag-2004")) {
			return Optional.empty();
		}
		String domain = code.substring("bilag-".length());
		return Optional.of(new Test("BILAG" + domain.substring(0, Math.min(3, domain.length())).toUpperCase(Locale.ROOT),
				"BILAG-2004 " + domain + " domain"));
	}
}
