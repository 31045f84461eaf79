package org.msclupus.fhir.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
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
import org.springframework.beans.factory.annotation.Autowired;
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

	@Autowired
	DaoRegistry daos;

	@Autowired
	IInterceptorService interceptors;

	@Autowired
	PatientReferencesByIdentifier patientReferences;

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
	void anIdentifierNoPatientOrSeveralHaveIsRefusedAndNothingOfItsTransactionIsStored() throws Exception {
		String key = "mrnx-" + System.nanoTime() % 1_000_000_000L;
		for (int i = 0; i < 2; i++) {
			Patient twin = new Patient();
			twin.addIdentifier().setSystem(MRN).setValue("MRN" + key + "-twin");
			assertThat(send("POST", "Patient", json(twin)).statusCode()).isEqualTo(201);
		}
		TrialRecords known = subjectWithoutWeek24(key);
		assertThat(send("POST", "", json(known.bundle())).statusCode()).isEqualTo(200);
		record Case(String mrn, boolean typed, int status, String says) {
		}
		for (Case refused : List.of(new Case("MRN" + key + "-nobody", true, 400, "no stored Patient"),
				new Case("MRN" + key + "-nobody", false, 400, "no stored Patient"),
				new Case("MRN" + key + "-twin", true, 412, "2 stored Patient resources"))) {
			Observation value = week24Upcr(key);
			value.getSubject().getIdentifier().setValue(refused.mrn());
			if (!refused.typed()) {
				value.getSubject().setType(null);
			}
			HttpResponse<String> alone = send("POST", "Observation", json(value));
			assertThat(alone.statusCode()).as(alone.body()).isEqualTo(refused.status());
			assertThat(alone.body()).contains("Observation.subject", MRN + "|" + refused.mrn(), refused.says());

			// Beside a value for a known patient, in one transaction: neither is stored.
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			transaction.addEntry().setResource(value).getRequest().setMethod(Bundle.HTTPVerb.POST)
					.setUrl("Observation");
			Observation other = week24Upcr(key);
			transaction.addEntry().setResource(other).getRequest().setMethod(Bundle.HTTPVerb.POST)
					.setUrl("Observation");
			HttpResponse<String> together = send("POST", "", json(transaction));
			assertThat(together.statusCode()).as(together.body()).isEqualTo(refused.status());
			assertThat(renalResponse(key)).as("the known patient's value was not stored either").isEqualTo("NE");
		}
		assertThat(send("GET", "Observation?subject=Patient/" + key + "&code=" + TrialCodes.LOINC
				+ "%7C2890-2&_summary=count", null).body()).contains("\"total\":1");

		// The feed's retry after the patient has arrived (another order of the same two messages) is stored.
		Patient late = new Patient();
		late.addIdentifier().setSystem(MRN).setValue("MRN" + key + "-nobody");
		HttpResponse<String> patient = send("POST", "Patient", json(late));
		assertThat(patient.statusCode()).isEqualTo(201);
		Observation resent = week24Upcr(key);
		resent.getSubject().getIdentifier().setValue("MRN" + key + "-nobody");
		HttpResponse<String> stored = send("POST", "Observation", json(resent));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
		assertThat(FHIR.newJsonParser().parseResource(Observation.class, stored.body()).getSubject().getReference())
				.isEqualTo("Patient/" + FHIR.newJsonParser().parseResource(Patient.class, patient.body()).getIdPart());
	}

	@Test
	void aRecordStoredWithAnUnknownIdentifierBeforeTheRuleCanStillBeCorrected() throws Exception {
		String key = "mrnold-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords known = subjectWithoutWeek24(key);
		assertThat(send("POST", "", json(known.bundle())).statusCode()).isEqualTo(200);
		Observation orphan = week24Upcr(key);
		orphan.getSubject().getIdentifier().setValue("MRN" + key + "-before-the-rule");
		String id;
		interceptors.unregisterInterceptor(patientReferences);
		try {
			id = daos.getResourceDao(Observation.class).create(orphan, new SystemRequestDetails()).getId()
					.getIdPart();
		} finally {
			interceptors.registerInterceptor(patientReferences);
		}
		Observation stored = FHIR.newJsonParser().parseResource(Observation.class,
				send("GET", "Observation/" + id, null).body());
		stored.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
		HttpResponse<String> retracted = send("PUT", "Observation/" + id, json(stored));
		assertThat(retracted.statusCode()).as(retracted.body()).isEqualTo(200);

		stored.getSubject().getIdentifier().setValue("MRN" + key + "-another-unknown");
		HttpResponse<String> changed = send("PUT", "Observation/" + id, json(stored));
		assertThat(changed.statusCode()).as("a new unknown identifier: " + changed.body()).isEqualTo(400);

		stored.getSubject().getIdentifier().setValue("MRN" + key);
		HttpResponse<String> resolved = send("PUT", "Observation/" + id, json(stored));
		assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(Observation.class, resolved.body()).getSubject().getReference())
				.isEqualTo("Patient/" + key);
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
