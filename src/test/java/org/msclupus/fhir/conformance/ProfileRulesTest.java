package org.msclupus.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

/**
 * The profiles' own rules (cardinalities, bindings, invariants), checked at their boundaries with HAPI's validator
 * and the generated definitions, without a server.
 */
class ProfileRulesTest {

	static final String TRIAL = "http://msc-lupus.org/fhir/CodeSystem/lupus-trial";
	static final String GRADE = "http://msc-lupus.org/fhir/CodeSystem/bilag-grade";
	static final String UCUM = "http://unitsofmeasure.org";
	static final String BASE = ConformanceResources.STRUCTURE_DEFINITION_BASE;
	static final List<String> BILAG_DOMAINS = List.of("bilag-constitutional", "bilag-mucocutaneous",
			"bilag-neuropsychiatric", "bilag-musculoskeletal", "bilag-cardiorespiratory", "bilag-gastrointestinal",
			"bilag-ophthalmic", "bilag-renal", "bilag-hematological");

	static FhirValidator validator;

	@BeforeAll
	static void buildValidator() {
		validator = standaloneValidator();
	}

	/**
	 * HAPI's validator over the generated definitions and HAPI's built-in R4 ones, as the server chains them, with the
	 * server's reusing module; each core validator instance serves a few resources, so these tests also check that
	 * nothing carries over from one resource to the next.
	 */
	static FhirValidator standaloneValidator() {
		FhirValidator standalone = FhirContext.forR4Cached().newValidator();
		CoreDefinitions core = new CoreDefinitions(FhirContext.forR4Cached());
		standalone.registerValidatorModule(new ReusingInstanceValidator(standaloneChain(core), core, 1, 5));
		return standalone;
	}

	/** The chain as the server builds it, FHIR's own definitions from {@link CoreDefinitions}. */
	static IValidationSupport standaloneChain() {
		return standaloneChain(new CoreDefinitions(FhirContext.forR4Cached()));
	}

	/** The same with the given support for FHIR's own definitions (HAPI's default, to compare with). */
	static IValidationSupport standaloneChain(IValidationSupport fhirDefinitions) {
		FhirContext fhir = FhirContext.forR4Cached();
		ConformanceConfiguration.keepVersionedEvidence(fhir);
		PrePopulatedValidationSupport trial = new PrePopulatedValidationSupport(fhir);
		ConformanceResources.loadFromClasspath(fhir).all().forEach(trial::addResource);
		UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(fhir);
		unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		ValidationSupportChain chain = new ValidationSupportChain(
				trial,
				fhirDefinitions,
				new CommonCodeSystemsTerminologyService(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir),
				unknownSystems);
		chain.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
		return chain;
	}

	static List<String> errors(Resource resource, String profileId) {
		return validator.validateWithResult(resource, new ValidationOptions().addProfile(BASE + profileId))
				.getMessages().stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.map(SingleValidationMessage::getMessage)
				.toList();
	}

	/** Valid when {@code refusal} is null; else refused, and the rule or element named among the errors. */
	static void assertRefusedBy(List<String> errors, String refusal) {
		if (refusal == null) {
			assertThat(errors).isEmpty();
		} else {
			assertThat(errors).as("refused by %s", refusal).anyMatch(m -> m.contains(refusal));
		}
	}

