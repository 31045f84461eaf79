package org.msclupus.fhir.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

class SyntheticCohortTest {

	private static String json(List<Bundle> bundles) {
		return String.join("\n", bundles.stream()
				.map(b -> FhirContext.forR4Cached().newJsonParser().encodeResourceToString(b)).toList());
	}

	private static List<Observation> observations(List<Bundle> bundles) {
		return bundles.stream().flatMap(b -> b.getEntry().stream()).map(Bundle.BundleEntryComponent::getResource)
				.filter(Observation.class::isInstance).map(Observation.class::cast).toList();
	}

	@Test
	void theSameSeedGivesTheSameData() {
		assertThat(json(SyntheticCohort.multicenterStudy("m", 5, 42))).isEqualTo(json(SyntheticCohort.multicenterStudy("m", 5, 42)));
		assertThat(json(SyntheticCohort.lupusNephritisTrial("l", 5, 42)))
				.isNotEqualTo(json(SyntheticCohort.lupusNephritisTrial("l", 5, 43)));
	}

	@Test
	void theLupusNephritisTrialHasTwoArmsAndMixedUnits() {
		List<Bundle> bundles = SyntheticCohort.lupusNephritisTrial("l", 200, 1);
		assertThat(bundles).hasSize(201);
		assertThat(bundles.stream().flatMap(b -> b.getEntry().stream()).map(Bundle.BundleEntryComponent::getResource)
				.filter(ResearchSubject.class::isInstance).map(r -> ((ResearchSubject) r).getAssignedArm()).distinct())
				.containsExactlyInAnyOrder("uc-msc", "il-2");
		List<String> units = observations(bundles).stream().filter(Observation::hasValueQuantity)
				.map(o -> o.getValueQuantity().getCode()).distinct().toList();
		assertThat(units).contains("mg/dL", "umol/L", "g/g", "mg/mmol", "mg/(24.h)");
	}

	@Test
	void everySubjectIsAssignedToAnArmTheStudyDeclares() {
		List<Bundle> bundles = SyntheticCohort.lupusNephritisTrial("l", 20, 1);
		List<org.hl7.fhir.r4.model.Resource> resources = bundles.stream().flatMap(b -> b.getEntry().stream())
				.map(Bundle.BundleEntryComponent::getResource).toList();
		org.hl7.fhir.r4.model.ResearchStudy study = resources.stream()
				.filter(org.hl7.fhir.r4.model.ResearchStudy.class::isInstance)
				.map(org.hl7.fhir.r4.model.ResearchStudy.class::cast).findFirst().orElseThrow();
		List<String> arms = study.getArm().stream()
				.map(org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyArmComponent::getName).toList();
		assertThat(arms).containsExactly("uc-msc", "il-2");
		assertThat(resources.stream().filter(ResearchSubject.class::isInstance)
				.map(r -> ((ResearchSubject) r).getAssignedArm())).allMatch(arms::contains);
	}

	@Test
	void theMulticenterStudyHasMissedVisits() {
		List<Bundle> bundles = SyntheticCohort.multicenterStudy("m", 200, 1);
		long bilags = observations(bundles).stream()
				.filter(o -> o.getCode().getCodingFirstRep().getCode().equals("bilag-2004")).count();
		assertThat(bilags).isLessThan(200 * 6).isGreaterThan(200 * 5); // baseline + 5 visits, about 5 % missed
	}

	@Test
	void bothShapesCarrySafetyLaboratoryValuesWithRangesAndAdverseEvents() {
		for (List<Bundle> bundles : List.of(SyntheticCohort.multicenterStudy("m", 200, 3),
				SyntheticCohort.lupusNephritisTrial("l", 200, 3))) {
			List<org.hl7.fhir.r4.model.Resource> all = bundles.stream().flatMap(b -> b.getEntry().stream())
					.map(Bundle.BundleEntryComponent::getResource).toList();
			java.util.Set<String> safetyCodes = java.util.Set.of("1920-8", "1975-2", "6690-2", "718-7", "1834-1", "2039-6");
			List<org.hl7.fhir.r4.model.Observation> safety = observations(bundles).stream()
					.filter(o -> safetyCodes.contains(o.getCode().getCodingFirstRep().getCode())).toList();
			assertThat(safety).extracting(o -> o.getCode().getCodingFirstRep().getCode()).containsAll(safetyCodes);
			assertThat(safety).allSatisfy(o -> assertThat(o.getReferenceRangeFirstRep().hasHigh()).isTrue());
			long lowLeukocytes = safety.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("6690-2"))
					.filter(o -> o.getValueQuantity().getValue().doubleValue() < 4.0).count();
			assertThat(lowLeukocytes).as("some leukopenia").isPositive();

			List<org.hl7.fhir.r4.model.AdverseEvent> events = all.stream()
					.filter(org.hl7.fhir.r4.model.AdverseEvent.class::isInstance)
					.map(org.hl7.fhir.r4.model.AdverseEvent.class::cast).toList();
			assertThat(events).hasSizeBetween(20, 100);
			assertThat(events).anySatisfy(e -> assertThat(e.getSuspectEntityFirstRep().getInstance().getReference())
					.startsWith("MedicationAdministration/"));
			assertThat(events).anySatisfy(e -> assertThat(e.getSeriousness().getCodingFirstRep().getCode())
					.isEqualTo("Serious"));
		}
	}
}
