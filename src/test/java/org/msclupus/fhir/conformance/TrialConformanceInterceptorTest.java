package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialConformanceInterceptorTest {

	static TrialConformanceInterceptor interceptor;

	@BeforeAll
	static void build() {
		ConformanceResources conformance = ConformanceResources.loadFromClasspath(FhirContext.forR4Cached());
		interceptor = new TrialConformanceInterceptor(new TrialProfiles(conformance),
				new LocalCodeTranslator(conformance.conceptMaps()), ProfileRulesTest.standaloneValidator(),
				new AcceptedShapes(FhirContext.forR4Cached(), ProfileRulesTest.standaloneChain(), 0));
	}

	static Observation alt(String unit) {
		Observation alt = new Observation();
		alt.setStatus(Observation.ObservationStatus.FINAL);
		alt.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
		alt.getCode().addCoding().setSystem("http://loinc.org").setCode("1742-6");
		alt.setSubject(new Reference("Patient/p1"));
		alt.setEffective(new DateTimeType("2024-01-10"));
		alt.setValue(new Quantity().setValue(40).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
		return alt;
	}

	@Test
	void conformingResourceIsStoredDeclaringItsProfile() {
		Observation ok = alt("U/L");
		interceptor.beforeCreate(ok);
		assertThat(ok.getMeta().hasProfile(ConformanceResources.STRUCTURE_DEFINITION_BASE + "trial-lab-result")).isTrue();
	}

	@Test
	void internationalUnitAliasIsNormalisedBeforeValidation() {
		Observation iu = alt("IU/L");
		interceptor.beforeCreate(iu);
		assertThat(iu.getValueQuantity().getCode()).isEqualTo("[IU]/L");
	}

	@Test
	void nonConformingResourceIsRefusedWith422NamingTheResourceElementAndRule() {
		Observation bad = alt("kelvin-ish");
		assertThatThrownBy(() -> interceptor.beforeCreate(bad))
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(422);
					OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
					assertThat(outcome.getIssue()).isNotEmpty().allSatisfy(issue -> {
						assertThat(issue.getDiagnostics()).startsWith("Observation with code http://loinc.org|1742-6 does not conform to");
						assertThat(issue.getExpression()).isNotEmpty();
					});
				});
		assertThat(bad.getMeta().hasProfile()).isFalse();
	}

	@Test
	void ordinaryEhrResourcesPassUntouched() {
		Patient patient = new Patient();
		interceptor.beforeCreate(patient);
		assertThat(patient.getMeta().hasProfile()).isFalse();
	}
}