	static Observation observation(String category, Coding code) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode(category);
		observation.getCode().addCoding(code);
		observation.setSubject(new Reference("Patient/p1"));
		observation.setEffective(new DateTimeType("2024-01-10"));
		return observation;
	}

	static Observation sledai(int total, Map<String, Boolean> descriptors) {
		Observation observation = observation("survey", new Coding(TRIAL, "sledai-2k", null));
		observation.setValue(new IntegerType(total));
		descriptors.forEach((code, present) -> observation.addComponent()
				.setCode(new CodeableConcept(new Coding(TRIAL, code, null)))
				.setValue(new org.hl7.fhir.r4.model.BooleanType(present)));
		return observation;
	}

	@ParameterizedTest
	@ValueSource(ints = {0, 1, 104, 105})
	void sledaiTotalWithinZeroTo105IsValid(int total) {
		assertThat(errors(sledai(total, Map.of()), "sledai-2k")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({"-1, less than permitted minimum value of IntegerType[0]",
		"106, greater than permitted maximum value of IntegerType[105]"})
	void sledaiTotalOutsideZeroTo105IsRefused(int total, String refusal) {
		assertThat(errors(sledai(total, Map.of()), "sledai-2k")).anyMatch(m -> m.contains(refusal));
	}

	@Test
	void sledaiTotalMustEqualTheWeightedSumOfDescriptorsPresent() {
		// seizure 8 + arthritis 4 + rash 2 + fever 1 = 15; leukopenia absent counts 0
		Map<String, Boolean> descriptors = Map.of("sledai-seizure", true, "sledai-arthritis", true,
				"sledai-rash", true, "sledai-fever", true, "sledai-leukopenia", false);
		assertThat(errors(sledai(15, descriptors), "sledai-2k")).isEmpty();
		assertThat(errors(sledai(14, descriptors), "sledai-2k")).anyMatch(m -> m.contains("msc-sledai-sum"));
		assertThat(errors(sledai(16, descriptors), "sledai-2k")).anyMatch(m -> m.contains("msc-sledai-sum"));
	}

	@Test
	void allTwentyFourDescriptorsPresentMake105() {
		Map<String, Boolean> all = new java.util.HashMap<>();
		List.of("seizure", "psychosis", "organic-brain-syndrome", "visual-disturbance", "cranial-nerve-disorder",
						"lupus-headache", "cva", "vasculitis", "arthritis", "myositis", "urinary-casts", "hematuria",
						"proteinuria", "pyuria", "rash", "alopecia", "mucosal-ulcers", "pleurisy", "pericarditis",
						"low-complement", "increased-dna-binding", "fever", "thrombocytopenia", "leukopenia")
				.forEach(d -> all.put("sledai-" + d, true));
		assertThat(errors(sledai(105, all), "sledai-2k")).isEmpty();
		assertThat(errors(sledai(104, all), "sledai-2k")).anyMatch(m -> m.contains("msc-sledai-sum"));
	}

	@Test
	void aDescriptorMayAppearOnlyOnce() {
		Observation twice = sledai(16, Map.of("sledai-seizure", true));
		twice.addComponent().setCode(new CodeableConcept(new Coding(TRIAL, "sledai-seizure", null)))
				.setValue(new org.hl7.fhir.r4.model.BooleanType(true));
		assertThat(errors(twice, "sledai-2k")).anyMatch(m -> m.contains("msc-distinct-components"));
	}

	static Observation bilag(List<String> domains, String grade) {
		Observation observation = observation("survey", new Coding(TRIAL, "bilag-2004", null));
		domains.forEach(domain -> observation.addComponent()
				.setCode(new CodeableConcept(new Coding(TRIAL, domain, null)))
				.setValue(new CodeableConcept(new Coding(GRADE, grade, null))));
		return observation;
	}

	@ParameterizedTest
	@ValueSource(strings = {"A", "B", "C", "D", "E"})
	void bilagWithAllNineDomainsGradedAToEIsValid(String grade) {
		assertThat(errors(bilag(BILAG_DOMAINS, grade), "bilag-2004")).isEmpty();
	}

	@Test
	void bilagNeedsExactlyNineDistinctDomainsAndGradesAToE() {
		assertThat(errors(bilag(BILAG_DOMAINS.subList(0, 8), "C"), "bilag-2004"))
				.anyMatch(m -> m.contains("minimum required = 9"));
		List<String> duplicated = new java.util.ArrayList<>(BILAG_DOMAINS.subList(0, 8));
		duplicated.add(BILAG_DOMAINS.get(0));
		assertThat(errors(bilag(duplicated, "C"), "bilag-2004")).anyMatch(m -> m.contains("msc-distinct-components"));
		assertThat(errors(bilag(BILAG_DOMAINS, "F"), "bilag-2004"))
				.anyMatch(m -> m.contains("Unknown code 'http://msc-lupus.org/fhir/CodeSystem/bilag-grade#F'"));
	}

	@ParameterizedTest
	@CsvSource({"0,true", "3,true", "1.5,true", "-0.1,false", "3.1,false"})
	void physicianGlobalAssessmentLiesBetweenZeroAndThree(double value, boolean valid) {
		Observation pga = observation("survey", new Coding(TRIAL, "pga", null));
		pga.setValue(new Quantity().setValue(value).setSystem(UCUM).setCode("{score}"));
		assertThat(errors(pga, "physician-global-assessment")).as("refused by msc-pga-range, only when out of range")
				.allMatch(m -> m.contains("msc-pga-range")).hasSize(valid ? 0 : 1);
	}

	@ParameterizedTest
	@CsvSource({"g/(24.h),0,", "mg/(24.h),2505,", "g/(24.h),-0.1,msc-non-negative",
		"kg,1,'Units of 24-hour urine protein'", "g/L,1,'Units of 24-hour urine protein'"})
	void urineProteinIsNonNegativeInItsUnits(String unit, double value, String refusal) {
		Observation protein = observation("laboratory", new Coding("http://loinc.org", "2889-4", null));
		protein.setValue(new Quantity().setValue(value).setSystem(UCUM).setCode(unit));
		assertRefusedBy(errors(protein, "urine-protein-24h"), refusal);
	}

	@ParameterizedTest
	@CsvSource({"g/g,", "mg/mg,", "mg/g,", "mg/mmol,", "mg/dL,'Units of urine protein/creatinine ratio'"})
	void upcrUnits(String unit, String refusal) {
		Observation upcr = observation("laboratory", new Coding("http://loinc.org", "2890-2", null));
		upcr.setValue(new Quantity().setValue(1.1).setSystem(UCUM).setCode(unit));
		assertRefusedBy(errors(upcr, "urine-protein-creatinine-ratio"), refusal);
	}

	@ParameterizedTest
	@CsvSource({"2160-0,mg/dL,", "14682-9,umol/L,", "2160-0,umol/L,msc-creatinine-unit",
		"14682-9,mg/dL,msc-creatinine-unit"})
	void creatinineCodeAndUnitGoTogether(String loinc, String unit, String refusal) {
		Observation creatinine = observation("laboratory", new Coding("http://loinc.org", loinc, null));
		creatinine.setValue(new Quantity().setValue(1.0).setSystem(UCUM).setCode(unit));
		assertRefusedBy(errors(creatinine, "serum-creatinine"), refusal);
	}

	@Test
	void aLocalCodingBesideTheLoincOneIsAccepted() {
		Observation creatinine = observation("laboratory", new Coding("http://hospital.example.org/fhir/CodeSystem/local-lab", "CREA-S", null));
		creatinine.getCode().addCoding(new Coding("http://loinc.org", "2160-0", null));
		creatinine.setValue(new Quantity().setValue(1.0).setSystem(UCUM).setCode("mg/dL"));
		assertThat(errors(creatinine, "serum-creatinine")).isEmpty();
	}

	@Test
	void everyTrialObservationNeedsSubjectEffectiveAndCategory() {
		Observation upcr = observation("laboratory", new Coding("http://loinc.org", "2890-2", null));
		upcr.setValue(new Quantity().setValue(1.1).setSystem(UCUM).setCode("g/g"));
		assertThat(errors(upcr, "urine-protein-creatinine-ratio")).isEmpty();
		assertThat(errors(upcr.copy().setSubject(null), "urine-protein-creatinine-ratio"))
				.anyMatch(m -> m.contains("Observation.subject: minimum required = 1"));
		assertThat(errors(upcr.copy().setEffective(null), "urine-protein-creatinine-ratio"))
				.anyMatch(m -> m.contains("Observation.effective[x]: minimum required = 1"));
		Observation wrongCategory = upcr.copy();
		wrongCategory.getCategoryFirstRep().getCodingFirstRep().setCode("survey");
		assertThat(errors(wrongCategory, "urine-protein-creatinine-ratio"))
				.anyMatch(m -> m.contains("Slice 'Observation.category:laboratory': a matching slice is required"));
	}

	@ParameterizedTest
	@CsvSource({"4485-9,complement-c3,g/L,", "4485-9,complement-c3,mg/dL,",
		"4485-9,complement-c3,mmol/L,'Units of complement C3 and C4'", "4498-2,complement-c4,g/L,",
		"4498-2,complement-c4,mg/dL,", "4498-2,complement-c4,g/dL,'Units of complement C3 and C4'"})
	void complementUnits(String loinc, String profile, String unit, String refusal) {
		Observation complement = observation("laboratory", new Coding("http://loinc.org", loinc, null));
		complement.setValue(new Quantity().setValue(0.9).setSystem(UCUM).setCode(unit));
		assertRefusedBy(errors(complement, profile), refusal);
	}

	@ParameterizedTest
	@CsvSource({"[IU]/mL,", "{titer},", "mg/dL,'Units of anti-dsDNA antibodies'"})
	void antiDsDnaIsInInternationalUnitsOrATiter(String unit, String refusal) {
		Observation antiDsDna = observation("laboratory", new Coding("http://loinc.org", "33799-8", null));
		antiDsDna.setValue(new Quantity().setValue(185).setSystem(UCUM).setCode(unit));
		assertRefusedBy(errors(antiDsDna, "anti-dsdna"), refusal);
	}

	@Test
	void antiDsDnaTiterMayBeARatio() {
		Observation titer = observation("laboratory", new Coding("http://loinc.org", "11013-0", null));
		titer.setValue(new org.hl7.fhir.r4.model.Ratio()
				.setNumerator(new Quantity().setValue(1)).setDenominator(new Quantity().setValue(160)));
		assertThat(errors(titer, "anti-dsdna")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({"0,less than permitted minimum value of IntegerType[1]", "1,", "5,",
		"6,greater than permitted maximum value of IntegerType[5]"})
	void adverseEventCtcaeGradeIsOneToFive(int grade, String refusal) {
		org.hl7.fhir.r4.model.AdverseEvent event = new org.hl7.fhir.r4.model.AdverseEvent();
		event.setActuality(org.hl7.fhir.r4.model.AdverseEvent.AdverseEventActuality.ACTUAL);
		event.setSubject(new Reference("Patient/p1"));
		event.setDateElement(new DateTimeType("2024-01-10"));
		event.setSeriousness(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", "Non-serious", null)));
		event.addStudy(new Reference("ResearchStudy/s1"));
		event.addExtension(BASE + "ctcae-grade", new IntegerType(grade));
		assertRefusedBy(errors(event, "trial-adverse-event"), refusal);
	}

	/**
	 * A serious event must say why (issue 28, the AE Clinical Research IG's aeClinRes-seriousness-1): R4's Serious
	 * and THO's serious alike; a criterion recorded as absent is no reason; a non-serious event needs none.
	 */
	@ParameterizedTest(name = "{0} with criteria {1} (present {2})")
	@CsvSource({"Serious,0,true,msc-serious-criteria", "serious,0,true,msc-serious-criteria",
		"Serious,1,false,msc-serious-criteria", "Serious,1,true,", "serious,2,true,", "Non-serious,0,true,"})
	void aSeriousEventNamesAtLeastOneSeriousnessCriterion(String seriousness, int criteria, boolean present,
			String refusal) {
		org.hl7.fhir.r4.model.AdverseEvent event = new org.hl7.fhir.r4.model.AdverseEvent();
		event.setActuality(org.hl7.fhir.r4.model.AdverseEvent.AdverseEventActuality.ACTUAL);
		event.setSubject(new Reference("Patient/p1"));
		event.setDateElement(new DateTimeType("2024-01-10"));
		event.setSeriousness(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", seriousness, null)));
		event.addStudy(new Reference("ResearchStudy/s1"));
		event.addExtension(BASE + "ctcae-grade", new IntegerType(3));
		for (int i = 0; i < criteria; i++) {
			org.hl7.fhir.r4.model.Extension criterion = event.addExtension().setUrl(
					org.msclupus.fhir.design.TrialCodes.SERIOUSNESS_CRITERIA_EXTENSION);
			criterion.addExtension("criterionCode", new CodeableConcept(new Coding(
					org.msclupus.fhir.design.TrialCodes.NCIT, i == 0 ? "C83052" : "C84266", null)));
			criterion.addExtension("criterionPresent", new org.hl7.fhir.r4.model.BooleanType(present));
		}
		assertRefusedBy(errors(event, "trial-adverse-event"), refusal);
	}

	/** The cell product as the suspect, by the AE Clinical Research IG's suspect-entity extension, validates. */
	@Test
	void theCellProductMayBeTheSuspect() {
		org.hl7.fhir.r4.model.AdverseEvent event = new org.hl7.fhir.r4.model.AdverseEvent();
		event.setActuality(org.hl7.fhir.r4.model.AdverseEvent.AdverseEventActuality.ACTUAL);
		event.setSubject(new Reference("Patient/p1"));
		event.setDateElement(new DateTimeType("2024-01-10"));
		event.setSeriousness(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", "Non-serious", null)));
		event.addStudy(new Reference("ResearchStudy/s1"));
		event.addExtension(BASE + "ctcae-grade", new IntegerType(2));
		org.hl7.fhir.r4.model.Extension suspect = event.addExtension().setUrl(
				"http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/suspect-entity");
		suspect.addExtension("instance", new Reference("BiologicallyDerivedProduct/ucmsc-lot-1"));
		org.hl7.fhir.r4.model.Extension causality = suspect.addExtension().setUrl("causality");
		causality.addExtension("entityRelatedness", new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess", "Possible", null)));
		causality.addExtension("assessmentMethod", new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/adverse-event-causality-method", "ProbabilityScale", null)));
		assertThat(errors(event, "trial-adverse-event")).isEmpty();
	}

	static org.hl7.fhir.r4.model.MedicationStatement prednisone(org.hl7.fhir.r4.model.Dosage.DosageDoseAndRateComponent doseAndRate) {
		org.hl7.fhir.r4.model.MedicationStatement statement = new org.hl7.fhir.r4.model.MedicationStatement();
		statement.setStatus(org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE);
		statement.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "8640", null)));
		statement.setSubject(new Reference("Patient/p1"));
		statement.setEffective(new org.hl7.fhir.r4.model.Period().setStartElement(new DateTimeType("2024-01-01")));
		statement.addDosage().addDoseAndRate(doseAndRate);
		return statement;
	}

	@Test
	void glucocorticoidDoseIsInMilligramsOrMilligramsPerDay() {
		var perDose = new org.hl7.fhir.r4.model.Dosage.DosageDoseAndRateComponent();
		perDose.setDose(new org.hl7.fhir.r4.model.Quantity().setValue(10).setSystem(UCUM).setCode("mg"));
		assertThat(errors(prednisone(perDose), "glucocorticoid-dose")).isEmpty();

		var perDay = new org.hl7.fhir.r4.model.Dosage.DosageDoseAndRateComponent();
		perDay.setRate(new org.hl7.fhir.r4.model.Quantity().setValue(7.5).setSystem(UCUM).setCode("mg/d"));
		assertThat(errors(prednisone(perDay), "glucocorticoid-dose")).isEmpty();

		var grams = new org.hl7.fhir.r4.model.Dosage.DosageDoseAndRateComponent();
		grams.setDose(new org.hl7.fhir.r4.model.Quantity().setValue(0.01).setSystem(UCUM).setCode("g"));
		assertThat(errors(prednisone(grams), "glucocorticoid-dose")).anyMatch(m -> m.contains("msc-glucocorticoid-units"));

		var zero = new org.hl7.fhir.r4.model.Dosage.DosageDoseAndRateComponent();
		zero.setDose(new org.hl7.fhir.r4.model.Quantity().setValue(0).setSystem(UCUM).setCode("mg"));
		assertThat(errors(prednisone(zero), "glucocorticoid-dose")).anyMatch(m -> m.contains("msc-glucocorticoid-units"));
	}

	@Test
	void responseAssessmentEvidenceMustBeVersioned() {
		Observation assessment = observation("survey", new Coding(TRIAL, "ln-renal-response", null));
		assessment.setValue(new CodeableConcept(new Coding("http://msc-lupus.org/fhir/CodeSystem/response", "CR", null)));
		assessment.addDerivedFrom(new Reference("Observation/1/_history/2"));
		assertThat(errors(assessment, "response-assessment")).isEmpty();
		assessment.addDerivedFrom(new Reference("Observation/7"));
		assertThat(errors(assessment, "response-assessment")).anyMatch(m -> m.contains("msc-versioned-evidence"));
	}

	static MedicationAdministration infusion(double dose, String doseUnit, String route) {
		MedicationAdministration infusion = new MedicationAdministration();
		infusion.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		infusion.setMedication(new CodeableConcept(new Coding(TRIAL, "uc-msc", null)));
		infusion.setSubject(new Reference("Patient/p1"));
		infusion.setEffective(new DateTimeType("2024-01-10T09:00:00Z"));
		infusion.getDosage().setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", route, null)));
		infusion.getDosage().setDose(new org.hl7.fhir.r4.model.SimpleQuantity());
		infusion.getDosage().getDose().setValue(dose).setSystem(UCUM).setCode(doseUnit);
		infusion.addExtension(BASE + "infusion-number", new org.hl7.fhir.r4.model.PositiveIntType(1));
		return infusion;
	}

	@Test
	void mscInfusionIsAPositiveCellDosePerKilogramGivenIntravenously() {
		assertThat(errors(infusion(1, "10*6/kg", "47625008"), "msc-infusion")).isEmpty();
		assertThat(errors(infusion(0.01, "10*6/kg", "47625008"), "msc-infusion")).isEmpty();
		assertThat(errors(infusion(0, "10*6/kg", "47625008"), "msc-infusion")).anyMatch(m -> m.contains("msc-positive-dose"));
		assertThat(errors(infusion(70, "mg", "47625008"), "msc-infusion")).anyMatch(m -> m.contains("10*6/kg"));
		assertThat(errors(infusion(1, "10*6/kg", "26643006"), "msc-infusion"))
				.anyMatch(m -> m.contains("MedicationAdministration.dosage.route") || m.contains("47625008"));
		MedicationAdministration otherProduct = infusion(1, "10*6/kg", "47625008");
		otherProduct.setMedication(new CodeableConcept(new Coding(TRIAL, "pga", null)));
		assertThat(errors(otherProduct, "msc-infusion")).anyMatch(m -> m.contains("msc-uc-msc-product"));
	}
}
