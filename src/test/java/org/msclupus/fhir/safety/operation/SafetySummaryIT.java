package org.msclupus.fhir.safety.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * $safety-summary through the HAPI client on a hand-built two-arm cohort whose every count is known: infusion
 * reactions at 23 h 59 min and 24 h 01 min, a grade 5 event, lab values at and beyond the reference limits, a subject
 * normal at baseline turning abnormal, an event of another study.
 */
@H2ServerTest
class SafetySummaryIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String STUDY = "ResearchStudy/safety-trial";
	static final LocalDate DAY0 = LocalDate.parse("2026-01-05");

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeEach
	void loadCohort() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.transaction().withBundle(cohort()).execute();
	}

	/**
	 * uc-msc: sa (fever 23 h 59 min after infusion 1, related; rash 24 h 01 min after infusion 2, possible; death
	 * grade 5 on day 60, unlikely; ALT 30 at baseline then 41 at month 1) and sb (no event; ALT 25, then exactly 40 at
	 * month 1, 88 at month 3). control: sc (serious grade 3 infection on day 27, no suspect; ALT 50 at baseline and 52
	 * at month 1) and sd (no event). An event of another study (sd) and one dated before day 0 (sb) do not count.
	 */
	static Bundle cohort() {
		TrialRecords records = new TrialRecords();
		String study = records.study("safety-trial", "NCT01741857", "months-12", List.of("bilag-mcr-pcr"));
		records.study("other-trial", "NCT00000000", "months-12", List.of());
		TrialRecords.Subject sa = records.subject("sa", study, "uc-msc", DAY0.minusDays(4));
		String saInfusion1 = sa.infusion(DAY0, 1);
		String saInfusion2 = sa.infusion(DAY0.plusDays(7), 2);
		sa.adverseEvent(study, "Fever", DAY0.atTime(9, 0).plusHours(23).plusMinutes(59), false, 1, saInfusion1,
				"Probably-Likely");
		sa.adverseEvent(study, "Rash", DAY0.plusDays(7).atTime(9, 0).plusHours(24).plusMinutes(1), false, 2,
				saInfusion2, "Possible");
		sa.adverseEvent(study, "Sudden cardiac death", DAY0.plusDays(60).atTime(6, 0), true, 5, saInfusion1,
				"Unlikely");
		sa.safetyLab("alt", "1742-6", DAY0.minusDays(2), "30", "U/L", "7", "40");
		sa.safetyLab("alt", "1742-6", DAY0.plusDays(30), "41", "U/L", "7", "40");

		TrialRecords.Subject sb = records.subject("sb", study, "uc-msc", DAY0.minusDays(4));
		sb.infusion(DAY0, 1);
		sb.infusion(DAY0.plusDays(7), 2);
		sb.adverseEvent(study, "Headache before treatment", DAY0.minusDays(1).atTime(12, 0), false, 1, null, null);
		sb.safetyLab("alt", "1742-6", DAY0.minusDays(2), "25", "U/L", "7", "40");
		sb.safetyLab("alt", "1742-6", DAY0.plusDays(31), "40", "U/L", "7", "40");
		sb.safetyLab("alt", "1742-6", DAY0.plusDays(91), "88", "U/L", "7", "40");

		TrialRecords.Subject sc = records.subject("sc", study, "control", DAY0);
		sc.adverseEvent(study, "Pneumonia", DAY0.plusDays(27).atTime(10, 0), true, 3, null, null);
		sc.safetyLab("alt", "1742-6", DAY0.minusDays(1), "50", "U/L", "7", "40");
		sc.safetyLab("alt", "1742-6", DAY0.plusDays(29), "52", "U/L", "7", "40");

		TrialRecords.Subject sd = records.subject("sd", study, "control", DAY0);
		sd.adverseEvent("ResearchStudy/other-trial", "Event of another study", DAY0.plusDays(3).atTime(8, 0), false,
				1, null, null);
		return records.bundle();
	}

	/**
	 * sa: blood pressure 150/90 the day before day 0 and 182/95 at month 1 (systolic >= 180 with a rise of 32),
	 * 101 [degF] (38.3 Cel) at month 3. sb: heart rate 80, then 119 at month 1 (under 120). sc: 60 kg, then 143.3
	 * [lb_av] (65.0 kg, +8.3 %) at month 1.
	 */
	static Bundle vitalSigns() {
		TrialRecords records = new TrialRecords();
		String study = records.study("safety-trial", "NCT01741857", "months-12", List.of("bilag-mcr-pcr"));
		TrialRecords.Subject sa = records.subject("sa", study, "uc-msc", DAY0.minusDays(4));
		sa.bloodPressure(DAY0.minusDays(1), "150", "90");
		sa.bloodPressure(DAY0.plusDays(30), "182", "95");
		sa.vitalSign("8310-5", "Body temperature", DAY0.plusDays(91), "101", "[degF]");
		TrialRecords.Subject sb = records.subject("sb", study, "uc-msc", DAY0.minusDays(4));
		sb.vitalSign("8867-4", "Heart rate", DAY0.minusDays(1), "80", "/min");
		sb.vitalSign("8867-4", "Heart rate", DAY0.plusDays(30), "119", "/min");
		TrialRecords.Subject sc = records.subject("sc", study, "control", DAY0);
		sc.vitalSign("29463-7", "Body weight", DAY0.minusDays(1), "60", "kg");
		sc.vitalSign("29463-7", "Body weight", DAY0.plusDays(30), "143.3", "[lb_av]");
		return records.bundle();
	}

	@Test
	void vitalSignsAreCountedPerArmAndVisitWithTheirEvidence() {
		client.transaction().withBundle(vitalSigns()).execute();
		Parameters out = summary(null, null);
		ParametersParameterComponent msc = vital(out, "uc-msc", "month-1");
		assertThat(List.of(text(msc, "evaluated"), text(msc, "significant"))).containsExactly("2", "1");
		assertThat(msc.getPart().stream().filter(p -> p.getName().equals("evidence"))
				.map(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference()))
				.singleElement().asString().startsWith("Observation/sa-vital-85354-9-" + DAY0.plusDays(30));
		assertThat(List.of(text(vital(out, "uc-msc", "month-3"), "significant"))).containsExactly("1");
		assertThat(List.of(text(vital(out, "control", "month-1"), "evaluated"),
				text(vital(out, "control", "month-1"), "significant"))).containsExactly("1", "1");
		assertThat(List.of(text(vital(out, "all", "month-1"), "evaluated"),
				text(vital(out, "all", "month-1"), "significant"))).containsExactly("3", "2");
	}

	private static ParametersParameterComponent vital(Parameters out, String arm, String visit) {
		return out.getParameter().stream().filter(p -> p.getName().equals("vitalSigns"))
				.filter(p -> arm.equals(text(p, "arm")) && visit.equals(text(p, "visit"))).findFirst()
				.orElseThrow(() -> new AssertionError("no vitalSigns for " + arm + " at " + visit));
	}

	private Parameters summary(String arm, Boolean persist) {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType("2026-12-31"));
		if (arm != null) {
			in.addParameter("arm", arm);
		}
		if (persist != null) {
			in.addParameter("persist", new BooleanType(persist));
		}
		return client.operation().onInstance(STUDY).named("$safety-summary").withParameters(in).execute();
	}

	private static String text(ParametersParameterComponent p, String name) {
		Type value = p.getPart().stream().filter(x -> x.getName().equals(name))
				.map(ParametersParameterComponent::getValue).findFirst().orElse(null);
		return value == null ? null : value instanceof Reference r ? r.getReference()
				: value instanceof Coding c ? c.getCode() : value.primitiveValue();
	}

	private static List<String> all(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name))
				.map(x -> ((Reference) x.getValue()).getReference()).toList();
	}

	private static ParametersParameterComponent find(Parameters out, String name, String... partValues) {
		return out.getParameter().stream().filter(p -> p.getName().equals(name)).filter(p -> {
			for (int i = 0; i < partValues.length; i += 2) {
				if (!Objects.equals(partValues[i + 1], text(p, partValues[i]))) {
					return false;
				}
			}
			return true;
		}).findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + List.of(partValues)));
	}

	private static List<String> ids(List<String> references) {
		return references.stream().map(r -> r.replaceAll("/_history/.*", "")).toList();
	}

	@Test
	void countsAdverseEventsBySeriousnessGradeAndRelatedness() {
		Parameters out = summary(null, null);
		ParametersParameterComponent any = find(out, "adverseEvents", "arm", "all", "dimension", "any");
		assertThat(text(any, "events")).isEqualTo("4");
		assertThat(text(any, "subjects")).isEqualTo("2");
		assertThat(ids(all(any, "evidence"))).containsExactlyInAnyOrder("AdverseEvent/sa-ae-1", "AdverseEvent/sa-ae-2",
				"AdverseEvent/sa-ae-3", "AdverseEvent/sc-ae-1");
		ParametersParameterComponent mscSerious = find(out, "adverseEvents", "arm", "uc-msc", "dimension",
				"seriousness", "category", "serious");
		assertThat(text(mscSerious, "events")).isEqualTo("1");
		assertThat(text(find(out, "adverseEvents", "arm", "uc-msc", "dimension", "seriousness", "category",
				"non-serious"), "events")).isEqualTo("2");
		assertThat(text(find(out, "adverseEvents", "arm", "control", "dimension", "grade", "category", "3"), "subjects"))
				.isEqualTo("1");
		assertThat(text(find(out, "adverseEvents", "arm", "uc-msc", "dimension", "relatedness", "category", "related"),
				"events")).isEqualTo("1");
		assertThat(text(find(out, "adverseEvents", "arm", "uc-msc", "dimension", "relatedness", "category", "possibly"),
				"events")).isEqualTo("1");
		assertThat(text(find(out, "adverseEvents", "arm", "uc-msc", "dimension", "relatedness", "category",
				"unrelated"), "events")).isEqualTo("1");
		assertThat(text(find(out, "adverseEvents", "arm", "control", "dimension", "relatedness", "category",
				"unknown"), "events")).isEqualTo("1");

		ParametersParameterComponent death = find(out, "deaths", "arm", "uc-msc");
		assertThat(text(death, "subject")).isEqualTo("ResearchSubject/sa-enrolment");
		assertThat(ids(List.of(text(death, "event")))).containsExactly("AdverseEvent/sa-ae-3");
		assertThat(text(death, "day")).isEqualTo("60");
	}

	@Test
	void anEventAt23h59IsAnInfusionReactionAndOneAt24h01IsNot() {
		Parameters out = summary(null, null);
		ParametersParameterComponent first = find(out, "infusionReactions", "arm", "uc-msc", "infusionNumber", "1");
		assertThat(text(first, "events")).isEqualTo("1");
		assertThat(ids(all(first, "evidence"))).containsExactly("AdverseEvent/sa-ae-1");
		assertThat(text(find(out, "infusionReactions", "arm", "uc-msc", "infusionNumber", "2"), "events")).isEqualTo("0");
	}

	@Test
	void labValuesAreJudgedAgainstTheirOwnRange() {
		Parameters out = summary(null, null);
		ParametersParameterComponent month1 = find(out, "labAbnormalities", "arm", "uc-msc", "test", "1742-6",
				"visit", "month-1");
		assertThat(text(month1, "evaluated")).isEqualTo("2");
		assertThat(text(month1, "above")).as("40 is at the limit, 41 above").isEqualTo("1");
		assertThat(text(month1, "normalAtBaseline")).isEqualTo("2");
		assertThat(text(month1, "newAbnormal")).isEqualTo("1");
		assertThat(ids(all(month1, "newAbnormalEvidence"))).containsExactly("Observation/sa-alt-2026-02-04");
		ParametersParameterComponent month3 = find(out, "labAbnormalities", "arm", "uc-msc", "test", "1742-6",
				"visit", "month-3");
		assertThat(ids(all(month3, "newAbnormalEvidence"))).containsExactly("Observation/sb-alt-2026-04-06");
		ParametersParameterComponent control = find(out, "labAbnormalities", "arm", "control", "test", "1742-6",
				"visit", "month-1");
		assertThat(text(control, "above")).isEqualTo("1");
		assertThat(text(control, "normalAtBaseline")).isEqualTo("0");
		assertThat(text(control, "newAbnormal")).as("already abnormal at baseline").isEqualTo("0");
	}

	@Test
	void ratesPerArmAndTheOddsRatioOfMscVersusControl() {
		Parameters out = summary(null, null);
		ParametersParameterComponent msc = find(out, "rates", "measure", "proportion", "arm", "uc-msc");
		assertThat(text(msc, "numerator") + "/" + text(msc, "denominator")).isEqualTo("1/2");
		assertThat(Double.parseDouble(text(msc, "estimate"))).isEqualTo(0.5);
		ParametersParameterComponent or = find(out, "rates", "measure", "odds-ratio");
		assertThat(text(or, "arm")).isEqualTo("uc-msc");
		assertThat(text(or, "comparator")).isEqualTo("control");
		assertThat(text(or, "cell")).isEqualTo("a=1 b=1 c=1 d=1");
		assertThat(Double.parseDouble(text(or, "continuityCorrection"))).isZero();
		assertThat(Double.parseDouble(text(or, "estimate"))).isEqualTo(1.0);
		// exp(+/- 1.959964 x sqrt(4))
		assertThat(Double.parseDouble(text(or, "ciLower"))).isCloseTo(0.0198, within(1e-4));
		assertThat(Double.parseDouble(text(or, "ciUpper"))).isCloseTo(50.3968, within(1e-3));
	}

	@Test
	void oneArmAndAnEarlierCutOffNarrowTheSummary() {
		Parameters control = summary("control", null);
		assertThat(control.getParameter().stream().filter(p -> p.getName().equals("adverseEvents"))
				.map(p -> text(p, "arm")).distinct()).containsExactly("all", "control");
		assertThat(control.getParameter().stream().noneMatch(p -> "odds-ratio".equals(text(p, "measure")))).isTrue();

		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType("2026-01-06"));
		Parameters early = client.operation().onInstance(STUDY).named("$safety-summary").withParameters(in).execute();
		assertThat(text(find(early, "adverseEvents", "arm", "all", "dimension", "any"), "events")).isEqualTo("1");
	}

	@Test
	void csvHasOneRowPerCount() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/" + STUDY + "/$safety-summary?asOf=2026-12-31"))
				.header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		List<String> lines = response.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(SafetyParameters.CSV_HEADER);
		assertThat(lines).anyMatch(l -> l.startsWith("adverseEvents,all,any,any,4,2,"));
		assertThat(lines).anyMatch(l -> l.startsWith("infusionReactions,uc-msc,infusion,1,1,1,"));
		assertThat(lines).anyMatch(l -> l.startsWith("labAbnormalities,uc-msc,alt,month-1,,,2,1,0,2,1,"));
	}

	/**
	 * The JSON written straight from the answer's rows (ADR 0020) is, byte for byte, what HAPI's encoder writes for
	 * the same answer: here HAPI's own path answers the pretty-printed request, and its answer re-encoded compactly
	 * equals the direct one. XML still goes through HAPI.
	 */
	@Test
	void theDirectJsonIsWhatHapisEncoderWrites() throws Exception {
		String url = "http://localhost:" + port + "/fhir/" + STUDY + "/$safety-summary?asOf=2026-12-31";
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> throughHapi = http.send(HttpRequest.newBuilder(URI.create(url + "&_pretty=true")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> xml = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Accept", "application/fhir+xml").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
		assertThat(throughHapi.body()).contains("\n  ");
		// encoded as the server encodes: evidence references keep their versions
		ca.uhn.fhir.parser.IParser compact = FHIR.newJsonParser().setDontStripVersionsFromReferencesAtPaths(
				org.msclupus.fhir.conformance.ConformanceConfiguration.VERSIONED_REFERENCE_PATHS);
		assertThat(direct.body()).contains("/_history/").isEqualTo(compact.encodeResourceToString(
				FHIR.newJsonParser().parseResource(Parameters.class, throughHapi.body())));
		assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+xml");
		assertThat(FHIR.newXmlParser().parseResource(Parameters.class, xml.body())
				.equalsDeep(FHIR.newJsonParser().parseResource(Parameters.class, direct.body()))).isTrue();
	}

	@Test
	void persistStoresTheSummaryOnce() {
		Parameters first = summary(null, true);
		Parameters second = summary(null, true);
		String reference = ((Reference) first.getParameter("documentReference").getValue()).getReference();
		assertThat(((Reference) second.getParameter("documentReference").getValue()).getReference()).isEqualTo(reference);
		DocumentReference stored = client.read().resource(DocumentReference.class)
				.withId(reference.replaceAll("/_history/.*", "")).execute();
		assertThat(stored.getIdElement().getVersionIdPart()).isEqualTo("1");
		assertThat(stored.getContext().getRelatedFirstRep().getReference()).isEqualTo(STUDY);
		Parameters content = FHIR.newJsonParser().parseResource(Parameters.class,
				new String(stored.getContentFirstRep().getAttachment().getData(), java.nio.charset.StandardCharsets.UTF_8));
		assertThat(content.getParameter().stream().filter(p -> p.getName().equals("adverseEvents")).count())
				.isEqualTo(first.getParameter().stream().filter(p -> p.getName().equals("adverseEvents")).count());
	}

	/** The same persisted summary asked for by several clients at once is stored once, and each is told where. */
	@Test
	void persistSentSeveralTimesAtOnceStoresOnce() throws Exception {
		List<Parameters> answers = org.msclupus.fhir.support.AtOnce.run(6, () -> summary("control", true));
		String reference = ((Reference) answers.get(0).getParameter("documentReference").getValue()).getReference();
		assertThat(answers).allSatisfy(a -> assertThat(((Reference) a.getParameter("documentReference").getValue())
				.getReference()).isEqualTo(reference));
		assertThat(client.read().resource(DocumentReference.class).withId(reference.replaceAll("/_history/.*", ""))
				.execute().getIdElement().getVersionIdPart()).isEqualTo("1");
	}

	@Test
	void anUnknownStudyIs404() {
		assertThatThrownBy(() -> client.operation().onInstance("ResearchStudy/no-such-study").named("$safety-summary")
				.withNoParameters(Parameters.class).execute()).isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void eventsOfOtherStudiesAndBeforeDayZeroAreLeftOut() {
		Parameters out = summary(null, null);
		List<String> evidence = out.getParameter().stream().filter(p -> p.getName().equals("adverseEvents"))
				.flatMap(p -> all(p, "evidence").stream()).toList();
		assertThat(ids(evidence)).doesNotContain("AdverseEvent/sd-ae-1", "AdverseEvent/sb-ae-1");
		assertThat(client.read().resource(AdverseEvent.class).withId("sd-ae-1").execute()).isNotNull();
	}
}
