package org.msclupus.fhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.design.TrialCodes;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with security on (as in production), driven over HTTP with tokens signed as an identity provider would:
 * authentication, SMART scopes, patient and site confinement, and the audit trail of all of it.
 *
 * <p>Data: study sec-trial with four subjects, two enrolled through site A (sec-a1, sec-a2) and two through site B
 * (sec-b1, sec-b2), each with a SLEDAI-2K score and an ALT value; sec-b1 has an adverse event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
	"msc.storage.data-dir=target/it-data/secure",
	"msc.security.enabled=true",
	"msc.security.issuer-uri=" + TestTokens.ISSUER
})
class SecurityIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String SITE_A = "Organization/sec-site-a";
	static final String SITE_B = "Organization/sec-site-b";
	static final LocalDate DAY0 = LocalDate.parse("2026-02-02");

	static final String SPONSOR = TestTokens.token("system/*.cruds").subject("sponsor-loader").build();
	static final String AUDITOR = TestTokens.token("user/AuditEvent.rs").subject("auditor").build();

	@DynamicPropertySource
	static void publicKey(DynamicPropertyRegistry registry) {
		registry.add("msc.security.public-key-location", () -> "file:" + TestTokens.publicKeyPem());
	}

	@LocalServerPort
	int port;
	final HttpClient http = HttpClient.newHttpClient();

	record Answer(int status, String body, HttpResponse<String> response) {
		Resource resource() {
			return (Resource) FHIR.newJsonParser().parseResource(body);
		}

		String diagnostics() {
			return ((OperationOutcome) resource()).getIssueFirstRep().getDiagnostics();
		}

		/** Every resource id in a search or history answer. */
		Set<String> ids() {
			return ((Bundle) resource()).getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
					.map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
					.collect(Collectors.toSet());
		}
	}

	@BeforeEach
	void loadStudy() {
		TrialRecords records = new TrialRecords();
		records.site("sec-site-a", "Site A hospital");
		records.site("sec-site-b", "Site B hospital");
		String study = records.study("sec-trial", "NCT09999999", "months-12", List.of("sri-4"));
		for (String key : List.of("sec-a1", "sec-a2", "sec-b1", "sec-b2")) {
			TrialRecords.Subject subject = records.subject(key, study, key.endsWith("1") ? "uc-msc" : "control",
					DAY0.minusDays(3), key.contains("-a") ? SITE_A : SITE_B);
			String infusion = subject.infusion(DAY0, 1);
			subject.sledai(DAY0.minusDays(1), 10);
			subject.safetyLab("alt", "1742-6", DAY0.minusDays(2), "30", "U/L", "7", "40");
			if (key.equals("sec-b1")) {
				subject.adverseEvent(study, "Fever", DAY0.atTime(12, 0), false, 1, infusion, "Probably-Likely");
			}
		}
		client(SPONSOR).transaction().withBundle(records.bundle()).execute();
	}

	IGenericClient client(String token) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = FHIR.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return client;
	}

	String base() {
		return "http://localhost:" + port + "/fhir";
	}

	Answer send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body))
				.header("Accept", "application/fhir+json");
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body(), response);
	}

	Answer get(String path, String token) throws Exception {
		return send("GET", path, token, null);
	}

	static String marker() {
		return "m" + UUID.randomUUID().toString().replace("-", "");
	}

	// --- authentication -------------------------------------------------------------------------------------------

	@Test
	void publicEndpointsNeedNoToken() throws Exception {
		Answer metadata = get("/metadata", null);
		assertThat(metadata.status()).isEqualTo(200);
		assertThat(metadata.body()).contains("SMART-on-FHIR");
		for (String path : List.of(base() + "/.well-known/smart-configuration",
				"http://localhost:" + port + "/.well-known/smart-configuration")) {
			Answer smart = get(path, null);
			assertThat(smart.status()).isEqualTo(200);
			assertThat(smart.body()).contains("\"issuer\"", TestTokens.ISSUER, "permission-v2");
		}
	}

	@Test
	void requestsWithoutAValidTokenGet401WithAnOperationOutcome() throws Exception {
		String mark = marker();
		String path = "/Patient?identifier=" + mark;
		Answer none = get(path, null);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				h -> assertThat(h).startsWith("Bearer"));
		assertThat(none.diagnostics()).contains("bearer token");

		String expired = TestTokens.token("system/*.rs").expiresAt(Instant.now().minusSeconds(120)).build();
		String stranger = TestTokens.token("system/*.rs").signedByStranger().build();
		String otherIssuer = TestTokens.token("system/*.rs").issuer("https://evil.example").build();
		String noExpiry = TestTokens.token("system/*.rs").expiresAt(null).build();
		for (String token : List.of(expired, stranger, otherIssuer, noExpiry, "not-a-jwt")) {
			Answer refused = get(path, token);
			assertThat(refused.status()).as(token).isEqualTo(401);
			assertThat(refused.resource()).isInstanceOf(OperationOutcome.class);
			assertThat(refused.diagnostics()).contains("not valid");
		}
		// All six attempts are in the audit trail, as failures.
		List<AuditEvent> audited = auditEventsMentioning(mark);
		assertThat(audited).hasSize(6).allSatisfy(e -> {
			assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
			assertThat(e.getOutcomeDesc()).startsWith("HTTP 401");
		});
	}

	// --- scopes ---------------------------------------------------------------------------------------------------

	@Test
	void aScopeAllowsItsInteractionsAndNothingElse() throws Exception {
		String observationReader = TestTokens.token("user/Observation.rs").build();
		assertThat(get("/Observation?subject=Patient/sec-a1", observationReader).status()).isEqualTo(200);
		Answer patient = get("/Patient/sec-a1", observationReader);
		assertThat(patient.status()).isEqualTo(403);
		assertThat(patient.diagnostics()).contains("Access denied");

		// Observation.c: create Observations and nothing else.
		String creator = TestTokens.token("user/Observation.c").subject("ehr-feed").build();
		String observation = FHIR.newJsonParser().encodeResourceToString(client(SPONSOR).read()
				.resource(org.hl7.fhir.r4.model.Observation.class).withId("sec-a1-sledai-2k-" + DAY0.minusDays(1))
				.execute().setId((String) null).setMeta(null));
		Answer created = send("POST", "/Observation", creator, observation);
		assertThat(created.status()).isEqualTo(201);
		String location = created.response().headers().firstValue("Location").orElseThrow();
		String id = location.substring(location.indexOf("Observation/")).replaceAll("/_history.*", "");
		assertThat(get("/" + id, creator).status()).isEqualTo(403);
		assertThat(send("PUT", "/" + id, creator, observation.replace("{", "{\"id\":\""
				+ id.substring("Observation/".length()) + "\",")).status()).isEqualTo(403);
		assertThat(send("DELETE", "/" + id, creator, null).status()).isEqualTo(403);
		assertThat(send("POST", "/Patient", creator, "{\"resourceType\":\"Patient\"}").status()).isEqualTo(403);

		// Study-level operations take an explicit scope on ResearchStudy.
		assertThat(get("/ResearchStudy/sec-trial/$safety-summary", observationReader).status()).isEqualTo(403);
		String studyReader = TestTokens.token("user/ResearchStudy.rs").build();
		assertThat(get("/ResearchStudy/sec-trial/$safety-summary", studyReader).status()).isEqualTo(200);
		String pool = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"outcome\",\"valueCode\":"
				+ "\"adverse-event\"},{\"name\":\"study\",\"valueReference\":{\"reference\":"
				+ "\"ResearchStudy/sec-trial\"}},{\"name\":\"externalStudy\",\"part\":[{\"name\":\"name\","
				+ "\"valueString\":\"B\"},{\"name\":\"events\",\"valueInteger\":1},{\"name\":\"total\","
				+ "\"valueInteger\":5},{\"name\":\"referenceEvents\",\"valueInteger\":2},"
				+ "{\"name\":\"referenceTotal\",\"valueInteger\":5}]}]}";
		assertThat(send("POST", "/ResearchStudy/$meta-analysis", observationReader, pool).status()).isEqualTo(403);
		Answer pooled = send("POST", "/ResearchStudy/$meta-analysis", studyReader, pool);
		assertThat(pooled.status()).as(pooled.body()).isEqualTo(200);
	}

	// --- patient-level tokens -------------------------------------------------------------------------------------

	@Test
	void aPatientTokenSeesOnlyItsOwnCompartment() throws Exception {
		String app = "patient-app-" + marker();
		String token = TestTokens.token("patient/*.rs").patient("sec-a1").subject(app).build();
		assertThat(get("/Patient/sec-a1", token).status()).isEqualTo(200);
		assertThat(get("/Patient/sec-b1", token).status()).isEqualTo(403);
		// The refusal is in the audit trail, naming the record the app tried to reach.
		assertThat(auditEventsOf(app)).anySatisfy(e -> {
			assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
			assertThat(e.getEntity()).anySatisfy(x -> assertThat(x.getWhat().getReference())
					.isEqualTo("http://msc-lupus.org/fhir/audited/Patient/sec-b1"));
		});
		assertThat(get("/Observation/sec-b1-sledai-2k-" + DAY0.minusDays(1), token).status()).isEqualTo(403);

		// Searches are narrowed to the patient's compartment; asking for another patient finds nothing of theirs.
		assertOnlyOwnData(get("/Observation", token), "sec-a1");
		assertOnlyOwnData(get("/Observation?subject=Patient/sec-b1", token), "sec-a1");
		assertOnlyOwnData(get("/Patient?_id=sec-b1", token), "sec-a1");
		assertOnlyOwnData(get("/Observation?_include=Observation:subject", token), "sec-a1");
		assertOnlyOwnData(get("/Patient?_revinclude=Observation:subject", token), "sec-a1");
		assertOnlyOwnData(get("/Observation?subject=Patient/sec-a1&_include=*", token), "sec-a1");
		assertOnlyOwnData(get("/Observation/_history", token), "sec-a1");
		assertOnlyOwnData(get("/_history", token), "sec-a1");
		assertThat(get("/ResearchStudy/sec-trial/$safety-summary", token).status()).isEqualTo(403);
		assertThat(get("/$export", token).status()).isEqualTo(403);
	}

	/** Either refused, or an answer holding nothing of any patient but {@code own}. */
	private static void assertOnlyOwnData(Answer answer, String own) {
		assertThat(answer.status()).as(answer.body()).isIn(200, 403);
		if (answer.status() == 200) {
			Bundle bundle = (Bundle) answer.resource();
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.hasResource()) {
					String text = FHIR.newJsonParser().encodeResourceToString(entry.getResource());
					assertThat(text).doesNotContain("sec-a2", "sec-b1", "sec-b2").as(own);
				}
			}
		}
	}

	// --- sites ----------------------------------------------------------------------------------------------------

	@Test
	void aSiteSeesOnlyItsOwnSubjectsAndTheirData() throws Exception {
		String siteA = TestTokens.token("user/*.rs").site(SITE_A).subject("site-a-coordinator").build();
		assertThat(subjectsIn(get("/ResearchSubject?study=ResearchStudy/sec-trial", siteA)))
				.containsExactlyInAnyOrder("ResearchSubject/sec-a1-enrolment", "ResearchSubject/sec-a2-enrolment");
		assertThat(get("/ResearchSubject/sec-b1-enrolment", siteA).status()).isEqualTo(403);
		assertThat(get("/Patient/sec-b2", siteA).status()).isEqualTo(403);
		Answer observations = get("/Observation?code=http://loinc.org%7C1742-6", siteA);
		assertThat(observations.status()).isEqualTo(200);
		assertThat(observations.ids()).isNotEmpty().allSatisfy(id -> assertThat(id).contains("sec-a"));
		assertOnlyOwnData(get("/Observation?subject=Patient/sec-b1", siteA), "site A");
		assertThat(get("/ResearchStudy/sec-trial", siteA).status()).isEqualTo(200);
		assertThat(get("/Organization/sec-site-b", siteA).status()).isEqualTo(200);
		assertThat(get("/$export", siteA).status()).isEqualTo(403);

		// Study-level operations aggregate the site's own subjects: two at site A (one per arm), of four.
		assertThat(rateDenominators(get("/ResearchStudy/sec-trial/$safety-summary", siteA))).containsOnly(1, 2);
		assertThat(rateDenominators(get("/ResearchStudy/sec-trial/$safety-summary", SPONSOR))).contains(4);
		assertThat(get("/ResearchStudy/sec-trial/$safety-summary", siteA).body()).doesNotContain("sec-b1");
		Parameters evaluation = (Parameters) get("/ResearchStudy/sec-trial/$evaluate-response?criteria=sri-4", siteA)
				.resource();
		assertThat(evaluatedSubjects(evaluation))
				.containsExactlyInAnyOrder("ResearchSubject/sec-a1-enrolment", "ResearchSubject/sec-a2-enrolment");
		assertThat(get("/ResearchStudy/sec-trial/$evaluate-response?criteria=sri-4&persist=true", siteA).status())
				.isEqualTo(403);
		// Visit compliance: its own subjects only, and another site's visits are refused.
		Answer visits = get("/ResearchStudy/sec-trial/$visit-compliance", siteA);
		assertThat(visits.status()).as(visits.body()).isEqualTo(200);
		assertThat(visits.body()).contains("sec-a1-enrolment", "sec-a2-enrolment").doesNotContain("sec-b1", "sec-b2");
		assertThat(get("/ResearchStudy/sec-trial/$visit-compliance?site=sec-site-b", siteA).status()).isEqualTo(403);
		assertThat(get("/ResearchStudy/sec-trial/$visit-compliance?site=sec-site-b", SPONSOR).body())
				.contains("sec-b1-enrolment").doesNotContain("sec-a1");

		// A site that has enrolled nobody finds nothing, and is not refused for it.
		String siteC = TestTokens.token("user/*.rs").site("Organization/sec-site-c").build();
		Answer nothing = get("/Observation?code=http://loinc.org%7C1742-6", siteC);
		assertThat(nothing.status()).as(nothing.body()).isEqualTo(200);
		assertThat(nothing.ids()).isEmpty();
		assertThat(get("/Patient/sec-a1", siteC).status()).isEqualTo(403);

		// The sponsor sees the whole study.
		String sponsor = TestTokens.token("system/*.rs").site(SITE_A).build();
		assertThat(evaluatedSubjects((Parameters) get("/ResearchStudy/sec-trial/$evaluate-response?criteria=sri-4",
				sponsor).resource())).hasSize(4);
	}

	@Test
	void anAsynchronousStudyEvaluationStaysWithItsSite() throws Exception {
		String siteA = TestTokens.token("user/*.rs").site(SITE_A).build();
		String siteB = TestTokens.token("user/*.rs").site(SITE_B).build();
		HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base()
						+ "/ResearchStudy/sec-trial/$evaluate-response?criteria=sri-4"))
				.header("Authorization", "Bearer " + siteA).header("Prefer", "respond-async")
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String status = accepted.headers().firstValue("Content-Location").orElseThrow();

		assertThat(get(status, siteB).status()).isEqualTo(404);
		Answer done = get(status, siteA);
		for (int attempt = 0; attempt < 120 && done.status() == 202; attempt++) {
			Thread.sleep(500);
			done = get(status, siteA);
		}
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(evaluatedSubjects((Parameters) done.resource()))
				.containsExactlyInAnyOrder("ResearchSubject/sec-a1-enrolment", "ResearchSubject/sec-a2-enrolment");
		assertThat(get(status, siteB).status()).isEqualTo(404);
	}

	@Test
	void aSiteWritesOnlyForItsOwnSubjects() throws Exception {
		String siteA = TestTokens.token("user/*.cruds").site(SITE_A).subject("site-a-ehr").build();
		String observation = FHIR.newJsonParser().encodeResourceToString(client(SPONSOR).read()
				.resource(org.hl7.fhir.r4.model.Observation.class).withId("sec-a1-sledai-2k-" + DAY0.minusDays(1))
				.execute().setId((String) null).setMeta(null));
		assertThat(send("POST", "/Observation", siteA, observation).status()).isEqualTo(201);
		assertThat(send("POST", "/Observation", siteA, observation.replace("Patient/sec-a1", "Patient/sec-b1"))
				.status()).isEqualTo(403);
		// The same by the patient's identifier, as an interface engine sends it: resolved before the check.
		String trialSubject = TrialCodes.BASE + "/identifier/trial-subject";
		String byIdentifier = observation.replace("\"reference\":\"Patient/sec-a1\"", "\"identifier\":{\"system\":\""
				+ trialSubject + "\",\"value\":\"sec-a1\"}");
		assertThat(byIdentifier).doesNotContain("Patient/sec-a1");
		Answer own = send("POST", "/Observation", siteA, byIdentifier);
		assertThat(own.status()).as(own.body()).isEqualTo(201);
		assertThat(send("POST", "/Observation", siteA, byIdentifier.replace("\"sec-a1\"", "\"sec-b1\"")).status())
				.isEqualTo(403);

		// Enrolment: a new patient through its own site, never through another one, never a subject of another site.
		String patient = marker();
		assertThat(send("PUT", "/Patient/" + patient, siteA, "{\"resourceType\":\"Patient\",\"id\":\"" + patient
				+ "\"}").status()).isIn(200, 201, 403);
		assertThat(send("POST", "/Patient", siteA, "{\"resourceType\":\"Patient\"}").status()).isEqualTo(201);
		org.hl7.fhir.r4.model.ResearchSubject other = client(SPONSOR).read()
				.resource(org.hl7.fhir.r4.model.ResearchSubject.class).withId("sec-b1-enrolment").execute();
		other.getExtensionByUrl(SiteRoster.ENROLLING_SITE_URL).setValue(new Reference(SITE_A));
		Answer moved = send("PUT", "/ResearchSubject/sec-b1-enrolment", siteA,
				FHIR.newJsonParser().encodeResourceToString(other));
		assertThat(moved.status()).isEqualTo(403);
	}

	/**
	 * A site enrolling its own patient in two sub-studies in one transaction: the second enrolment's
	 * check looks up the patient's enrolments, the stored one and the one this transaction just wrote.
	 */
	@Test
	void aSiteEnrolsItsOwnPatientTwiceInOneTransaction() throws Exception {
		String siteA = TestTokens.token("user/*.cruds").site(SITE_A).subject("site-a-ehr").build();
		org.hl7.fhir.r4.model.ResearchSubject stored = client(SPONSOR).read()
				.resource(org.hl7.fhir.r4.model.ResearchSubject.class).withId("sec-a1-enrolment").execute();
		org.hl7.fhir.r4.model.Bundle bundle = new org.hl7.fhir.r4.model.Bundle()
				.setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
		String mark = marker();
		TrialRecords studies = new TrialRecords();
		List<String> subStudies = List.of(studies.study(mark + "-x", "NCT08888881", "months-12", List.of("sri-4")),
				studies.study(mark + "-y", "NCT08888882", "months-12", List.of("sri-4")));
		client(SPONSOR).transaction().withBundle(studies.bundle()).execute();
		for (String id : List.of(mark + "-x", mark + "-y")) {
			org.hl7.fhir.r4.model.ResearchSubject more = stored.copy();
			more.setId(id);
			more.setMeta(null);
			more.setStudy(new Reference(subStudies.get(id.endsWith("x") ? 0 : 1)));
			bundle.addEntry().setResource(more).getRequest().setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.PUT)
					.setUrl("ResearchSubject/" + id);
		}
		Answer enrolled = send("POST", "", siteA, FHIR.newJsonParser().encodeResourceToString(bundle));
		assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
		assertThat(subjectsIn(get("/ResearchSubject?study=" + subStudies.get(0), SPONSOR)))
				.containsExactly("ResearchSubject/" + mark + "-x");
		assertThat(subjectsIn(get("/ResearchSubject?study=" + subStudies.get(0), siteA)))
				.containsExactly("ResearchSubject/" + mark + "-x");
	}

	private static List<Integer> rateDenominators(Answer safetySummary) {
		assertThat(safetySummary.status()).as(safetySummary.body()).isEqualTo(200);
		return ((Parameters) safetySummary.resource()).getParameter().stream()
				.filter(p -> p.getName().equals("rates")).flatMap(p -> p.getPart().stream())
				.filter(q -> q.getName().equals("denominator"))
				.map(q -> ((org.hl7.fhir.r4.model.IntegerType) q.getValue()).getValue()).toList();
	}

	private static List<String> subjectsIn(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return new ArrayList<>(answer.ids());
	}

	private static List<String> evaluatedSubjects(Parameters evaluation) {
		return evaluation.getParameter().stream().filter(p -> p.getName().equals("subject"))
				.map(p -> ((Reference) p.getPart().stream().filter(q -> q.getName().equals("subject")).findFirst()
						.orElseThrow().getValue()).getReference())
				.distinct().toList();
	}

	// --- audit ----------------------------------------------------------------------------------------------------

	@Test
	void aSiteExportsOnlyItsOwnSubjectsAndTheExportIsAudited() throws Exception {
		String mark = marker();
		String siteA = TestTokens.token("user/*.rs").site(SITE_A).subject("exporter-" + mark).build();
		HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(base()
				+ "/ResearchStudy/sec-trial/$cdisc-export?dataset=dm&dataset=adsl")).header("Authorization",
						"Bearer " + siteA).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(zip.statusCode()).isEqualTo(200);
		String dm = null;
		try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
				new java.io.ByteArrayInputStream(zip.body()))) {
			for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				if (e.getName().equals("dm.json")) {
					dm = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				}
			}
		}
		assertThat(dm).contains("sec-a1-enrolment", "sec-a2-enrolment").doesNotContain("sec-b1", "sec-b2");
		// a site cannot store a study-wide export, and a caller who may not read studies cannot export
		assertThat(get("/ResearchStudy/sec-trial/$cdisc-export?persist=true", siteA).status()).isEqualTo(403);
		assertThat(get("/ResearchStudy/sec-trial/$cdisc-export", TestTokens.token("user/Observation.rs").build())
				.status()).isEqualTo(403);
		assertThat(auditEventsOf("exporter-" + mark)).anySatisfy(e -> {
			assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("operation");
			assertThat(e.getEntity()).anySatisfy(x -> assertThat(x.getWhat().getReference())
					.isEqualTo("http://msc-lupus.org/fhir/audited/ResearchStudy/sec-trial"));
		});
	}

	@Test
	void everyAccessAndEveryRefusalIsAudited() throws Exception {
		String mark = marker();
		String reader = TestTokens.token("user/*.rs").subject("reader-" + mark).build();
		assertThat(get("/Patient?identifier=" + mark, reader).status()).isEqualTo(200);
		assertThat(get("/Patient/sec-a1?_elements=id&marker=" + mark, reader).status()).isIn(200, 400);
		assertThat(get("/ResearchStudy/sec-trial/$evaluate-response?criteria=sri-4&marker=" + mark, reader).status())
				.isIn(200, 400);
		assertThat(send("POST", "/Patient?marker=" + mark, reader, "{\"resourceType\":\"Patient\"}").status())
				.isEqualTo(403);

		List<AuditEvent> events = auditEventsOf("reader-" + mark);
		assertThat(events).isNotEmpty().allSatisfy(e -> {
			assertThat(e.getAgent()).anySatisfy(a -> assertThat(a.getWho().getIdentifier().getValue())
					.isEqualTo("test-client"));
			assertThat(e.getRecorded()).isNotNull();
		});
		assertThat(events).anySatisfy(e -> assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("search-type"));
		assertThat(events).anySatisfy(e -> {
			assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("operation");
			assertThat(e.getEntity()).anySatisfy(x -> assertThat(x.getWhat().getReference())
					.isEqualTo("http://msc-lupus.org/fhir/audited/ResearchStudy/sec-trial"));
		});
		assertThat(events).anySatisfy(e -> {
			assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
			assertThat(e.getOutcomeDesc()).startsWith("HTTP 403");
		});

		// Writes are audited with the patient they concern.
		String writer = TestTokens.token("system/*.cruds").subject("writer-" + mark).build();
		assertThat(send("POST", "/Patient", writer, "{\"resourceType\":\"Patient\",\"active\":true}").status())
				.isEqualTo(201);
		// A write's record is stored once the write has committed, as its request ends: wait for it briefly.
		List<AuditEvent> writes = List.of();
		for (int attempt = 0; attempt < 50 && writes.isEmpty(); attempt++) {
			Thread.sleep(attempt == 0 ? 0 : 100);
			writes = auditEventsOf("writer-" + mark);
		}
		// One record per write: the write events are built once, not by HAPI's interceptor and ours both.
		assertThat(writes).filteredOn(e -> e.getAction() == AuditEvent.AuditEventAction.C).singleElement()
				.satisfies(e -> assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0));
	}

	@Test
	void theAuditTrailIsReadOnlyAndNeedsAnAuditorScope() throws Exception {
		Bundle some = client(AUDITOR).search().forResource(AuditEvent.class).count(1)
				.returnBundle(Bundle.class).execute();
		assertThat(some.getEntry()).isNotEmpty();
		String existing = some.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue();
		String event = FHIR.newJsonParser().encodeResourceToString(some.getEntryFirstRep().getResource());

		for (String token : List.of(SPONSOR, TestTokens.token("user/AuditEvent.cruds").build())) {
			assertThat(send("POST", "/AuditEvent", token, event.replaceAll("\"id\":\"[^\"]+\",", "")).status())
					.isEqualTo(403);
			assertThat(send("PUT", "/" + existing, token, event).status()).isEqualTo(403);
			assertThat(send("DELETE", "/" + existing, token, null).status()).isEqualTo(403);
			String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
					+ event.replaceAll("\"id\":\"[^\"]+\",", "") + ",\"request\":{\"method\":\"POST\",\"url\":\"AuditEvent\"}}]}";
			assertThat(send("POST", "", token, transaction).status()).isEqualTo(403);
		}
		assertThat(get("/" + existing, AUDITOR).status()).isEqualTo(200);
		// Wildcards do not reach the audit trail.
		assertThat(get("/AuditEvent", TestTokens.token("system/*.rs").build()).status()).isEqualTo(403);
		assertThat(get("/" + existing, TestTokens.token("system/*.rs").build()).status()).isEqualTo(403);
	}

	@Test
	void deletesKeepHistoryAndExpungeIsOff() throws Exception {
		IGenericClient sponsor = client(SPONSOR);
		String id = sponsor.create().resource(new org.hl7.fhir.r4.model.Patient().setActive(true)).execute().getId()
				.toUnqualifiedVersionless().getValue();
		Answer deleted = send("DELETE", "/" + id, SPONSOR, null);
		assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
		assertThat(get("/" + id + "/_history/1", SPONSOR).status()).isEqualTo(200);
		String other = sponsor.create().resource(new org.hl7.fhir.r4.model.Patient().setActive(true)).execute().getId()
				.toUnqualifiedVersionless().getIdPart();
		Answer expunge = send("DELETE", "/Patient?_id=" + other + "&_expunge=true", SPONSOR, null);
		assertThat(expunge.status()).as(expunge.body()).isBetween(400, 499);
		assertThat(get("/Patient/" + other, SPONSOR).status()).isEqualTo(200);
		assertThat(send("POST", "/" + id + "/$expunge", SPONSOR, "{\"resourceType\":\"Parameters\"}").status())
				.isBetween(400, 499);
		assertThat(get("/" + id + "/_history/1", SPONSOR).status()).isEqualTo(200);
	}

	private List<AuditEvent> auditEventsMentioning(String text) {
		return recentAuditEvents().stream().filter(e -> e.getEntity().stream()
				.anyMatch(x -> x.hasDescription() && x.getDescription().contains(text))).toList();
	}

	private List<AuditEvent> auditEventsOf(String subject) {
		return recentAuditEvents().stream().filter(e -> e.getAgent().stream()
				.anyMatch(a -> subject.equals(a.getWho().getIdentifier().getValue()))).toList();
	}

	private List<AuditEvent> recentAuditEvents() {
		List<AuditEvent> events = new ArrayList<>();
		IGenericClient auditor = client(AUDITOR);
		Bundle page = auditor.search().forResource(AuditEvent.class)
				.where(AuditEvent.DATE.afterOrEquals().millis(java.util.Date.from(Instant.now().minusSeconds(300))))
				.count(500).returnBundle(Bundle.class).execute();
		while (page != null) {
			page.getEntry().forEach(e -> events.add((AuditEvent) e.getResource()));
			page = page.getLink(Bundle.LINK_NEXT) == null ? null : auditor.loadPage().next(page).execute();
		}
		return events;
	}


	// --- source-data verification (issue 27) -------------------------------------------------------------------------

	/**
	 * A monitor (a user token not confined to a site, allowed to create Provenance) verifies and queries; a site's
	 * token may only answer, only for its own subjects, and sees only its own site's queue; every refusal is audited.
	 */
	@Test
	void onlyAMonitorVerifiesOrQueriesAndASiteAnswersForItsOwnSubjectsOnly() throws Exception {
		String m = marker();
		TrialRecords records = new TrialRecords();
		String study = records.study("sdv-" + m, "NCT0" + Math.abs(m.hashCode() % 10_000_000), "months-12",
				List.of("sri-4"));
		((org.hl7.fhir.r4.model.ResearchStudy) records.bundle().getEntryFirstRep().getResource()).addExtension(
				org.msclupus.fhir.design.TrialCodes.SOURCE_VERIFICATION_EXTENSION,
				new org.hl7.fhir.r4.model.CodeType("endpoint-values"));
		String valueA = records.subject("sdv-a-" + m, study, "uc-msc", DAY0, SITE_A).sledai(DAY0.minusDays(1), 10);
		String valueB = records.subject("sdv-b-" + m, study, "uc-msc", DAY0, SITE_B).sledai(DAY0.minusDays(1), 12);
		client(SPONSOR).transaction().withBundle(records.bundle()).execute();
		String monitor = TestTokens.token("user/*.rs user/Provenance.c").subject("monitor-" + m).build();
		String siteA = TestTokens.token("user/*.rs user/Provenance.c").site(SITE_A).subject("site-a-" + m).build();
		String reader = TestTokens.token("user/*.rs").subject("reader-" + m).build();

		assertThat(send("POST", "/" + valueA + "/$verify", siteA, decision("verified", null)).status())
				.as("a site's token does not verify").isEqualTo(403);
		assertThat(send("POST", "/" + valueA + "/$verify", reader, decision("verified", null)).diagnostics())
				.contains("Provenance");
		assertThat(send("POST", "/" + valueA + "/$verify", monitor, decision("query", "Score from which visit?"))
				.status()).isEqualTo(200);
		assertThat(send("POST", "/" + valueB + "/$verify", monitor, decision("query", "Score twice?")).status())
				.isEqualTo(200);
		assertThat(send("POST", "/" + valueA + "/$verify", siteA, decision("answer", "Screening visit")).status())
				.isEqualTo(200);
		Answer otherSite = send("POST", "/" + valueB + "/$verify", siteA, decision("answer", "Not ours"));
		assertThat(otherSite.status()).as("site A answers for site B's subject").isIn(403, 404);

		Answer queue = get("/" + study + "/$verification-queue", siteA);
		assertThat(queue.status()).isEqualTo(200);
		assertThat(queue.body()).contains(valueA.substring(valueA.indexOf('/') + 1)).doesNotContain(
				valueB.substring(valueB.indexOf('/') + 1));
		assertThat(get("/" + study + "/$verification-queue?site=" + SITE_B, siteA).status()).isEqualTo(403);
		assertThat(get("/" + study + "/$verification-queue", monitor).body()).contains(
				valueB.substring(valueB.indexOf('/') + 1));

		Answer trail = get("/AuditEvent?entity=" + org.msclupus.fhir.audit.AuditTrail.auditReference(valueA)
				+ "&outcome=4", AUDITOR);
		assertThat(((Bundle) trail.resource()).getEntry()).as("the site's refused verification is audited")
				.isNotEmpty();
	}

	// --- notifications ----------------------------------------------------------------------------------------------

	/**
	 * Issue 29: a subscription made with a site's token hears of its own site's subjects only, and only that site
	 * sees or changes it; every delivery is audited.
	 */
	@Test
	void aSitesSubscriptionHearsOnlyItsOwnSitesEventsAndOnlyThatSiteSeesIt() throws Exception {
		String siteA = TestTokens.token("user/*.cruds").site(SITE_A).subject("site-a-safety").build();
		String siteB = TestTokens.token("user/*.cruds").site(SITE_B).subject("site-b-safety").build();
		String study = notificationStudy();
		try (org.msclupus.fhir.support.NotificationReceiver receiverA = org.msclupus.fhir.support.NotificationReceiver.start();
				org.msclupus.fhir.support.NotificationReceiver receiverB = org.msclupus.fhir.support.NotificationReceiver.start()) {
			Answer createdA = send("POST", "/Subscription", siteA, saeSubscription(receiverA.endpoint(), study));
			assertThat(createdA.status()).as(createdA.body()).isEqualTo(201);
			String subscriptionA = createdA.resource().getIdElement().toUnqualifiedVersionless().getValue();
			Answer createdB = send("POST", "/Subscription", siteB, saeSubscription(receiverB.endpoint(), study));
			assertThat(createdB.status()).as(createdB.body()).isEqualTo(201);
			String subscriptionB = createdB.resource().getIdElement().toUnqualifiedVersionless().getValue();

			// each site sees, asks after and changes its own subscription only
			assertThat(get("/Subscription", siteA).ids()).contains(subscriptionA).doesNotContain(subscriptionB);
			assertThat(get("/" + subscriptionB, siteA).body()).doesNotContain(receiverB.endpoint());
			assertThat(get("/" + subscriptionB + "/$status", siteA).status()).isEqualTo(403);
			assertThat(get("/" + subscriptionB + "/$events", siteA).status()).isEqualTo(403);
			assertThat(send("DELETE", "/" + subscriptionB, siteA, null).status()).isEqualTo(403);
			assertThat(get("/" + subscriptionA + "/$status", siteA).status()).isEqualTo(200);

			Thread.sleep(2500); // the events below come after the subscriptions
			TrialRecords records = new TrialRecords();
			String event = records.subject(study.substring(study.indexOf('/') + 1) + "-b", study, "uc-msc",
					DAY0.minusDays(3), SITE_B).adverseEvent(study, "Sepsis", DAY0.plusDays(9).atTime(8, 0), true, 4,
							null, null);
			client(SPONSOR).transaction().withBundle(records.bundle()).execute();

			receiverB.await(java.time.Duration.ofSeconds(20), r -> !r.isEmpty());
			Thread.sleep(3000); // long enough for a wrong one to reach site A
			assertThat(receiverA.received()).as("site B's event never reaches site A").isEmpty();
			assertThat(receiverB.received()).hasSize(1);
			assertThat(event).isNotBlank();

			Answer audit = get("/AuditEvent?entity=" + org.msclupus.fhir.audit.AuditTrail.auditReference(subscriptionB),
					AUDITOR);
			assertThat(((Bundle) audit.resource()).getEntry()).as("the delivery is audited").isNotEmpty();
		}
	}

	/**
	 * The site is checked again when the notification is sent, not only when the event was recorded: an event that
	 * waited for an unreachable site-B receiver while its subject moved to site A is withheld from site B.
	 */
	@Test
	void aSiteIsCheckedAgainAtDelivery() throws Exception {
		String siteB = TestTokens.token("user/*.cruds").site(SITE_B).subject("site-b-safety-2").build();
		String study = notificationStudy();
		String key = study.substring(study.indexOf('/') + 1) + "-mv";
		try (org.msclupus.fhir.support.NotificationReceiver receiverB =
				org.msclupus.fhir.support.NotificationReceiver.down()) {
			Answer created = send("POST", "/Subscription", siteB, saeSubscription(receiverB.endpoint(), study));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String subscription = created.resource().getIdElement().toUnqualifiedVersionless().getValue();
			Thread.sleep(2500);
			TrialRecords records = new TrialRecords();
			TrialRecords.Subject moving = records.subject(key, study, "uc-msc", DAY0.minusDays(3), SITE_B);
			moving.adverseEvent(study, "Pancytopenia", DAY0.plusDays(5).atTime(8, 0), true, 4,
					null, null);
			client(SPONSOR).transaction().withBundle(records.bundle()).execute();
			long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
			while (!get("/" + study + "/$notifications", SPONSOR).body().contains("\"attempts\"")
					&& System.nanoTime() < deadline) {
				Thread.sleep(200); // until the first attempt has failed
			}
			org.hl7.fhir.r4.model.ResearchSubject enrolment = (org.hl7.fhir.r4.model.ResearchSubject)
					get("/" + moving.reference(), SPONSOR).resource();
			enrolment.getExtensionByUrl(org.msclupus.fhir.security.SiteRoster.ENROLLING_SITE_URL)
					.setValue(new Reference(SITE_A));
			assertThat(send("PUT", "/" + moving.reference(), SPONSOR,
					FHIR.newJsonParser().encodeResourceToString(enrolment)).status()).isEqualTo(200);
			receiverB.listen();
			deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
			String state = "";
			while (!state.contains("withheld") && System.nanoTime() < deadline) {
				Thread.sleep(500);
				state = get("/" + study + "/$notifications", SPONSOR).body();
			}
			assertThat(state).contains("withheld");
			assertThat(receiverB.received()).as("site B no longer enrols the subject").isEmpty();
			assertThat(subscription).startsWith("Subscription/");
		}
	}

	/** A study of its own for each notification test: its subjects and events stay out of sec-trial's figures. */
	String notificationStudy() {
		TrialRecords records = new TrialRecords();
		String id = "sec-n" + marker().substring(0, 10);
		String study = records.study(id, "NCT0" + Math.abs(id.hashCode() % 10_000_000), "months-12", List.of("sri-4"));
		client(SPONSOR).transaction().withBundle(records.bundle()).execute();
		return study;
	}

	private static String saeSubscription(String endpoint, String study) {
		org.hl7.fhir.r4.model.Subscription subscription = new org.hl7.fhir.r4.model.Subscription();
		subscription.setStatus(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("site safety desk");
		subscription.setCriteria(org.msclupus.fhir.notification.Topic.SERIOUS_ADVERSE_EVENT.canonical());
		subscription.getCriteriaElement().addExtension(org.msclupus.fhir.notification.BackportIg.FILTER_CRITERIA,
				new org.hl7.fhir.r4.model.StringType("AdverseEvent?study=" + study));
		subscription.getChannel().setType(org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType.RESTHOOK)
				.setEndpoint(endpoint).setPayload("application/fhir+json");
		return FHIR.newJsonParser().encodeResourceToString(subscription);
	}

	private static String decision(String decision, String reason) {
		Parameters in = new Parameters();
		in.addParameter("decision", new org.hl7.fhir.r4.model.CodeType(decision));
		if (reason != null) {
			in.addParameter("reason", new org.hl7.fhir.r4.model.StringType(reason));
		}
		return FHIR.newJsonParser().encodeResourceToString(in);
	}
}
