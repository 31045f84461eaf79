package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TrialProfilesTest {

	static final String BASE = ConformanceResources.STRUCTURE_DEFINITION_BASE;
	static ConformanceResources conformance;
	static TrialProfiles profiles;

	@BeforeAll
	static void load() {
		conformance = ConformanceResources.loadFromClasspath(FhirContext.forR4Cached());
		profiles = new TrialProfiles(conformance);
	}

	static Observation coded(String system, String code) {
		Observation observation = new Observation();
		observation.getCode().addCoding().setSystem("http://hospital.example.org/other").setCode("X");
		observation.getCode().addCoding().setSystem(system).setCode(code);
		return observation;
	}

	@ParameterizedTest
	@CsvSource({
		"http://msc-lupus.org/fhir/CodeSystem/lupus-trial, sledai-2k, sledai-2k",
		"http://msc-lupus.org/fhir/CodeSystem/lupus-trial, bilag-2004, bilag-2004",
		"http://msc-lupus.org/fhir/CodeSystem/lupus-trial, pga, physician-global-assessment",
		"http://loinc.org, 2889-4, urine-protein-24h",
		"http://loinc.org, 2890-2, urine-protein-creatinine-ratio",
		"http://loinc.org, 2160-0, serum-creatinine",
		"http://loinc.org, 14682-9, serum-creatinine",
		"http://loinc.org, 4485-9, complement-c3",
		"http://loinc.org, 4498-2, complement-c4",
		"http://loinc.org, 33799-8, anti-dsdna",
		"http://loinc.org, 11013-0, anti-dsdna",
		"http://loinc.org, 1742-6, trial-lab-result",
		"http://loinc.org, 29463-7, trial-lab-result",
		"http://msc-lupus.org/fhir/CodeSystem/lupus-trial, ln-renal-response, response-assessment"
	})
	void observationIsMatchedToItsProfileByCode(String system, String code, String profileId) {
		assertThat(profiles.profilesFor(coded(system, code))).containsExactly(BASE + profileId);
	}

	@Test
	void ordinaryEhrObservationsAndOtherResourcesGetNoTrialProfile() {
		// Creatinine in blood (Synthea's 38483-4) is not the trial's serum creatinine.
		assertThat(profiles.profilesFor(coded("http://loinc.org", "38483-4"))).isEmpty();
		assertThat(profiles.profilesFor(new Patient())).isEmpty();
	}

	@Test
	void declaredTrialProfilesApplyAndForeignOnesAreIgnored() {
		Observation observation = coded("http://loinc.org", "38483-4");
		observation.getMeta().addProfile(BASE + "trial-lab-result");
		observation.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/vitalsigns");
		assertThat(profiles.profilesFor(observation)).containsExactly(BASE + "trial-lab-result");
	}

	@Test
	void everyAdverseEventIsATrialAdverseEvent() {
		assertThat(profiles.profilesFor(new AdverseEvent())).containsExactly(BASE + "trial-adverse-event");
	}

	@Test
	void mscInfusionIsRecognisedByItsProductDirectOrContained() {
		MedicationAdministration direct = new MedicationAdministration();
		direct.setMedication(new CodeableConcept(new Coding("http://msc-lupus.org/fhir/CodeSystem/lupus-trial", "uc-msc", null)));
		assertThat(profiles.profilesFor(direct)).containsExactly(BASE + "msc-infusion");

		MedicationAdministration contained = new MedicationAdministration();
		Medication lot = new Medication();
		lot.setId("lot");
		lot.getCode().addCoding(new Coding("http://msc-lupus.org/fhir/CodeSystem/lupus-trial", "uc-msc", null));
		contained.addContained(lot);
		contained.setMedication(new Reference("#lot"));
		assertThat(profiles.profilesFor(contained)).containsExactly(BASE + "msc-infusion");

		MedicationAdministration other = new MedicationAdministration();
		other.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "8640", null)));
		assertThat(profiles.profilesFor(other)).isEmpty();
	}

	@Test
	void glucocorticoidStatementIsMatchedByIngredient() {
		MedicationStatement prednisone = new MedicationStatement();
		prednisone.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "8640", null)));
		assertThat(profiles.profilesFor(prednisone)).containsExactly(BASE + "glucocorticoid-dose");
	}

	@Test
	void localCodeGetsItsLoincCodingAddedAndKept() {
		LocalCodeTranslator translator = new LocalCodeTranslator(conformance.conceptMaps());
		Observation local = new Observation();
		local.getCode().addCoding().setSystem("http://hospital.example.org/fhir/CodeSystem/local-lab").setCode("UPCR");
		assertThat(translator.addLoincCoding(local.getCode())).isTrue();
		assertThat(local.getCode().getCoding()).extracting(Coding::getCode).containsExactly("UPCR", "2890-2");
		assertThat(profiles.profilesFor(local)).containsExactly(BASE + "urine-protein-creatinine-ratio");

		assertThat(translator.addLoincCoding(local.getCode())).as("already has LOINC").isFalse();
		Observation unmapped = new Observation();
		unmapped.getCode().addCoding().setSystem("http://hospital.example.org/fhir/CodeSystem/local-lab").setCode("NOPE");
		assertThat(translator.addLoincCoding(unmapped.getCode())).isFalse();
	}

	@ParameterizedTest
	@CsvSource({"IU/L, [IU]/L", "IU/mL, [IU]/mL", "U/L, U/L", "10*3/uL, 10*3/uL"})
	void internationalUnitsAreRewrittenToUcumSpelling(String sent, String stored) {
		Observation alt = new Observation();
		alt.setValue(new Quantity().setValue(40).setUnit(sent).setSystem(UcumAliasNormalizer.UCUM).setCode(sent));
		UcumAliasNormalizer.normalise(alt);
		assertThat(alt.getValueQuantity().getCode()).isEqualTo(stored);
		assertThat(alt.getValueQuantity().getUnit()).as("what the sender wrote is kept").isEqualTo(sent);
	}

	@Test
	void nonUcumQuantitiesAreLeftAlone() {
		Observation other = new Observation();
		other.setValue(new Quantity().setValue(40).setSystem("http://example.org/units").setCode("IU/L"));
		UcumAliasNormalizer.normalise(other);
		assertThat(other.getValueQuantity().getCode()).isEqualTo("IU/L");
	}
}
