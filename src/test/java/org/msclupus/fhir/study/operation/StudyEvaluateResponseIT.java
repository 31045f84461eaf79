package org.msclupus.fhir.study.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.operation.ResponseScenarios;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * ResearchStudy $evaluate-response on the four-subject scenario cohort, every figure worked out by hand (see
 * ResponseScenarios): renal CR, NR, NE, NE; BILAG MCR for ln-cr (month 6) and sle-bilag (relapse at month 9).
 */
@H2ServerTest
class StudyEvaluateResponseIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final double Z = 1.959963984540054;

	@LocalServerPort
	int port;
	IGenericClient client;

	@BeforeEach
	void loadCohort() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.transaction().withBundle(ResponseScenarios.cohort()).execute();
	}

	private Parameters evaluate(String arm, String... criteria) {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		for (String code : criteria) {
			in.addParameter("criteria", new CodeType(code));
		}
		if (arm != null) {
			in.addParameter("arm", arm);
		}
		return client.operation().onInstance("ResearchStudy/ln-trial").named("$evaluate-response").withParameters(in)
				.execute();
	}

	private static Type part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(ParametersParameterComponent::getValue)
				.findFirst().orElse(null);
	}

	private static String text(ParametersParameterComponent p, String name) {
		Type value = part(p, name);
		return value == null ? null : value instanceof CodeableConcept c ? c.getCodingFirstRep().getCode()
				: value instanceof org.hl7.fhir.r4.model.Reference r ? r.getReference() : value.primitiveValue();
	}

	private static ParametersParameterComponent summary(Parameters out, String criteria, String arm, String category,
			String visit) {
		return out.getParameter().stream().filter(p -> p.getName().equals("summary"))
				.filter(p -> criteria.equals(text(p, "criteria")) && arm.equals(text(p, "arm"))
						&& category.equals(text(p, "category")) && java.util.Objects.equals(visit, text(p, "visit")))
				.findFirst().orElseThrow();
	}

	private static double[] wilson(int k, int n) {
		double p = (double) k / n;
		double d = 1 + Z * Z / n;
		double centre = (p + Z * Z / (2 * n)) / d;
		double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / d;
		return new double[] {centre - half, centre + half};
	}

	private static void assertCount(ParametersParameterComponent s, int count, int denominator) {
		assertThat(text(s, "count")).isEqualTo(String.valueOf(count));
		assertThat(text(s, "denominator")).isEqualTo(String.valueOf(denominator));
		assertThat(Double.parseDouble(text(s, "rate"))).isCloseTo((double) count / denominator, within(1e-4));
		assertThat(Double.parseDouble(text(s, "ciLower"))).isCloseTo(wilson(count, denominator)[0], within(1e-4));
		assertThat(Double.parseDouble(text(s, "ciUpper"))).isCloseTo(wilson(count, denominator)[1], within(1e-4));
	}

	@Test
	void renalResponseCountsPerArmWithWilsonIntervals() {
		Parameters out = evaluate(null, "ln-renal-response");
		assertCount(summary(out, "ln-renal-response", "all", "CR", null), 1, 4);
		assertCount(summary(out, "ln-renal-response", "all", "PR", null), 0, 4);
		assertCount(summary(out, "ln-renal-response", "all", "NR", null), 1, 4);
		assertCount(summary(out, "ln-renal-response", "all", "NE", null), 2, 4);
		assertCount(summary(out, "ln-renal-response", "uc-msc", "CR", null), 1, 3);
		assertCount(summary(out, "ln-renal-response", "control", "NE", null), 1, 1);
		assertThat(out.getParameter()).filteredOn(p -> p.getName().equals("subject"))
				.extracting(p -> text(p, "subject") + " " + text(p, "arm") + " " + text(p, "response"))
				.containsExactly("ResearchSubject/ln-control-enrolment control NE",
						"ResearchSubject/ln-cr-enrolment uc-msc CR", "ResearchSubject/ln-si-enrolment uc-msc NR",
						"ResearchSubject/sle-bilag-enrolment uc-msc NE");
	}

	@Test
	void bilagRelapseIsCountedOverTheResponders() {
		Parameters out = evaluate(null, "bilag-mcr-pcr");
		assertCount(summary(out, "bilag-mcr-pcr", "all", "MCR", null), 2, 4);
		assertCount(summary(out, "bilag-mcr-pcr", "all", "relapse", "month-9"), 1, 2);
		assertCount(summary(out, "bilag-mcr-pcr", "all", "relapse", "month-12"), 0, 2);
		ParametersParameterComponent bilag = out.getParameter().stream()
				.filter(p -> p.getName().equals("subject") && text(p, "subject").contains("sle-bilag")).findFirst()
				.orElseThrow();
		assertThat(text(bilag, "relapseVisit")).isEqualTo("month-9");
		assertThat(text(bilag, "responseDate")).isEqualTo("2026-07-12");
	}

	@Test
	void oneArmOnly() {
		Parameters out = evaluate("control", "ln-renal-response");
		assertThat(out.getParameter()).filteredOn(p -> p.getName().equals("subject")).hasSize(1);
		assertCount(summary(out, "ln-renal-response", "all", "NE", null), 1, 1);
	}

	@Test
	void changeFromBaselineStatisticsWithThePairedTTest() {
		Parameters out = evaluate(null, "change-from-baseline");
		ParametersParameterComponent week24 = out.getParameter().stream()
				.filter(p -> p.getName().equals("statistic") && "serum-creatinine".equals(text(p, "measure"))
						&& "all".equals(text(p, "arm")) && "week-24".equals(text(p, "visit")))
				.findFirst().orElseThrow();
		// Week 24 creatinine: 0.9 (ln-cr), 1.2 (ln-si), 1.0 (ln-control); baselines 1.5, 1.5, 1.1.
		assertThat(text(week24, "n")).isEqualTo("3");
		assertThat(Double.parseDouble(text(week24, "mean"))).isCloseTo(3.1 / 3, within(1e-4));
		assertThat(Double.parseDouble(text(week24, "median"))).isCloseTo(1.0, within(1e-4));
		assertThat(Double.parseDouble(text(week24, "sd"))).isCloseTo(Math.sqrt(0.07 / 3), within(1e-4));
		double meanChange = -1.0 / 3;
		double sdChange = Math.sqrt((Math.pow(-0.6 - meanChange, 2) + Math.pow(-0.3 - meanChange, 2)
				+ Math.pow(-0.1 - meanChange, 2)) / 2);
		assertThat(Double.parseDouble(text(week24, "meanChange"))).isCloseTo(meanChange, within(1e-4));
		assertThat(Double.parseDouble(text(week24, "sdChange"))).isCloseTo(sdChange, within(1e-4));
		double t = meanChange / (sdChange / Math.sqrt(3));
		double p = 2 * new TDistribution(2).cumulativeProbability(-Math.abs(t));
		assertThat(Double.parseDouble(text(week24, "pValue"))).isCloseTo(p, within(1e-3));
	}

	@Test
	void csvHasAHeaderAndOneRowPerSubjectAndCriteriaSet() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
						"http://localhost:" + port + "/fhir/ResearchStudy/ln-trial/$evaluate-response"
								+ "?criteria=ln-renal-response,bilag-mcr-pcr&asOf=2027-02-01"))
				.header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
		List<String> lines = response.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(StudyResults.CSV_HEADER);
		assertThat(lines.stream().filter(l -> l.startsWith("subject,"))).hasSize(4 * 2);
		assertThat(lines).anyMatch(l -> l.startsWith("subject,ResearchSubject/sle-bilag-enrolment,uc-msc,bilag-mcr-pcr,"
				+ "1,MCR,2026-07-12,183,,true,month-9,2026-10-11,"));

		// After the subject rows, every comparison, curve, step and log-rank test of the Parameters answer, in the
		// same long table, each with the values of its parts.
		Parameters parameters = evaluate(null, "ln-renal-response", "bilag-mcr-pcr");
		List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVFormat.RFC4180.builder()
				.setHeader().setSkipHeaderRecord(true).build().parse(new java.io.StringReader(response.body()))
				.getRecords();
		assertThat(records.stream().map(r -> r.get("section")).distinct())
				.startsWith("subject", "comparison", "timeToEvent", "step");
		for (String section : List.of("comparison", "timeToEvent", "logRank")) {
			assertThat(records.stream().filter(r -> r.get("section").equals(section)).count()).as(section)
					.isEqualTo(parameters.getParameter().stream().filter(p -> p.getName().equals(section)).count());
		}
		assertThat(records.stream().filter(r -> r.get("section").equals("step")).count()).isEqualTo(parameters
				.getParameter().stream().filter(p -> p.getName().equals("timeToEvent"))
				.flatMap(p -> p.getPart().stream()).filter(p -> p.getName().equals("step")).count());
		ParametersParameterComponent comparison = parameters.getParameter().stream()
				.filter(p -> p.getName().equals("comparison")).findFirst().orElseThrow();
		org.apache.commons.csv.CSVRecord row = records.stream().filter(r -> r.get("section").equals("comparison"))
				.findFirst().orElseThrow();
		for (String column : List.of("criteria", "outcome", "arm", "referenceArm", "count", "denominator",
				"riskDifference", "oddsRatioUpper", "pValue", "missingAs")) {
			assertThat(row.get(column)).as(column).isEqualTo(text(comparison, column));
		}

		HttpResponse<String> viaFormat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/ln-trial/$evaluate-response"
						+ "?criteria=ln-renal-response&asOf=2027-02-01&_format=csv")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(viaFormat.statusCode()).isEqualTo(200);
		assertThat(viaFormat.body().lines().filter(l -> l.startsWith("subject,")).toList()).hasSize(4);
	}

	/** The same persisted report asked for by several clients at once is stored once, and each is told where. */
	@Test
	void persistSentSeveralTimesAtOnceStoresOnce() throws Exception {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		in.addParameter("criteria", new CodeType("sri-4"));
		in.addParameter("persist", new org.hl7.fhir.r4.model.BooleanType(true));
		List<Parameters> answers = org.msclupus.fhir.support.AtOnce.run(6, () -> client.operation()
				.onInstance("ResearchStudy/ln-trial").named("$evaluate-response").withParameters(in).execute());
		List<List<String>> reports = answers.stream().map(a -> a.getParameter().stream()
				.filter(p -> p.getName().equals("measureReport"))
				.map(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference()).toList()).toList();
		assertThat(reports.get(0)).hasSize(1);
		assertThat(reports).allSatisfy(r -> assertThat(r).isEqualTo(reports.get(0)));
		assertThat(reports.get(0).get(0)).endsWith("/_history/1");
	}

	@Test
	void persistStoresOneMeasureReportPerGradedCriteriaSetOnlyOnce() {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		in.addParameter("criteria", new CodeType("bilag-mcr-pcr"));
		in.addParameter("criteria", new CodeType("change-from-baseline"));
		in.addParameter("persist", new org.hl7.fhir.r4.model.BooleanType(true));
		Parameters first = client.operation().onInstance("ResearchStudy/ln-trial").named("$evaluate-response")
				.withParameters(in).execute();
		Parameters second = client.operation().onInstance("ResearchStudy/ln-trial").named("$evaluate-response")
				.withParameters(in).execute();
		List<String> reports = first.getParameter().stream().filter(p -> p.getName().equals("measureReport"))
				.map(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference()).toList();
		assertThat(reports).hasSize(1); // change from baseline grades no category
		assertThat(second.getParameter()).filteredOn(p -> p.getName().equals("measureReport"))
				.extracting(p -> ((org.hl7.fhir.r4.model.Reference) p.getValue()).getReference()).isEqualTo(reports);

		org.hl7.fhir.r4.model.MeasureReport report = client.read().resource(org.hl7.fhir.r4.model.MeasureReport.class)
				.withUrl(reports.get(0)).execute();
		assertThat(report.getType()).isEqualTo(org.hl7.fhir.r4.model.MeasureReport.MeasureReportType.SUMMARY);
		assertThat(report.getMeasure()).isEqualTo("http://msc-lupus.org/fhir/Measure/bilag-mcr-pcr");
		var mcr = report.getGroup().get(0);
		assertThat(mcr.getCode().getCodingFirstRep().getCode()).isEqualTo("MCR");
		assertThat(mcr.getPopulation()).extracting(p -> p.getCode().getCodingFirstRep().getCode() + "=" + p.getCount())
				.containsExactly("initial-population=4", "denominator=4", "numerator=2");
		assertThat(mcr.getMeasureScore().getValue()).isEqualByComparingTo("0.5");
		assertThat(mcr.getStratifierFirstRep().getStratum()).extracting(s -> s.getValue().getText())
				.containsExactly("control", "uc-msc");
		var relapseMonth9 = report.getGroup().stream().filter(g -> "relapse at month-9".equals(g.getCode().getText()))
				.findFirst().orElseThrow();
		assertThat(relapseMonth9.getPopulation()).extracting(p -> p.getCount()).containsExactly(4, 2, 1);

		org.hl7.fhir.r4.model.Bundle measures = client.search().forResource(org.hl7.fhir.r4.model.Measure.class)
				.where(org.hl7.fhir.r4.model.Measure.URL.matches().value(report.getMeasure()))
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
		assertThat(measures.getEntry()).hasSize(1);
	}

	private Parameters evaluateWith(String criteria, String name, String value) {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType(ResponseScenarios.AS_OF.toString()));
		in.addParameter("criteria", new CodeType(criteria));
		in.addParameter(name, new CodeType(value));
		return client.operation().onInstance("ResearchStudy/ln-trial").named("$evaluate-response").withParameters(in)
				.execute();
	}

	private static ParametersParameterComponent named(Parameters out, String name, String criteria, String key,
			String keyValue) {
		return out.getParameter().stream().filter(p -> p.getName().equals(name))
				.filter(p -> criteria.equals(text(p, "criteria")) && keyValue.equals(text(p, key)))
				.findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + criteria + " " + keyValue));
	}

	@Test
	void theExperimentalArmIsComparedWithTheControlArm() {
		// uc-msc: ln-cr CR, ln-si NR, sle-bilag NE; control: ln-control NE. NE counts as non-response by default.
		Parameters out = evaluate(null, "ln-renal-response");
		ParametersParameterComponent cr = named(out, "comparison", "ln-renal-response", "outcome", "CR");
		assertThat(text(cr, "arm")).isEqualTo("uc-msc");
		assertThat(text(cr, "referenceArm")).isEqualTo("control");
		assertThat(List.of(text(cr, "count"), text(cr, "denominator"), text(cr, "referenceCount"),
				text(cr, "referenceDenominator"))).containsExactly("1", "3", "0", "1");
		assertThat(Double.parseDouble(text(cr, "riskDifference"))).isCloseTo(1.0 / 3, within(0.00005));
		assertThat(Double.parseDouble(text(cr, "pValue"))).as("Fisher, one table of four").isEqualTo(1.0);
		assertThat(text(cr, "continuityCorrection")).isEqualTo("0.5");
		assertThat(Double.parseDouble(text(cr, "oddsRatio"))).isCloseTo((1.5 * 1.5) / (2.5 * 0.5), within(0.00005));
		assertThat(text(cr, "missingAs")).isEqualTo("non-responder");
		assertThat(named(out, "comparison", "ln-renal-response", "outcome", "CR-or-PR")).isNotNull();
	}

	@Test
	void excludingNeSubjectsCanEmptyAnArm() {
		Parameters out = evaluateWith("ln-renal-response", "missingAs", "excluded");
		ParametersParameterComponent cr = named(out, "comparison", "ln-renal-response", "outcome", "CR");
		assertThat(List.of(text(cr, "count"), text(cr, "denominator"), text(cr, "referenceCount"),
				text(cr, "referenceDenominator"))).containsExactly("1", "2", "0", "0");
		assertThat(part(cr, "riskDifference")).as("no estimate over an empty arm").isNull();
		assertThat(text(cr, "missingAs")).isEqualTo("excluded");
	}

	@Test
	void timeToResponseIsAKaplanMeierCurvePerArm() {
		Parameters out = evaluate(null, "ln-renal-response");
		ParametersParameterComponent msc = out.getParameter().stream()
				.filter(p -> p.getName().equals("timeToEvent") && "response".equals(text(p, "event"))
						&& "uc-msc".equals(text(p, "arm"))).findFirst().orElseThrow();
		// ln-cr: PR at week 8 (day 56); ln-si: never PR, censored at its last evaluable visit; sle-bilag: no renal
		// data at all, so not evaluable.
		assertThat(List.of(text(msc, "n"), text(msc, "events"), text(msc, "censored"), text(msc, "notEvaluable")))
				.containsExactly("2", "1", "1", "1");
		ParametersParameterComponent first = msc.getPart().stream().filter(p -> p.getName().equals("step"))
				.findFirst().orElseThrow();
		assertThat(text(first, "day")).isEqualTo("56");
		assertThat(text(first, "survival")).isEqualTo("0.5000");
		assertThat(text(first, "cumulativeIncidence")).isEqualTo("0.5000");
		assertThat(out.getParameter().stream().filter(p -> p.getName().equals("logRank")))
				.as("the control arm's only subject has no evaluable renal visit: nothing to test against").isEmpty();
	}

	@Test
	void badComparisonParametersAre400() {
		assertThatThrownBy(() -> evaluateWith("ln-renal-response", "referenceArm", "placebo"))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("'placebo' is not an arm");
		assertThatThrownBy(() -> evaluateWith("ln-renal-response", "missingAs", "ignored"))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("non-responder, excluded");
	}

	@Test
	void criteriaIsRequiredAndAnUnknownStudyIs404() {
		assertThatThrownBy(() -> evaluate(null)).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("criteria is required");
		assertThatThrownBy(() -> evaluate(null, "sri-5")).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("known codes");
		assertThatThrownBy(() -> client.operation().onInstance("ResearchStudy/none").named("$evaluate-response")
				.withParameter(Parameters.class, "criteria", new CodeType("sri-4")).execute())
				.isInstanceOf(ResourceNotFoundException.class);
	}

	private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + pathAndQuery));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Follows the status URL of a 202 until the job is done; returns the final answer. */
	private HttpResponse<String> poll(HttpResponse<String> accepted, String... headers) throws Exception {
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
		assertThat(statusUrl).startsWith("http://localhost:" + port + "/fhir/$evaluate-response-status?_jobId=");
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (true) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(statusUrl));
			if (headers.length > 0) {
				request.headers(headers);
			}
			HttpResponse<String> status = HttpClient.newHttpClient().send(request.build(),
					HttpResponse.BodyHandlers.ofString());
			if (status.statusCode() != 202) {
				return status;
			}
			assertThat(status.headers().firstValue("X-Progress")).isPresent();
			assertThat(System.nanoTime()).as("job still running after two minutes").isLessThan(deadline);
			Thread.sleep(500);
		}
	}

	@Test
	void respondAsyncAnswers202AndTheStatusUrlGivesTheSameResultAsTheSynchronousCall() throws Exception {
		String query = "ResearchStudy/ln-trial/$evaluate-response?criteria=ln-renal-response,bilag-mcr-pcr"
				+ "&criteria=change-from-baseline&asOf=2027-02-01";
		HttpResponse<String> sync = get(query, "Accept", "application/fhir+json");
		HttpResponse<String> done = poll(get(query, "Prefer", "respond-async", "Accept", "application/fhir+json"),
				"Accept", "application/fhir+json");
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(Parameters.class, done.body()).equalsDeep(
				FHIR.newJsonParser().parseResource(Parameters.class, sync.body()))).isTrue();

		HttpResponse<String> csv = poll(get(query + "&_format=csv", "Prefer", "respond-async"), "Accept", "text/csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body()).isEqualTo(get(query + "&_format=csv").body());
	}

	@Test
	void respondAsyncRefusesBadRequestsAtOnceAndUnknownJobsAre404() throws Exception {
		HttpResponse<String> unknownCriteria = get("ResearchStudy/ln-trial/$evaluate-response?criteria=sri-5",
				"Prefer", "respond-async");
		assertThat(unknownCriteria.statusCode()).isEqualTo(400);
		assertThat(unknownCriteria.body()).contains("OperationOutcome", "sri-4");
		assertThat(get("ResearchStudy/none/$evaluate-response?criteria=sri-4", "Prefer", "respond-async").statusCode())
				.isEqualTo(404);
		HttpResponse<String> unknownJob = get("$evaluate-response-status?_jobId=no-such-job");
		assertThat(unknownJob.statusCode()).isEqualTo(404);
		assertThat(unknownJob.body()).contains("OperationOutcome", "no-such-job");
	}
}
