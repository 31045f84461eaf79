package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class LogicalReferencesTest {

	static final String MRN = "https://hospital.example.org/mrn";

	private static Bundle transaction() {
		return new Bundle().setType(Bundle.BundleType.TRANSACTION);
	}

	private static void putPatient(Bundle bundle, String id, String mrn) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(MRN).setValue(mrn);
		bundle.addEntry().setFullUrl("Patient/" + id).setResource(patient).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + id);
	}

	private static Observation value(Bundle bundle, Reference subject) {
		Observation observation = new Observation().setSubject(subject);
		bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(observation).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		return observation;
	}

	private static Reference byMrn(String system, String mrn) {
		return new Reference().setIdentifier(new Identifier().setSystem(system).setValue(mrn));
	}

	private static void resolve(Bundle bundle) {
		LogicalReferences.resolveInBundle(bundle, "Patient",
				(Resource r) -> r instanceof Observation o ? List.of(o.getSubject()) : List.of());
	}

	@Test
	void aLogicalReferenceToAPatientOfTheTransactionPointsAtItWhateverTheOrder() {
		Bundle bundle = transaction();
		Observation before = value(bundle, byMrn(MRN, "1"));
		putPatient(bundle, "p1", "1");
		Observation after = value(bundle, byMrn(MRN, "1"));
		resolve(bundle);
		assertThat(before.getSubject().getReference()).isEqualTo("Patient/p1");
		assertThat(after.getSubject().getReference()).isEqualTo("Patient/p1");
		assertThat(after.getSubject().getIdentifier().getValue()).as("kept").isEqualTo("1");
	}

	@Test
	void aPatientCreatedByPostIsReferencedByItsFullUrl() {
		Bundle bundle = transaction();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(MRN).setValue("2");
		bundle.addEntry().setFullUrl("urn:uuid:aaaa").setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Patient").setIfNoneExist("identifier=" + MRN + "|2");
		Observation observation = value(bundle, byMrn(MRN, "2"));
		resolve(bundle);
		assertThat(observation.getSubject().getReference()).isEqualTo("urn:uuid:aaaa");
	}

	@Test
	void withoutASystemAnyPatientWithTheValueMatchesAsTheTokenSearchDoes() {
		Bundle bundle = transaction();
		putPatient(bundle, "p3", "3");
		Observation observation = value(bundle, byMrn(null, "3"));
		Observation otherSystem = value(bundle, byMrn("urn:other", "3"));
		resolve(bundle);
		assertThat(observation.getSubject().getReference()).isEqualTo("Patient/p3");
		assertThat(otherSystem.getSubject().hasReference()).isFalse();
	}

	@Test
	void twoPatientsWithTheIdentifierADeletedOneOrAnotherTypeLeaveTheReferenceAsSent() {
		Bundle bundle = transaction();
		putPatient(bundle, "p4", "4");
		putPatient(bundle, "p5", "4");
		putPatient(bundle, "p6", "6");
		bundle.getEntry().get(2).getRequest().setMethod(Bundle.HTTPVerb.DELETE);
		Observation twins = value(bundle, byMrn(MRN, "4"));
		Observation deleted = value(bundle, byMrn(MRN, "6"));
		Observation group = value(bundle, byMrn(MRN, "4").setType("Group"));
		Observation literal = value(bundle, new Reference("Patient/elsewhere").setIdentifier(
				new Identifier().setSystem(MRN).setValue("6")));
		resolve(bundle);
		assertThat(twins.getSubject().hasReference()).isFalse();
		assertThat(deleted.getSubject().hasReference()).isFalse();
		assertThat(group.getSubject().hasReference()).isFalse();
		assertThat(literal.getSubject().getReference()).isEqualTo("Patient/elsewhere");
	}

	@Test
	void aBatchIsLeftAlone() {
		Bundle bundle = transaction().setType(Bundle.BundleType.BATCH);
		putPatient(bundle, "p7", "7");
		Observation observation = value(bundle, byMrn(MRN, "7"));
		resolve(bundle);
		assertThat(observation.getSubject().hasReference()).isFalse();
	}

	@Test
	void anUpdateKeepsItsLogicalReferenceOnlyWithTheSameSystemAndValue() {
		Reference stored = byMrn(MRN, "8");
		assertThat(LogicalReferences.sameLogicalReference(stored, byMrn(MRN, "8"), "Patient")).isTrue();
		assertThat(LogicalReferences.sameLogicalReference(stored, byMrn(MRN, "9"), "Patient")).isFalse();
		assertThat(LogicalReferences.sameLogicalReference(stored, byMrn("urn:oid:1.2.3", "8"), "Patient")).isFalse();
		assertThat(LogicalReferences.sameLogicalReference(byMrn(null, "8"), byMrn(null, "8"), "Patient")).isTrue();
		assertThat(LogicalReferences.sameLogicalReference(null, byMrn(MRN, "8"), "Patient")).as("a create").isFalse();
		assertThat(LogicalReferences.sameLogicalReference(new Reference("Patient/p8"), byMrn(MRN, "8"), "Patient"))
				.as("resolved before").isFalse();
		assertThat(LogicalReferences.sameLogicalReference(stored, byMrn(MRN, "8").setType("Group"), "Patient"))
				.as("another type").isFalse();
	}
}
