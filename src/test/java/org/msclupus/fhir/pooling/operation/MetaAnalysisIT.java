package org.msclupus.fhir.pooling.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.SyntheticCohort;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.statistics.MetaAnalysis;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * ResearchStudy/$meta-analysis through the real server: two generated lupus nephritis trials and a published one.
 * Each server study's counts must be the ones $safety-summary and study-level $evaluate-response report for it, and
 * the pooling that of {@link MetaAnalysis} (checked against RevMan and metan in its unit test).
 */
@H2ServerTest
class MetaAnalysisIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static boolean loaded;

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeEach
	void loadTrials() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		if (!loaded) {
			List<Bundle> bundles = new ArrayList<>(SyntheticCohort.lupusNephritisTrial("pool-a", 24, 11));
			bundles.addAll(SyntheticCohort.lupusNephritisTrial("pool-b", 16, 12));
			bundles.forEach(b -> client.transaction().withBundle(b).execute());
			TrialRecords records = new TrialRecords();
			records.study("pool-one-arm", "NCT00000001", "weeks-24", List.of("ln-renal-response"), "il-2", "IL-2");
			ResearchStudy oneArm = (ResearchStudy) records.bundle().getEntryFirstRep().getResource();
			oneArm.getArm().removeIf(arm -> "il-2".equals(arm.getName()));
			client.update().resource(oneArm).execute();
			loaded = true;
		}
	}

	private static Parameters request(String outcome, String... studies) {
		Parameters in = new Parameters();
		for (String study : studies) {
			in.addParameter().setName("study").setValue(new Reference(study));
		}
		in.addParameter("outcome", new CodeType(outcome));
		return in;
	}

	private static void addExternal(Parameters in, String name, int events, int total, int refEvents, int refTotal) {
		ParametersParameterComponent p = in.addParameter().setName("externalStudy");
		p.addPart().setName("name").setValue(new StringType(name));
		p.addPart().setName("events").setValue(new IntegerType(events));
		p.addPart().setName("total").setValue(new IntegerType(total));
		p.addPart().setName("referenceEvents").setValue(new IntegerType(refEvents));
		p.addPart().setName("referenceTotal").setValue(new IntegerType(refTotal));
	}

	private Parameters pool(Parameters in) {
		return client.operation().onType("ResearchStudy").named("$meta-analysis").withParameters(in).execute();
	}

	private static Type part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(ParametersParameterComponent::getValue)
				.findFirst().orElse(null);
	}

	private static String text(ParametersParameterComponent p, String name) {
		Type value = part(p, name);
		return value == null ? null : value instanceof Reference r ? r.getReference() : value.primitiveValue();
	}

	private static int integer(ParametersParameterComponent p, String name) {
		return Integer.parseInt(text(p, name));
	}

	private static double decimal(ParametersParameterComponent p, String name) {
		return Double.parseDouble(text(p, name));
	}

	private static List<ParametersParameterComponent> named(Parameters out, String name) {
		return out.getParameter().stream().filter(p -> p.getName().equals(name)).toList();
	}

	/** Subjects with at least one adverse event in an arm, as $safety-summary reports them. */
	private int[] safetyCounts(String study, String arm) {
		Parameters summary = client.operation().onInstance(study).named("$safety-summary")
				.withNoParameters(Parameters.class).execute();
		ParametersParameterComponent any = named(summary, "adverseEvents").stream()
				.filter(p -> arm.equals(text(p, "arm")) && "any".equals(text(p, "dimension"))).findFirst().orElseThrow();
		ParametersParameterComponent rate = named(summary, "rates").stream()
				.filter(p -> "proportion".equals(text(p, "measure")) && arm.equals(text(p, "arm"))).findFirst()
				.orElseThrow();
		return new int[] {integer(any, "subjects"), integer(rate, "denominator")};
	}

	@Test
	void adverseEventsPooledFromTwoServerStudiesAndAPublishedTrial() {
		Parameters in = request("adverse-event", "ResearchStudy/pool-a", "ResearchStudy/pool-b");
		addExternal(in, "Published 2021", 3, 20, 9, 21);
		Parameters out = pool(in);

		List<ParametersParameterComponent> studies = named(out, "study");
		assertThat(studies).extracting(s -> text(s, "reference"))
				.containsExactly("ResearchStudy/pool-a", "ResearchStudy/pool-b", null);
		List<MetaAnalysis.Table> tables = new ArrayList<>();
		for (ParametersParameterComponent s : studies) {
			if (text(s, "reference") != null) {
				assertThat(text(s, "arm")).isEqualTo("uc-msc");
				assertThat(text(s, "referenceArm")).isEqualTo("il-2");
				int[] msc = safetyCounts(text(s, "reference"), "uc-msc");
				int[] il2 = safetyCounts(text(s, "reference"), "il-2");
				assertThat(new int[] {integer(s, "events"), integer(s, "total")}).containsExactly(msc);
				assertThat(new int[] {integer(s, "referenceEvents"), integer(s, "referenceTotal")}).containsExactly(il2);
			}
			tables.add(new MetaAnalysis.Table(text(s, "name"), integer(s, "events"), integer(s, "total"),
					integer(s, "referenceEvents"), integer(s, "referenceTotal")));
		}
		assertThat(integer(studies.get(0), "total") + integer(studies.get(0), "referenceTotal")).isEqualTo(24);

		MetaAnalysis.Result expected = MetaAnalysis.pool(tables, MetaAnalysis.Measure.OR, MetaAnalysis.Model.FIXED);
		ParametersParameterComponent pooled = named(out, "pooled").get(0);
		assertThat(text(pooled, "measure")).isEqualTo("OR");
		assertThat(text(pooled, "model")).isEqualTo("fixed");
		assertThat(decimal(pooled, "effect")).isCloseTo(expected.pooled().effect(), within(1e-5));
		assertThat(decimal(pooled, "lower")).isCloseTo(expected.pooled().lower(), within(1e-5));
		assertThat(decimal(pooled, "upper")).isCloseTo(expected.pooled().upper(), within(1e-5));
		assertThat(decimal(pooled, "pValue")).isCloseTo(expected.pooled().pValue(), within(1e-5));
		double weights = studies.stream().mapToDouble(s -> decimal(s, "weight")).sum();
		assertThat(weights).isCloseTo(100, within(1e-3));
		ParametersParameterComponent heterogeneity = named(out, "heterogeneity").get(0);
		assertThat(integer(heterogeneity, "df")).isEqualTo(2);
		assertThat(decimal(heterogeneity, "q")).isCloseTo(expected.heterogeneity().q(), within(1e-4));
	}

	@Test
	void responseOutcomeCountsAreTheStudyComparisons() {
		Parameters in = request("ln-renal-response:CR-or-PR", "ResearchStudy/pool-a", "ResearchStudy/pool-b");
		in.addParameter("measure", new CodeType("RR"));
		in.addParameter("model", new CodeType("random"));
		Parameters out = pool(in);

		for (ParametersParameterComponent s : named(out, "study")) {
			Parameters evaluation = client.operation().onInstance(text(s, "reference")).named("$evaluate-response")
					.withParameters(new Parameters().addParameter("criteria", new CodeType("ln-renal-response")))
					.execute();
			ParametersParameterComponent comparison = named(evaluation, "comparison").stream()
					.filter(c -> "CR-or-PR".equals(text(c, "outcome"))).findFirst().orElseThrow();
			assertThat(integer(s, "events")).isEqualTo(integer(comparison, "count"));
			assertThat(integer(s, "total")).isEqualTo(integer(comparison, "denominator"));
			assertThat(integer(s, "referenceEvents")).isEqualTo(integer(comparison, "referenceCount"));
			assertThat(integer(s, "referenceTotal")).isEqualTo(integer(comparison, "referenceDenominator"));
		}
		assertThat(text(named(out, "pooled").get(0), "model")).isEqualTo("random");
		assertThat(text(named(out, "pooled").get(0), "measure")).isEqualTo("RR");
	}

	@Test
	void csvHasASectionColumn() throws Exception {
		Parameters in = request("serious-adverse-event", "ResearchStudy/pool-a");
		addExternal(in, "Published, 2019", 0, 10, 0, 12);
		addExternal(in, "Published 2020", 1, 15, 4, 15);
		HttpResponse<String> response = post(in, "text/csv");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(response.body()).startsWith("text/csv");
		List<String> lines = response.body().lines().toList();
		assertThat(lines.get(0)).startsWith("section,name,reference,events,total,referenceEvents,referenceTotal");
		assertThat(lines).hasSize(6);
		assertThat(lines.get(1)).startsWith("study,");
		assertThat(lines.get(2)).startsWith("study,\"Published, 2019\",,0,10,0,12,OR,fixed,,,,,,no events in either arm");
		assertThat(lines.get(4)).startsWith("pooled,serious-adverse-event,");
		assertThat(lines.get(5)).startsWith("heterogeneity,serious-adverse-event,");
	}

	private HttpResponse<String> post(Parameters in, String accept) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
						URI.create("http://localhost:" + port + "/fhir/ResearchStudy/$meta-analysis"))
				.header("Content-Type", "application/fhir+json").header("Accept", accept)
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(in))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void assertRefused(Parameters in, String... message) throws Exception {
		HttpResponse<String> response = post(in, "application/fhir+json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(message);
	}

	@Test
	void badRequestsAreRefusedNamingTheProblem() throws Exception {
		assertRefused(request("adverse-event", "ResearchStudy/pool-a", "ResearchStudy/nowhere"),
				"ResearchStudy/nowhere is not on this server");
		assertRefused(request("adverse-event", "ResearchStudy/pool-a", "ResearchStudy/pool-one-arm"),
				"pool-one-arm is not a two-arm study");
		assertRefused(request("bilag-mcr-pcr:MCR", "ResearchStudy/pool-a", "ResearchStudy/pool-b"),
				"does not evaluate bilag-mcr-pcr", "ln-renal-response");
		assertRefused(request("ln-renal-response:MCR", "ResearchStudy/pool-a", "ResearchStudy/pool-b"),
				"has no outcome 'MCR'", "CR-or-PR");
		assertRefused(request("deaths", "ResearchStudy/pool-a", "ResearchStudy/pool-b"), "Unknown outcome 'deaths'");
		assertRefused(request("adverse-event", "ResearchStudy/pool-a"), "at least two studies");
		assertRefused(request("adverse-event", "ResearchStudy/pool-a", "ResearchStudy/pool-a"), "named twice");

		Parameters misfit = request("adverse-event", "ResearchStudy/pool-a");
		addExternal(misfit, "Misfit", 12, 10, 1, 10);
		assertRefused(misfit, "Misfit", "do not fit");

		Parameters incomplete = request("adverse-event", "ResearchStudy/pool-a");
		incomplete.addParameter().setName("externalStudy").addPart().setName("name").setValue(new StringType("Half"));
		assertRefused(incomplete, "'Half' lacks its part events");

		Parameters badMeasure = request("adverse-event", "ResearchStudy/pool-a", "ResearchStudy/pool-b");
		badMeasure.addParameter("measure", new CodeType("HR"));
		assertRefused(badMeasure, "Unknown measure 'HR'");

		Parameters doubleZero = request("adverse-event");
		addExternal(doubleZero, "Zero A", 0, 10, 0, 10);
		addExternal(doubleZero, "Zero B", 0, 12, 0, 11);
		addExternal(doubleZero, "Some", 2, 12, 3, 11);
		assertRefused(doubleZero, "At least two studies are needed to pool OR");
	}
}
