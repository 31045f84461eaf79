package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The FHIR REST contract of the server, run once per database (see the subclasses): the real application on a
 * random port, driven through HAPI's generic client and, for malformed input a client would never send, raw HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractFhirServerIT {

	static final String MRN_SYSTEM = "http://hospital.example.org/mrn";
	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final Path EHR_SAMPLES = Path.of("src/test/resources/ehr-samples");

	@LocalServerPort
	int port;

	IGenericClient client;
	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void createClient() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		client = FHIR.newRestfulGenericClient(baseUrl());
	}

	String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	@Autowired
	ApplicationContext applicationContext;

	/** The probes answer; no metrics or observations are collected, since nothing exposes them (ADR 0036). */
	@Test
	void healthProbesAnswerAndNoMetricsAreCollected() throws Exception {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(probe).isEqualTo(200);
			assertThat(answer.body()).as(probe).contains("UP");
		}
		assertThat(applicationContext.getBeanNamesForType(MeterRegistry.class)).isEmpty();
		assertThat(applicationContext.getBeanNamesForType(ObservationRegistry.class)).isEmpty();
		HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/actuator/metrics")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.statusCode()).isIn(401, 404);
	}

	static String unique() {
		return UUID.randomUUID().toString();
	}

	static Patient patient(String mrn) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
		patient.addName().setFamily("Trial").addGiven("Subject");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		return patient;
	}

	static Observation creatinine(String subjectReference, double mgPerDl) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2160-0");
		observation.setSubject(new Reference(subjectReference));
		observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-02"));
		observation.setValue(new Quantity().setValue(mgPerDl).setSystem("http://unitsofmeasure.org").setCode("mg/dL").setUnit("mg/dL"));
		return observation;
	}

	int countPatientsWithMrn(String mrn) {
		Bundle found = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN_SYSTEM, mrn))
				.summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
		return found.getTotal();
	}

	HttpResponse<String> send(String method, String path, String contentType, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.timeout(Duration.ofSeconds(60))
				.header("Accept", "application/fhir+json");
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static OperationOutcome outcome(HttpResponse<String> response) {
		return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
	}

	// ---- the audit trail (its own table, read-only at /AuditEvent) ----

	@Test
	void aCommittedWriteHasItsAuditRecordsAndARolledBackOneHasNone() throws Exception {
		java.time.Instant start = java.time.Instant.now().minusMillis(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUrn = "urn:uuid:" + unique();
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient(unique()))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (double value : new double[] {0.8, 0.9}) {
			transaction.addEntry().setFullUrl("urn:uuid:" + unique()).setResource(creatinine(patientUrn, value))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		Bundle stored = client.transaction().withBundle(transaction).execute();
		String patientId = new IdType(stored.getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless()
				.getValue();

		// Paged by offset, two at a time: every record of the three creates, each naming its patient.
		String first = "/AuditEvent?patient=" + patientId + "&action=C&_count=2&_sort=date";
		Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, send("GET", first, null, null).body());
		assertThat(page.getTotal()).isEqualTo(3);
		assertThat(page.getEntry()).hasSize(2);
		Bundle next = client.loadPage().next(page).execute();
		assertThat(next.getEntry()).hasSize(1);
		List<String> named = java.util.stream.Stream.concat(page.getEntry().stream(), next.getEntry().stream())
				.map(e -> (org.hl7.fhir.r4.model.AuditEvent) e.getResource())
				.flatMap(e -> e.getEntity().stream()).map(e -> e.getWhat().getReference())
				.filter(java.util.Objects::nonNull).toList();
		assertThat(named).contains("http://msc-lupus.org/fhir/audited/" + patientId)
				.anyMatch(reference -> reference.startsWith("http://msc-lupus.org/fhir/audited/Observation/"));
		// Ids in time order (UUID version 7), so the records of one write sit together in the audit tables' indexes.
		List<String> ids = java.util.stream.Stream.concat(page.getEntry().stream(), next.getEntry().stream())
				.map(e -> e.getResource().getIdElement().getIdPart()).toList();
		assertThat(ids).allSatisfy(id -> assertThat(java.util.UUID.fromString(id).version()).isEqualTo(7))
				.isSorted();
		org.hl7.fhir.r4.model.AuditEvent one = (org.hl7.fhir.r4.model.AuditEvent) page.getEntryFirstRep().getResource();
		assertThat(client.read().resource(org.hl7.fhir.r4.model.AuditEvent.class).withId(one.getIdPart()).execute()
				.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.C);

		// A transaction that fails stores neither its resources nor records of writing them; its refusal is recorded.
		java.time.Instant beforeFailure =
				java.time.Instant.now().minusMillis(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Bundle failing = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String failingUrn = "urn:uuid:" + unique();
		failing.addEntry().setFullUrl(failingUrn).setResource(patient(unique()))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		failing.addEntry().setFullUrl("urn:uuid:" + unique()).setResource(creatinine("Patient/missing-" + unique(), 1))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		assertThatThrownBy(() -> client.transaction().withBundle(failing).execute())
				.isInstanceOf(BaseServerResponseException.class);
		String since = "&date=ge" + beforeFailure;
		assertThat(auditTotal("/AuditEvent?action=C" + since)).isZero();
		assertThat(auditTotal("/AuditEvent?subtype=transaction&outcome=4" + since)).isEqualTo(1);
		assertThat(auditTotal("/AuditEvent?action=C&date=ge" + start)).isEqualTo(3);
	}

	@Test
	void theAuditTrailIsReadOnlyAndItsSearchesAreChecked() throws Exception {
		client.create().resource(patient(unique())).execute();
		Bundle newest = FHIR.newJsonParser().parseResource(Bundle.class,
				send("GET", "/AuditEvent?_sort=-date&_count=1", null, null).body());
		String event = FHIR.newJsonParser().encodeResourceToString(newest.getEntryFirstRep().getResource());
		String id = newest.getEntryFirstRep().getResource().getIdElement().getIdPart();
		assertThat(send("POST", "/AuditEvent", "application/fhir+json", event).statusCode()).isEqualTo(403);
		assertThat(send("PUT", "/AuditEvent/" + id, "application/fhir+json", event).statusCode()).isEqualTo(403);
		assertThat(send("DELETE", "/AuditEvent/" + id, null, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/AuditEvent/" + id, null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/AuditEvent/no-such-event", null, null).statusCode()).isEqualTo(404);
		HttpResponse<String> unknown = send("GET", "/AuditEvent?agent-name=x", null, null);
		assertThat(unknown.statusCode()).isEqualTo(400);
		HttpResponse<String> badSort = send("GET", "/AuditEvent?_sort=outcome", null, null);
		assertThat(badSort.statusCode()).isEqualTo(400);
		assertThat(outcome(badSort).getIssueFirstRep().getDiagnostics()).contains("sort by date");
		HttpResponse<String> negative = send("GET", "/AuditEvent?_offset=-1", null, null);
		assertThat(negative.statusCode()).isEqualTo(400);
		assertThat(outcome(negative).getIssueFirstRep().getDiagnostics()).contains("must not be negative");
		HttpResponse<String> modifier = send("GET", "/AuditEvent?action:not=C", null, null);
		assertThat(modifier.statusCode()).isEqualTo(400);
		assertThat(outcome(modifier).getIssueFirstRep().getDiagnostics()).contains("without modifiers");
	}

	int auditTotal(String search) throws Exception {
		HttpResponse<String> response = send("GET", search, null, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getTotal();
	}

	// ---- CRUD, versions, conditional create ----

	@Test
	void evaluatesTheResponseOfAStoredSubject() {
		// The set-based reader of $evaluate-response queries HAPI's tables directly: run it on every database.
		client.transaction().withBundle(org.msclupus.fhir.response.operation.ResponseScenarios.cohort()).execute();
		org.hl7.fhir.r4.model.Parameters in = new org.hl7.fhir.r4.model.Parameters();
		in.addParameter("criteria", new org.hl7.fhir.r4.model.CodeType("ln-renal-response"));
		in.addParameter("asOf", new org.hl7.fhir.r4.model.DateType("2027-02-01"));
		org.hl7.fhir.r4.model.Parameters out = client.operation().onInstance("ResearchSubject/ln-cr-enrolment")
				.named("$evaluate-response").withParameters(in).execute();
		var result = out.getParameterFirstRep();
		assertThat(result.getPart()).filteredOn(p -> p.getName().equals("response"))
				.extracting(p -> ((org.hl7.fhir.r4.model.CodeableConcept) p.getValue()).getCodingFirstRep().getCode())
				.containsExactly("CR");
		assertThat(result.getPart()).filteredOn(p -> p.getName().equals("evidence")).hasSize(14);
	}

	/**
	 * Persisted results have ids derived from their content; several clients asking at once meet at the database's
	 * unique key, on H2 and PostgreSQL alike: every one is answered with the one stored, none with a 409.
	 */
	@Test
	void aPersistedEvaluationAskedForByClientsAtOnceIsStoredOnce() throws Exception {
		client.transaction().withBundle(org.msclupus.fhir.response.operation.ResponseScenarios.cohort()).execute();
		org.hl7.fhir.r4.model.Parameters in = new org.hl7.fhir.r4.model.Parameters();
		in.addParameter("criteria", new org.hl7.fhir.r4.model.CodeType("sri-4"));
		in.addParameter("asOf", new org.hl7.fhir.r4.model.DateType("2027-02-01"));
		in.addParameter("persist", new org.hl7.fhir.r4.model.BooleanType(true));
		List<org.hl7.fhir.r4.model.Parameters> answers = org.msclupus.fhir.support.AtOnce.run(6, () -> client
				.operation().onInstance("ResearchSubject/ln-si-enrolment").named("$evaluate-response")
				.withParameters(in).execute());
		List<List<String>> assessments = answers.stream().map(a -> a.getParameterFirstRep().getPart().stream()
				.filter(p -> p.getName().equals("assessment"))
				.map(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference()).toList()).toList();
		assertThat(assessments.get(0)).hasSize(2);
		assertThat(assessments).allSatisfy(a -> assertThat(a).isEqualTo(assessments.get(0)));
	}

	@Test
	void createReadUpdateVreadPatchDelete() {
		String mrn = unique();
		MethodOutcome created = client.create().resource(patient(mrn)).execute();
		assertThat(created.getCreated()).isTrue();
		IIdType id = created.getId().toUnqualifiedVersionless();

		Patient read = client.read().resource(Patient.class).withId(id).execute();
		assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(mrn);
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");

		read.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1990-04-01"));
		MethodOutcome updated = client.update().resource(read).execute();
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

		Patient versionOne = client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
		assertThat(versionOne.hasBirthDate()).isFalse();

		String patch = "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"}]";
		client.patch().withBody(patch).withId(id).execute();
		Patient patched = client.read().resource(Patient.class).withId(id).execute();
		assertThat(patched.getGender()).isEqualTo(Enumerations.AdministrativeGender.MALE);
		assertThat(patched.getMeta().getVersionId()).isEqualTo("3");

		client.delete().resourceById(id).execute();
		assertThatThrownBy(() -> client.read().resource(Patient.class).withId(id).execute())
				.isInstanceOf(ResourceGoneException.class);
	}

	@Test
	void updateWithStaleIfMatchIsRejectedAndChangesNothing() {
		IIdType id = client.create().resource(patient(unique())).execute().getId().toUnqualifiedVersionless();
		Patient current = client.read().resource(Patient.class).withId(id).execute();
		current.setGender(Enumerations.AdministrativeGender.OTHER);
		client.update().resource(current).execute(); // now version 2

		Patient stale = client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
		stale.setGender(Enumerations.AdministrativeGender.UNKNOWN);
		stale.setId(id.withVersion("1"));
		assertThatThrownBy(() -> client.update().resource(stale).withId(id.withVersion("1")).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class,
						e -> assertThat(e.getStatusCode()).isIn(409, 412));

		Patient after = client.read().resource(Patient.class).withId(id).execute();
		assertThat(after.getMeta().getVersionId()).isEqualTo("2");
		assertThat(after.getGender()).isEqualTo(Enumerations.AdministrativeGender.OTHER);
	}

	@Test
	void ifMatchHeaderWithOldVersionGetsConflict() throws Exception {
		IIdType id = client.create().resource(patient(unique())).execute().getId().toUnqualifiedVersionless();
		Patient current = client.read().resource(Patient.class).withId(id).execute();
		client.update().resource(current.setActive(true)).execute();

		String body = FHIR.newJsonParser().encodeResourceToString(current.setActive(false));
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient/" + id.getIdPart()))
				.header("Content-Type", "application/fhir+json").header("If-Match", "W/\"1\"")
				.PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isIn(409, 412);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("version");
	}

	/**
	 * Two feeds PUT the same new resource by its id at the same moment (a Patient by the hospital's own id): PUT
	 * without If-Match asks for no precondition, so every one lands (one creates, the others update); they were 409s
	 * naming HAPI's client-assigned id constraint. The same by-id PUTs as transaction entries too.
	 */
	@Test
	void aResourcePutByItsIdFromClientsAtOnceIsStoredAndNoneGetsAConflict() throws Exception {
		String id = "put-race-" + unique();
		List<HttpResponse<String>> answers = org.msclupus.fhir.support.AtOnce.run(6, () -> send("PUT", "/Patient/" + id,
				"application/fhir+json", FHIR.newJsonParser().encodeResourceToString(patient(unique()).setId(id))));
		assertThat(answers).extracting(HttpResponse::statusCode).allMatch(code -> code == 200 || code == 201)
				.contains(201);
		assertThat(client.read().resource(Patient.class).withId(id).execute().getIdElement().getVersionIdPart())
				.isNotNull();
		// then every feed writes it again at once, as a whole and as a patch: each write is a version of its own
		List<HttpResponse<String>> updates = org.msclupus.fhir.support.AtOnce.run(6, () -> send("PUT", "/Patient/" + id,
				"application/fhir+json", FHIR.newJsonParser().encodeResourceToString(patient(unique()).setId(id))));
		assertThat(updates).extracting(HttpResponse::statusCode).containsOnly(200);
		List<HttpResponse<String>> patches = org.msclupus.fhir.support.AtOnce.run(6, () -> send("PATCH",
				"/Patient/" + id, "application/json-patch+json",
				"[{\"op\": \"add\", \"path\": \"/active\", \"value\": true}]"));
		assertThat(patches).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(client.history().onInstance("Patient/" + id).returnBundle(Bundle.class).execute().getTotal())
				.isGreaterThanOrEqualTo(7);

		String inBundle = "put-race-" + unique();
		List<HttpResponse<String>> transactions = org.msclupus.fhir.support.AtOnce.run(6, () -> {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			bundle.addEntry().setResource(patient(unique()).setId(inBundle)).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + inBundle);
			return send("POST", "", "application/fhir+json", FHIR.newJsonParser().encodeResourceToString(bundle));
		});
		assertThat(transactions).extracting(HttpResponse::statusCode).containsOnly(200);
	}

	@Test
	void conditionalCreateReturnsTheExistingResource() {
		String mrn = unique();
		String condition = "identifier=" + MRN_SYSTEM + "|" + mrn;
		MethodOutcome first = client.create().resource(patient(mrn)).conditionalByUrl("Patient?" + condition).execute();
		MethodOutcome second = client.create().resource(patient(mrn)).conditionalByUrl("Patient?" + condition).execute();
		assertThat(first.getCreated()).isTrue();
		assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
		assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
		assertThat(countPatientsWithMrn(mrn)).isEqualTo(1);
	}

	@Test
	void conditionalUpdateCreatesThenUpdatesTheSameResource() {
		String mrn = unique();
		String condition = "Patient?identifier=" + MRN_SYSTEM + "|" + mrn;
		MethodOutcome first = client.update().resource(patient(mrn)).conditionalByUrl(condition).execute();
		MethodOutcome second = client.update().resource(patient(mrn).setActive(true)).conditionalByUrl(condition).execute();
		assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
		assertThat(second.getId().getVersionIdPart()).isEqualTo("2");
		assertThat(countPatientsWithMrn(mrn)).isEqualTo(1);
	}

	// ---- Bundles ----

	@Test
	void fiftyEntryTransactionIsStoredWhole() {
		String mrn = unique();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUrn = "urn:uuid:" + unique();
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient(mrn))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (int i = 0; i < 49; i++) {
			transaction.addEntry().setFullUrl("urn:uuid:" + unique()).setResource(creatinine(patientUrn, 0.7 + i / 100.0))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		Bundle response = client.transaction().withBundle(transaction).execute();
		assertThat(response.getEntry()).hasSize(50)
				.allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));

		String patientId = new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
		Bundle observations = client.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId("Patient/" + patientId))
				.summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
		assertThat(observations.getTotal()).isEqualTo(49);
	}

	@Test
	void transactionWithOneInvalidEntryStoresNothing() {
		String mrn = unique();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUrn = "urn:uuid:" + unique();
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient(mrn))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		transaction.addEntry().setFullUrl("urn:uuid:" + unique()).setResource(creatinine(patientUrn, 0.9))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		// Dangling reference: the server must refuse it, and with it the whole transaction.
		transaction.addEntry().setFullUrl("urn:uuid:" + unique()).setResource(creatinine("Patient/does-not-exist-" + mrn, 1.1))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isBetween(400, 499);
					assertThat(e.getResponseBody()).contains("does-not-exist-" + mrn);
				});
		assertThat(countPatientsWithMrn(mrn)).isZero();
	}

	@Test
	void batchProcessesEntriesIndependently() {
		String mrn = unique();
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().setResource(patient(mrn)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/does-not-exist-" + mrn);
		Bundle response = client.transaction().withBundle(batch).execute();
		assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
		assertThat(countPatientsWithMrn(mrn)).isEqualTo(1);
	}

	@Test
	void syntheaTransactionBundleIsAcceptedAsIs() throws Exception {
		Path sample = EHR_SAMPLES.resolve("Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json");
		HttpResponse<String> response = send("POST", "", "application/fhir+json", Files.readString(sample));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Bundle result = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
		assertThat(result.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		assertThat(result.getEntry()).isNotEmpty()
				.allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
	}

	// ---- Search ----

	@Test
	void searchWithIncludeChainAndElements() {
		String mrn = unique();
		IIdType patientId = client.create().resource(patient(mrn)).execute().getId().toUnqualifiedVersionless();
		client.create().resource(creatinine(patientId.getValue(), 0.8)).execute();
		client.create().resource(creatinine(patientId.getValue(), 1.3)).execute();

		Bundle included = client.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patientId))
				.include(Observation.INCLUDE_SUBJECT)
				.returnBundle(Bundle.class).execute();
		assertThat(included.getEntry()).hasSize(3);
		assertThat(included.getEntry().stream().filter(e -> e.getResource() instanceof Patient)).hasSize(1);

		Bundle chained = client.search().byUrl("Observation?subject:Patient.identifier=" + MRN_SYSTEM + "|" + mrn
						+ "&code=http://loinc.org|2160-0&value-quantity=gt1.0")
				.returnBundle(Bundle.class).execute();
		assertThat(chained.getEntry()).hasSize(1);

		Bundle revIncluded = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN_SYSTEM, mrn))
				.revInclude(Observation.INCLUDE_SUBJECT)
				.elementsSubset("identifier")
				.returnBundle(Bundle.class).execute();
		assertThat(revIncluded.getEntry()).hasSize(3);
		Patient summarised = (Patient) revIncluded.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof Patient).findFirst().orElseThrow();
		assertThat(summarised.hasName()).isFalse();
		assertThat(summarised.getIdentifierFirstRep().getValue()).isEqualTo(mrn);
	}

	@Test
	void searchResultsArePaged() {
		String tag = unique();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < 25; i++) {
			Patient p = patient(unique());
			p.getMeta().addTag("http://msc-lupus.org/fhir/test-run", tag, null);
			transaction.addEntry().setResource(p).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		}
		client.transaction().withBundle(transaction).execute();

		Bundle page = client.search().forResource(Patient.class)
				.withTag("http://msc-lupus.org/fhir/test-run", tag).count(10).returnBundle(Bundle.class).execute();
		int seen = page.getEntry().size();
		int pages = 1;
		assertThat(seen).isEqualTo(10);
		while (page.getLink(Bundle.LINK_NEXT) != null) {
			page = client.loadPage().next(page).execute();
			seen += page.getEntry().size();
			pages++;
		}
		assertThat(seen).isEqualTo(25);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void historyListsEveryVersion() {
		IIdType id = client.create().resource(patient(unique())).execute().getId().toUnqualifiedVersionless();
		Patient current = client.read().resource(Patient.class).withId(id).execute();
		client.update().resource(current.setActive(true)).execute();
		current = client.read().resource(Patient.class).withId(id).execute();
		client.update().resource(current.setActive(false)).execute();

		Bundle history = client.history().onInstance(id).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(3);
		assertThat(history.getEntry().stream().map(e -> e.getResource().getMeta().getVersionId()).collect(Collectors.toList()))
				.containsExactly("3", "2", "1");
	}

	// ---- $validate, $export, CapabilityStatement ----

	@Test
	void validateReportsErrorsInAnOperationOutcome() throws Exception {
		// An Observation without the mandatory status and code.
		HttpResponse<String> invalid = send("POST", "/Observation/$validate", "application/fhir+json",
				"{\"resourceType\":\"Observation\",\"valueString\":\"x\"}");
		assertThat(invalid.statusCode()).isBetween(200, 499);
		OperationOutcome problems = outcome(invalid);
		assertThat(problems.getIssue()).anySatisfy(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getDiagnostics()).contains("Observation.status");
		});

		HttpResponse<String> valid = send("POST", "/Patient/$validate", "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(patient(unique())));
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(outcome(valid).getIssue()).noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
	}

	@Test
	void systemBulkExportCompletesWithNdjsonOutput() throws Exception {
		client.create().resource(patient(unique())).execute();
		HttpResponse<String> kickOff = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/$export?_type=Patient"))
				.header("Prefer", "respond-async").header("Accept", "application/fhir+json").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(kickOff.statusCode()).isEqualTo(202);
		String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();

		HttpResponse<String> status = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		while (System.nanoTime() < deadline) {
			status = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
			if (status.statusCode() != 202) {
				break;
			}
			Thread.sleep(1000);
		}
		assertThat(status).isNotNull();
		assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
		Map<?, ?> manifest = new ObjectMapper().readValue(status.body(), Map.class);
		List<?> output = (List<?>) manifest.get("output");
		assertThat(output).isNotEmpty().allSatisfy(file -> {
			assertThat(((Map<?, ?>) file).get("type")).isEqualTo("Patient");
			assertThat((String) ((Map<?, ?>) file).get("url")).contains("/Binary/");
		});
	}

	@Test
	void capabilityStatementDescribesTheApi() {
		CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
		CapabilityStatement.CapabilityStatementRestComponent rest = cs.getRestFirstRep();
		assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode())
				.contains("transaction", "batch", "history-system");
		assertThat(rest.getOperation()).extracting(o -> o.getName()).contains("export").doesNotContain("expunge");
		CapabilityStatement.CapabilityStatementRestResourceComponent patient = rest.getResource().stream()
				.filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
		assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
				.contains("read", "vread", "update", "patch", "delete", "create", "search-type", "history-instance");
		assertThat(patient.getConditionalCreate()).isTrue();
		assertThat(patient.getVersioning()).isNotNull();
		assertThat(patient.getOperation()).extracting(o -> o.getName())
				.contains("validate", "export", "everything").doesNotContain("hapi.fhir.merge", "expunge");
		assertThat(patient.getSearchInclude()).isNotEmpty();
		assertThat(patient.getSearchRevInclude()).isNotEmpty();
	}

	// ---- Bad input: 4xx with an OperationOutcome, nothing stored ----

	@Test
	void malformedJsonGets400AndStoresNothing() throws Exception {
		String mrn = unique();
		String body = FHIR.newJsonParser().encodeResourceToString(patient(mrn));
		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+json", body.substring(0, body.length() - 5));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("is not valid JSON");
		assertThat(countPatientsWithMrn(mrn)).isZero();
	}

	@Test
	void malformedXmlGets400() throws Exception {
		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+xml",
				"<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"female\"></Patient>");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(outcome(response).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	@Test
	void wrongResourceTypeInBodyGets400AndStoresNothing() throws Exception {
		String mrn = unique();
		String body = FHIR.newJsonParser().encodeResourceToString(patient(mrn));
		HttpResponse<String> response = send("POST", "/Observation", "application/fhir+json", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics())
				.contains("expected \"Observation\" but found \"Patient\"");
		assertThat(countPatientsWithMrn(mrn)).isZero();
	}

	@Test
	void unknownResourceTypeGets404WithOperationOutcome() throws Exception {
		HttpResponse<String> response = send("POST", "/TrialWidget", "application/fhir+json", "{\"resourceType\":\"TrialWidget\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("Unknown resource type 'TrialWidget'");
	}

	@Test
	void invalidCodeValueGets400() throws Exception {
		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+json",
				"{\"resourceType\":\"Patient\",\"gender\":\"bogus\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("bogus");
	}

	@Test
	void unknownSearchParameterGets400() throws Exception {
		HttpResponse<String> response = send("GET", "/Patient?shoe-size=42", null, null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("shoe-size");
	}

	@Test
	void oversizedRequestGets413AndStoresNothing() throws Exception {
		String mrn = unique();
		Patient huge = patient(mrn);
		huge.addName().setText("x".repeat(21 * 1024 * 1024));
		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(huge));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("maximum allowed size");
		assertThat(countPatientsWithMrn(mrn)).isZero();
	}

	@Test
	void oversizedChunkedRequestGets413AndStoresNothing() throws Exception {
		String mrn = unique();
		Patient huge = patient(mrn);
		huge.addName().setText("y".repeat(21 * 1024 * 1024));
		byte[] body = FHIR.newJsonParser().encodeResourceToString(huge).getBytes();
		// A streamed publisher of unknown length makes the client send Transfer-Encoding: chunked.
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient"))
				.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("maximum allowed size");
		assertThat(countPatientsWithMrn(mrn)).isZero();
	}

	@Test
	void administrativeOperationsAreRefused() throws Exception {
		HttpResponse<String> response = send("POST", "/$mark-all-resources-for-reindexing", "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(new Parameters()));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("administrative");
	}
}
