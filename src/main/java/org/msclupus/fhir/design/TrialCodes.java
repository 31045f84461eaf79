package org.msclupus.fhir.design;

import java.util.Map;
import org.msclupus.fhir.design.Measure;

/** The code systems, codes and extension URLs of the trial specification that evaluation reads and writes. */
public final class TrialCodes {

	public static final String BASE = "http://msc-lupus.org/fhir";
	public static final String LUPUS_TRIAL = BASE + "/CodeSystem/lupus-trial";
	public static final String BILAG_GRADE = BASE + "/CodeSystem/bilag-grade";
	public static final String RESPONSE = BASE + "/CodeSystem/response";
	public static final String LOINC = "http://loinc.org";
	public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	public static final String UCUM = "http://unitsofmeasure.org";
	public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	public static final String RESPONSE_CRITERIA_EXTENSION = BASE + "/StructureDefinition/response-criteria";
	public static final String VISIT_SCHEDULE_EXTENSION = BASE + "/StructureDefinition/visit-schedule";
	/** ResearchStudy extension: whether the study's values wait for source-data verification (valueCode). */
	public static final String SOURCE_VERIFICATION_EXTENSION = BASE + "/StructureDefinition/source-verification";
	/** HL7's AE Clinical Research IG (R4 backport 1.0.1): the extensions the trial's AdverseEvent profile carries. */
	public static final String AE_RESEARCH_IG = "http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/";
	public static final String SERIOUSNESS_CRITERIA_EXTENSION = AE_RESEARCH_IG + "seriousness-criteria";
	public static final String EXPECTED_IN_RESEARCH_STUDY_EXTENSION = AE_RESEARCH_IG + "expected-in-research-study";
	public static final String SUSPECT_ENTITY_EXTENSION = AE_RESEARCH_IG + "suspect-entity";
	/** NCI Thesaurus, the system of THO's seriousness criteria codes; the six criteria follow. */
	public static final String NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
	public static final String SERIOUS_DEATH = "C48275";
	public static final String SERIOUS_LIFE_THREATENING = "C84266";
	public static final String SERIOUS_HOSPITALISATION = "C83052";
	public static final String SERIOUS_DISABILITY = "C11338";
	public static final String SERIOUS_CONGENITAL_ANOMALY = "C83117";
	public static final String SERIOUS_OTHER_MEDICALLY_IMPORTANT = "C82521";
	/** ResearchStudy extension: an adverse event the study expects (valueCodeableConcept, 0..*). */
	public static final String EXPECTED_ADVERSE_EVENT_EXTENSION = BASE + "/StructureDefinition/expected-adverse-event";
	/** The decisions of source-data verification, as Provenance.activity. */
	public static final String VERIFICATION_DECISION = BASE + "/CodeSystem/verification-decision";
	public static final String RESPONSE_ASSESSMENT_PROFILE = BASE + "/StructureDefinition/response-assessment";
	public static final String ASSESSMENT_IDENTIFIER_SYSTEM = BASE + "/identifier/response-assessment";
	public static final String EVALUATION_CRITERIA_EXTENSION = BASE + "/StructureDefinition/evaluation-criteria";

	public static final String UC_MSC = "uc-msc";

	/** Observation codes (system|code) of each measure: the trial's local codes and LOINC. */
	public static final Map<String, Measure> MEASURE_BY_CODE = Map.ofEntries(
			Map.entry(LUPUS_TRIAL + "|sledai-2k", Measure.SLEDAI_2K),
			Map.entry(LUPUS_TRIAL + "|bilag-2004", Measure.BILAG_2004),
			Map.entry(LUPUS_TRIAL + "|pga", Measure.PGA),
			Map.entry(LUPUS_TRIAL + "|glucocorticoid-dose", Measure.GLUCOCORTICOID_DOSE),
			Map.entry(LOINC + "|2889-4", Measure.URINE_PROTEIN_24H),
			Map.entry(LOINC + "|2890-2", Measure.URINE_PROTEIN_CREATININE_RATIO),
			Map.entry(LOINC + "|2160-0", Measure.SERUM_CREATININE),
			Map.entry(LOINC + "|14682-9", Measure.SERUM_CREATININE),
			Map.entry(LOINC + "|3094-0", Measure.UREA_NITROGEN),
			Map.entry(LOINC + "|1751-7", Measure.ALBUMIN),
			Map.entry(LOINC + "|4485-9", Measure.COMPLEMENT_C3),
			Map.entry(LOINC + "|4498-2", Measure.COMPLEMENT_C4),
			Map.entry(LOINC + "|33799-8", Measure.ANTI_DSDNA),
			Map.entry(LOINC + "|32677-7", Measure.ANTI_DSDNA),
			Map.entry(LOINC + "|11013-0", Measure.ANTI_DSDNA));

	private TrialCodes() {
	}
}
