package org.msclupus.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Library;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The trial's definitions are stored beside the first requests (ADR 0035): over HTTP, what reads or writes them
 * waits until they are stored (or is answered 503 when storing them failed), everything else goes on meanwhile, and
 * the readiness probe says which it is.
 */
@H2ServerTest
class DefinitionsGateIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;
	@Autowired
	ConformanceInstaller conformanceInstaller;
	@Autowired
	DefinitionsInRepository definitionsInRepository;
	@Autowired
	ConformanceResources conformance;
	@Autowired
	ConformanceInstaller eligibilityLibraryInstaller;
	@Autowired
	IInterceptorService interceptors;
	@Autowired
	DaoRegistry daos;
	@Autowired
	@Qualifier("eligibilityLibrariesInRepository")
	DefinitionsInRepository eligibilityLibrariesInRepository;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@BeforeEach
	@AfterEach
	void definitionsStored() {
		// The store begun when the server started must not end in the middle of a test and release what it holds.
		assertThat(conformanceInstaller.awaitBackgroundStore(Duration.ofMinutes(2))).isTrue();
		assertThat(eligibilityLibraryInstaller.awaitBackgroundStore(Duration.ofMinutes(2))).isTrue();
		conformanceInstaller.install();
		eligibilityLibraryInstaller.install();
	}

	@Test
	void whileTheyAreBeingStoredTheirReadsWaitAndEverythingElseGoesOn() throws Exception {
		MetadataResource profile = first("StructureDefinition");
		MetadataResource valueSet = first("ValueSet");
		definitionsInRepository.storing();

		CompletableFuture<HttpResponse<String>> read = sendAsync(get("/fhir/StructureDefinition/" + id(profile)));
		CompletableFuture<HttpResponse<String>> search = sendAsync(get("/fhir/ValueSet?url=" + valueSet.getUrl()));
		CompletableFuture<HttpResponse<String>> batchRead = sendAsync(post("/fhir", batchReading("ValueSet/" + id(valueSet))));

		// A subject's record is written and read meanwhile.
		HttpResponse<String> created = send(post("/fhir/Patient", FHIR.newJsonParser().encodeResourceToString(new Patient().setActive(true))));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(send(get("/fhir/Patient?_count=1")).statusCode()).isEqualTo(200);
		assertThat(send(get("/fhir/metadata")).statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = send(probe("/actuator/health/readiness"));
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("OUT_OF_SERVICE");
		assertThat(read).isNotDone();
		assertThat(search).isNotDone();
		assertThat(batchRead).isNotDone();

		conformanceInstaller.install();

		HttpResponse<String> readAnswer = read.get(30, TimeUnit.SECONDS);
		assertThat(readAnswer.statusCode()).isEqualTo(200);
		assertThat(readAnswer.body()).contains(profile.getUrl());
		HttpResponse<String> searchAnswer = search.get(30, TimeUnit.SECONDS);
		assertThat(searchAnswer.statusCode()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(Bundle.class, searchAnswer.body()).getTotal()).isEqualTo(1);
		HttpResponse<String> batchAnswer = batchRead.get(30, TimeUnit.SECONDS);
		assertThat(batchAnswer.statusCode()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(Bundle.class, batchAnswer.body()).getEntryFirstRep()
				.getResponse().getStatus()).startsWith("200");
		assertThat(send(probe("/actuator/health/readiness")).statusCode()).isEqualTo(200);
	}

	@Test
	void whenStoringThemFailedTheirRequestsAre503WithTheCauseAndNothingIsWritten() throws Exception {
		MetadataResource codeSystem = first("CodeSystem");
		MetadataResource valueSet = first("ValueSet");
		String versionBefore = versionOf("ValueSet/" + id(valueSet));
		definitionsInRepository.storing();
		definitionsInRepository.failed(new IllegalStateException("simulated: the database refused the definitions"));

		HttpResponse<String> read = send(get("/fhir/CodeSystem/" + id(codeSystem)));
		assertThat(read.statusCode()).isEqualTo(503);
		assertThat(read.headers().firstValue("Retry-After")).contains("5");
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, read.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("simulated: the database refused the definitions");

		// A transaction that writes a definition among other entries: refused whole, before anything is stored.
		ValueSet edited = (ValueSet) valueSet.copy();
		edited.setDescription("edited while the definitions could not be stored");
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(new Patient().setActive(false)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		transaction.addEntry().setResource(edited).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT).setUrl("ValueSet/" + id(valueSet));
		int patientsBefore = patientCount();
		HttpResponse<String> write = send(post("/fhir", FHIR.newJsonParser().encodeResourceToString(transaction)));
		assertThat(write.statusCode()).isEqualTo(503);
		assertThat(patientCount()).isEqualTo(patientsBefore);

		HttpResponse<String> readiness = send(probe("/actuator/health/readiness"));
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("DOWN");
		// Trial data goes on.
		assertThat(send(post("/fhir/Patient", FHIR.newJsonParser().encodeResourceToString(new Patient()))).statusCode())
				.isEqualTo(201);

		conformanceInstaller.install();
		assertThat(versionOf("ValueSet/" + id(valueSet))).isEqualTo(versionBefore);
		assertThat(send(get("/fhir/CodeSystem/" + id(codeSystem))).statusCode()).isEqualTo(200);
	}

	@Test
	void writesThatReferToADefinitionWaitForItAloneAndInATransaction() throws Exception {
		definitionsInRepository.storing();
		ResearchStudy study = FHIR.newJsonParser().parseResource(ResearchStudy.class,
				Files.readString(Path.of("profiles/examples/valid/ResearchStudy-example-study.json")));
		study.setId((String) null);
		study.getIdentifierFirstRep().setValue("gate-" + System.nanoTime());
		study.addProtocol(new Reference("PlanDefinition/" + id(first("PlanDefinition"))));
		CompletableFuture<HttpResponse<String>> alone =
				sendAsync(post("/fhir/ResearchStudy", FHIR.newJsonParser().encodeResourceToString(study)));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(study.copy()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ResearchStudy");
		CompletableFuture<HttpResponse<String>> inATransaction =
				sendAsync(post("/fhir", FHIR.newJsonParser().encodeResourceToString(transaction)));

		assertThat(send(post("/fhir/Patient", FHIR.newJsonParser().encodeResourceToString(new Patient()))).statusCode())
				.isEqualTo(201);
		assertThat(alone).isNotDone();
		assertThat(inATransaction).isNotDone();

		conformanceInstaller.install();

		assertThat(alone.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
		assertThat(inATransaction.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void theEligibilityCriteriaHaveAGateOfTheirOwn() throws Exception {
		eligibilityLibrariesInRepository.storing();
		eligibilityLibrariesInRepository.failed(new IllegalStateException("simulated: no Libraries"));
		try {
			HttpResponse<String> libraries = send(get("/fhir/Library?_count=1"));
			assertThat(libraries.statusCode()).isEqualTo(503);
			assertThat(libraries.body()).contains("simulated: no Libraries");
			assertThat(send(get("/fhir/StructureDefinition?_count=1")).statusCode()).isEqualTo(200);
			assertThat(send(probe("/actuator/health/readiness")).body()).contains("DOWN");
		} finally {
			eligibilityLibraryInstaller.install();
		}
		assertThat(send(get("/fhir/Library?_count=1")).statusCode()).isEqualTo(200);
	}

	/**
	 * The database refuses the first store after a start (a fail-over, a restart of PostgreSQL): the node keeps
	 * trying on its own, at {@code msc.conformance.definitions-retry-interval}, and ends ready without a restart.
	 */
	@Test
	void aStoreThatFailsIsTriedAgainByItselfUntilItSucceeds() throws Exception {
		MetadataResource valueSet = first("ValueSet");
		ValueSet edited = (ValueSet) daos.getResourceDao("ValueSet").read(valueSet.getIdElement().toUnqualifiedVersionless(),
				new SystemRequestDetails());
		daos.getResourceDao("ValueSet").update(edited.setDescription("edited by hand"), new SystemRequestDetails());
		RefusedStores refused = new RefusedStores(1);
		interceptors.registerInterceptor(refused);
		try {
			conformanceInstaller.stop();
			conformanceInstaller.start();
			assertThat(conformanceInstaller.awaitBackgroundStore(Duration.ofMinutes(2))).isTrue();
		} finally {
			interceptors.unregisterInterceptor(refused);
		}
		assertThat(refused.attempts).hasSize(2);
		assertThat(Duration.between(refused.attempts.get(0), refused.attempts.get(1)))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(definitionsInRepository.isStored()).isTrue();
		assertThat(send(probe("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		HttpResponse<String> read = send(get("/fhir/ValueSet/" + id(valueSet)));
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(ValueSet.class, read.body()).getDescription())
				.isEqualTo(((ValueSet) valueSet).getDescription());
	}

	/** Refuses the first stores of the trial's definitions, as a database that has gone away would. */
	public static class RefusedStores {
		final List<Instant> attempts = new CopyOnWriteArrayList<>();
		private final int refusals;

		RefusedStores(int refusals) {
			this.refusals = refusals;
		}

		@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
		public void beforeBundle(IBaseBundle bundle, RequestDetails request) {
			boolean trialDefinitions = bundle instanceof Bundle r4
					&& r4.getEntry().stream().noneMatch(entry -> entry.getResource() instanceof Library);
			if (request.getUserData().containsKey(ConformanceInstaller.STORING_DEFINITIONS) && trialDefinitions) {
				attempts.add(Instant.now());
				if (attempts.size() <= refusals) {
					throw new InternalErrorException("simulated: the database connection was lost");
				}
			}
		}
	}

	private int patientCount() throws Exception {
		HttpResponse<String> answer = send(get("/fhir/Patient?_summary=count"));
		return FHIR.newJsonParser().parseResource(Bundle.class, answer.body()).getTotal();
	}

	private String versionOf(String path) throws Exception {
		HttpResponse<String> answer = send(get("/fhir/" + path));
		assertThat(answer.statusCode()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(ValueSet.class, answer.body()).getMeta().getVersionId();
	}

	private static String batchReading(String path) {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(path);
		return FHIR.newJsonParser().encodeResourceToString(batch);
	}

	private MetadataResource first(String type) {
		return conformance.all().stream().filter(r -> r.fhirType().equals(type)).findFirst().orElseThrow();
	}

	private static String id(MetadataResource resource) {
		return resource.getIdElement().getIdPart();
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
				.header("Accept", "application/fhir+json").GET().build();
	}

	private HttpRequest probe(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).GET().build();
	}

	private HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}
}
