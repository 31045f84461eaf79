package org.msclupus.fhir.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An interface engine that knows a patient's record number but not this server's id sends the value with a logical
 * reference ({@code "subject": {"identifier": {…}}}): the value belongs to the one patient with that identifier,
 * stored before or written in the same transaction (first or last), and counts in the subject's response as a value
 * sent with the id does.
 */
@H2ServerTest
class PatientReferencesByIdentifierIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 3, 2);
	static final String MRN = "urn:oid:2.16.840.1.113883.19.5";

	@LocalServerPort
	int port;

	@Test
	void aValueNamingItsPatientByIdentifierCountsForThatPatient() throws Exception {
		String key = "mrn-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords records = subjectWithoutWeek24(key);
		assertThat(send("POST", "", json(records.bundle())).statusCode()).isEqualTo(200);
		assertThat(renalResponse(key)).isEqualTo("NE");

		HttpResponse<String> stored = send("POST", "Observation", json(week24Upcr(key)));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
		Observation value = FHIR.newJsonParser().parseResource(Observation.class, stored.body());
		assertThat(value.getSubject().getReference()).isEqualTo("Patient/" + key);
		assertThat(value.getSubject().getIdentifier().getValue()).as("kept as sent").isEqualTo("MRN" + key);
		assertThat(renalResponse(key)).isEqualTo("CR");
	}

	@Test
	void aValueNamingAPatientOfItsOwnTransactionByIdentifierBelongsToIt() throws Exception {
		for (boolean patientFirst : new boolean[] {true, false}) {
			String key = "mrntx-" + patientFirst + "-" + System.nanoTime() % 1_000_000_000L;
			TrialRecords records = subjectWithoutWeek24(key);
			Bundle bundle = records.bundle();
			bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(week24Upcr(key))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			if (!patientFirst) {
				List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
				Bundle.BundleEntryComponent patient = entries.stream()
						.filter(e -> e.getResource() instanceof Patient).findFirst().orElseThrow();
				entries.remove(patient);
				entries.add(patient);
			}
			HttpResponse<String> stored = send("POST", "", json(bundle));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
			assertThat(renalResponse(key)).as("patient first: " + patientFirst).isEqualTo("CR");
		}
	}

	@Test
	void anIdentifierNoPatientOrSeveralHaveLeavesTheReferenceAsSent() throws Exception {
		String key = "mrnx-" + System.nanoTime() % 1_000_000_000L;
		for (int i = 0; i < 2; i++) {
			Patient twin = new Patient();
			twin.addIdentifier().setSystem(MRN).setValue("MRN" + key + "-twin");
			assertThat(send("POST", "Patient", json(twin)).statusCode()).isEqualTo(201);
		}
		for (String mrn : List.of("MRN" + key + "-nobody", "MRN" + key + "-twin")) {
			Observation value = week24Upcr(key);
			value.getSubject().getIdentifier().setValue(mrn);
			HttpResponse<String> stored = send("POST", "Observation", json(value));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
			assertThat(FHIR.newJsonParser().parseResource(Observation.class, stored.body()).getSubject().hasReference())
					.as(mrn).isFalse();
		}
	}

	/** Enrolled, infused, with baseline values; the patient also has a hospital record number. */
	private static TrialRecords subjectWithoutWeek24(String key) {
		TrialRecords records = new TrialRecords();
		String study = records.study(key, "NCT2" + Math.abs(key.hashCode() % 10_000_000), "weeks-24",
				List.of("ln-renal-response"));
		TrialRecords.Subject subject = records.subject(key, study, "uc-msc", DAY0.minusDays(5));
		records.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Patient.class::isInstance).map(Patient.class::cast)
				.forEach(p -> p.addIdentifier().setSystem(MRN).setValue("MRN" + key));
		subject.infusion(DAY0, 1);
		subject.creatinine(DAY0.minusDays(2), "1.0", "mg/dL");
		subject.upcr(DAY0.minusDays(2), "2.0", "g/g");
		subject.creatinine(DAY0.plusDays(168), "1.0", "mg/dL");
		return records;
	}

	/** The week-24 UPCR as the hospital's interface engine sends it: the patient by record number only. */
	private static Observation week24Upcr(String key) {
		TrialRecords other = new TrialRecords();
		TrialRecords.Subject scratch = other.subject(key, "ResearchStudy/none", "uc-msc", DAY0);
		scratch.upcr(DAY0.plusDays(168), "0.3", "g/g");
		Observation value = other.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Observation.class::isInstance).map(Observation.class::cast).findFirst().orElseThrow();
		value.setId((String) null);
		value.setSubject(new Reference().setType("Patient")
				.setIdentifier(new Identifier().setSystem(MRN).setValue("MRN" + key)));
		return value;
	}

	private String renalResponse(String key) throws Exception {
		HttpResponse<String> answer = send("GET", "ResearchSubject/" + key + "-enrolment/$evaluate-response"
				+ "?criteria=ln-renal-response&asOf=" + DAY0.plusDays(200), null);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Parameters.class, answer.body()).getParameterFirstRep().getPart()
				.stream().filter(p -> p.getName().equals("response")).findFirst()
				.map(p -> ((org.hl7.fhir.r4.model.CodeableConcept) p.getValue()).getCodingFirstRep().getCode())
				.orElseThrow();
	}

	private static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + path))
				.header("Accept", "application/fhir+json").header("Prefer", "return=representation");
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		return HttpClient.newHttpClient().send(request.method(method, body == null
				? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
