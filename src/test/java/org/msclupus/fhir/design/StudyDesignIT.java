package org.msclupus.fhir.design;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cdisc.DefineXmlSchema;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.design.fhir.ScheduleDefinitions;
import org.msclupus.fhir.support.H2ServerTest;
import org.msclupus.fhir.support.SchedulePlans;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The study's design decides the same way in every operation, through the real server. Schedule: day 0, week 2 with
 * its own window (days 11-17), weeks 4 and 6 with the schedule's default window (14 days: 14-42 and 28-56, which
 * overlap). Control arm, so day 0 is enrolment.
 * <ul>
 * <li>ALT on day 30 lies in the windows of weeks 4 and 6, nearer week 4: {@code $safety-summary} and the CDISC export
 * both place it at week 4 only.</li>
 * <li>UPCR on day 35 is as near week 4 as week 6: {@code $evaluate-response}, {@code $visit-compliance} and the CDISC
 * export all give it to week 6, the later visit.</li>
 * <li>A creatinine on day 10, one day before week 2's window opens, is week 2 out of window by -1 day, not the day-0
 * assessment.</li>
 * <li>A schedule with a duplicate visit name and an inverted window, created in one transaction with the study whose
 * protocol references it, is refused with 422 naming the visit, and nothing is stored.</li>
 * </ul>
 */
@H2ServerTest
class StudyDesignIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 2, 2);
	static final String AS_OF = DAY0.plusDays(70).toString();
	static boolean loaded;

	@LocalServerPort
	int port;
	IGenericClient client;

	static PlanDefinition schedule(String id) {
		PlanDefinition plan = SchedulePlans.plan(id);
		SchedulePlans.visit(plan, "week-2", 14, 11, 17, ActionRelationshipType.AFTER, null, "2890-2");
		SchedulePlans.visit(plan, "week-4", 28, null, null, ActionRelationshipType.AFTER, null, "2890-2");
		SchedulePlans.visit(plan, "week-6", 42, null, null, ActionRelationshipType.AFTER, null, "2890-2");
		return plan;
	}

	static Quantity days(int days) {
		return SchedulePlans.days(days);
	}

	@BeforeEach
	void load() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		if (loaded) {
			return;
		}
		client.update().resource(schedule("design-schedule")).execute();
		TrialRecords records = new TrialRecords();
		String study = records.study("design-trial", "NCT09999990", null, List.of("change-from-baseline"));
		((ResearchStudy) records.bundle().getEntryFirstRep().getResource())
				.addProtocol(new Reference("PlanDefinition/design-schedule"));
		String site = records.site("design-site", "Design hospital");
		TrialRecords.Subject a = records.subject("design-a", study, "control", DAY0, site);
		a.upcr(DAY0.minusDays(2), "2.0", "g/g");
		a.safetyLab("alt", "1742-6", DAY0.minusDays(2), "30", "U/L", "7", "56");
		a.safetyLab("alt", "1742-6", DAY0.plusDays(30), "90", "U/L", "7", "56");
		a.upcr(DAY0.plusDays(35), "1.0", "g/g");
		TrialRecords.Subject b = records.subject("design-b", study, "control", DAY0, site);
		b.upcr(DAY0.plusDays(10), "1.5", "g/g");
		client.transaction().withBundle(records.bundle()).execute();
		loaded = true;
	}

	private static String text(ParametersParameterComponent p, String name) {
		Type value = p.getPart().stream().filter(x -> x.getName().equals(name))
				.map(ParametersParameterComponent::getValue).findFirst().orElse(null);
		return value == null ? null : value instanceof Coding c ? c.getCode()
				: value instanceof Reference r ? r.getReference() : value.primitiveValue();
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/"
				+ path)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void aLaboratoryValueInTwoWindowsCountsAtOneVisitInTheSafetySummaryAndTheExport() throws Exception {
		Parameters safety = client.operation().onInstance("ResearchStudy/design-trial").named("$safety-summary")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		List<String> altVisits = safety.getParameter().stream().filter(p -> p.getName().equals("labAbnormalities"))
				.filter(p -> "control".equals(text(p, "arm")) && "1742-6".equals(text(p, "test")))
				.map(p -> text(p, "visit")).toList();
		assertThat(altVisits).containsExactly("baseline", "week-4");

		List<Map<String, String>> lb = rows(export().get("lb.json"));
		assertThat(lb).filteredOn(r -> (DAY0.plusDays(30).toString()).equals(dateOf(r.get("LBDTC"))))
				.extracting(r -> r.get("VISIT")).containsExactly("week-4");
	}

	@Test
	void aTrialMeasureInTwoWindowsGoesToTheSameVisitInEveryOperation() throws Exception {
		Parameters response = client.operation().onInstance("ResearchSubject/design-a-enrolment")
				.named("$evaluate-response").withParameter(Parameters.class, "criteria",
						new CodeType("change-from-baseline")).andParameter("asOf", new DateType(AS_OF)).execute();
		List<String> visits = response.getParameterFirstRep().getPart().stream()
				.filter(p -> p.getName().equals("visit")).map(p -> text(p, "label")).toList();
		assertThat(visits).containsExactly("baseline", "week-6");

		Parameters compliance = compliance();
		assertThat(text(subjectVisit(compliance, "design-a", "week-6"), "status")).isEqualTo("done");
		assertThat(text(subjectVisit(compliance, "design-a", "week-6"), "date"))
				.isEqualTo(DAY0.plusDays(35).toString());
		assertThat(text(subjectVisit(compliance, "design-a", "week-4"), "status")).isEqualTo("missed");

		List<Map<String, String>> lb = rows(export().get("lb.json"));
		assertThat(lb).filteredOn(r -> (DAY0.plusDays(35).toString()).equals(dateOf(r.get("LBDTC"))))
				.extracting(r -> r.get("VISIT")).containsExactly("week-6");
	}

	@Test
	void aValueAfterDay0IsNeverTheDay0Assessment() {
		Parameters compliance = compliance();
		ParametersParameterComponent week2 = subjectVisit(compliance, "design-b", "week-2");
		assertThat(text(week2, "status")).isEqualTo("out-of-window");
		assertThat(text(week2, "daysOff")).isEqualTo("-1");
		assertThat(text(subjectVisit(compliance, "design-b", "day-0"), "status")).isEqualTo("missed");
		assertThat(text(subjectVisit(compliance, "design-a", "day-0"), "status")).as("a pre-dose value counts")
				.isEqualTo("done");
	}

	/**
	 * An arm filter naming an arm the study lacks (a typo: {@code UC-MSC}, {@code placebo}) is a 400 naming the
	 * study's arms in every operation that takes one, synchronous or not, rather than a summary of no subjects that
	 * reads as "no events"; an arm the study declares but nobody is assigned to yet is an empty, valid answer.
	 */
	@Test
	void anArmTheStudyLacksIsRefusedByEveryOperationThatFiltersByArm() throws Exception {
		for (String operation : List.of("$evaluate-response?criteria=change-from-baseline&", "$safety-summary?",
				"$visit-compliance?")) {
			for (String prefer : new String[] {null, "respond-async"}) {
				if (prefer != null && !operation.startsWith("$evaluate-response")) {
					continue; // the only one of the three that runs as a job
				}
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
						+ "/fhir/ResearchStudy/design-trial/" + operation + "asOf=" + AS_OF + "&arm=UC-MSC"));
				if (prefer != null) {
					request.header("Prefer", prefer);
				}
				HttpResponse<String> refused = HttpClient.newHttpClient().send(request.build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(refused.statusCode()).as(operation + " " + prefer + ": " + refused.body()).isEqualTo(400);
				assertThat(refused.body()).contains("OperationOutcome", "UC-MSC", "uc-msc", "control");
			}
			HttpResponse<byte[]> declared = get("ResearchStudy/design-trial/" + operation + "asOf=" + AS_OF
					+ "&arm=uc-msc");
			assertThat(declared.statusCode()).as(operation + ": " + new String(declared.body())).isEqualTo(200);
		}
	}

	/**
	 * A parameter its operation takes once, given twice (arm=uc-msc&arm=control, as one would ask for two arms), was
	 * answered for the first value alone, and one it does not take was ignored; now each is a 400 naming the
	 * parameter, in the query or in a POSTed Parameters body, on every trial operation.
	 */
	@Test
	void aParameterItsOperationDoesNotTakeOrGivenTooOftenIsRefused() throws Exception {
		for (String operation : List.of("ResearchStudy/design-trial/$evaluate-response?criteria=change-from-baseline&",
				"ResearchStudy/design-trial/$safety-summary?", "ResearchStudy/design-trial/$visit-compliance?")) {
			HttpResponse<byte[]> twice = get(operation + "asOf=" + AS_OF + "&arm=uc-msc&arm=control");
			String body = new String(twice.body());
			assertThat(twice.statusCode()).as(operation + ": " + body).isEqualTo(400);
			assertThat(body).contains("OperationOutcome", "arm", "uc-msc", "control");
		}
		HttpResponse<byte[]> asOfTwice = get("ResearchSubject/design-a-enrolment/$evaluate-response?asOf=" + AS_OF
				+ "&asOf=2020-01-01");
		assertThat(asOfTwice.statusCode()).as(new String(asOfTwice.body())).isEqualTo(400);
		assertThat(new String(asOfTwice.body())).contains("asOf", "2020-01-01");

		Parameters in = new Parameters();
		in.addParameter("asOf", new org.hl7.fhir.r4.model.DateType(AS_OF.toString()));
		in.addParameter("arm", "uc-msc");
		in.addParameter("arm", "control");
		HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/design-trial/$safety-summary"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(in))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(400);
		assertThat(posted.body()).contains("arm", "uc-msc", "control");
		// a repeatable one stays repeatable, and one value of each is answered as before
		assertThat(get("ResearchStudy/design-trial/$cdisc-export?dataset=dm&dataset=ae&asOf=" + AS_OF).statusCode())
				.isEqualTo(200);
		// a parameter the operation does not take (the export has no arm filter) was ignored: every arm exported
		HttpResponse<byte[]> unknown = get("ResearchStudy/design-trial/$cdisc-export?asOf=" + AS_OF + "&arm=control");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(new String(unknown.body())).contains("arm", "$cdisc-export", "dataset");
		assertThat(get("ResearchStudy/design-trial/$safety-summary?asOf=" + AS_OF + "&_format=json&_pretty=true")
				.statusCode()).isEqualTo(200);
		// a whole number that is none was a 500 (HAPI's binding threw a NumberFormatException)
		for (String operation : List.of("$verification-queue", "$notifications")) {
			HttpResponse<byte[]> notANumber = get("ResearchStudy/design-trial/" + operation + "?_count=abc");
			assertThat(notANumber.statusCode()).as(operation).isEqualTo(400);
			assertThat(new String(notANumber.body())).contains("_count", "abc");
			HttpResponse<byte[]> five = get("ResearchStudy/design-trial/" + operation + "?_count=5");
			assertThat(five.statusCode()).as(operation + ": " + new String(five.body())).isEqualTo(200);
		}
	}

	@Test
	void theExportedDefineXmlIsValidAgainstCdiscsSchema() throws Exception {
		assertThat(DefineXmlSchema.problems(export().get("define.xml"))).isEmpty();
	}

	/** A sponsor loading study and schedule in one transaction, the schedule first or last. */
	@Test
	void anIncoherentScheduleInTheStudysOwnTransactionIsRefusedAndNothingIsStored() throws Exception {
		for (boolean scheduleFirst : new boolean[] {true, false}) {
			PlanDefinition bad = schedule("one-bundle-schedule");
			bad.setIdElement(null);
			String url = "http://sponsor.example/PlanDefinition/one-bundle-" + scheduleFirst;
			bad.setUrl(url);
			bad.getAction().get(3).setTitle("week-2"); // week-4 renamed: a duplicate visit name
			Range window = (Range) bad.getAction().get(1).getRelatedActionFirstRep()
					.getExtensionByUrl(ScheduleDefinitions.ACCEPTABLE_OFFSET_RANGE).getValue();
			window.setLow(days(17)).setHigh(days(11)); // inverted
			String studyId = "one-bundle-" + scheduleFirst;
			Bundle bundle = studyWithSchedule(studyId, bad, scheduleFirst);

			HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("http://localhost:" + port + "/fhir")).header("Content-Type", "application/fhir+json")
					.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(bundle)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
			assertThat(refused.body()).contains("OperationOutcome", "visit 'week-2' is named twice",
					"visit 'week-2' has a negative window");
			assertThat(client.search().forResource(PlanDefinition.class).where(PlanDefinition.URL.matches().value(url))
					.returnBundle(Bundle.class).execute().getEntry()).as("no schedule stored").isEmpty();
			assertThat(get("ResearchStudy/" + studyId).statusCode()).as("no study stored").isEqualTo(404);
		}
	}

	/**
	 * The same with client-assigned ids (PUT, references by id rather than urn:uuid), and an existing study updated to
	 * reference a new incoherent schedule: refused, and the study keeps its version.
	 */
	@Test
	void anIncoherentScheduleWrittenByIdWithItsStudyIsRefusedToo() throws Exception {
		PlanDefinition bad = schedule("by-id-schedule");
		bad.getAction().get(3).setTitle("week-2");
		Bundle bundle = studyWithSchedule("by-id-trial", bad, true);
		bundle.getEntry().get(0).setFullUrl(null).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("PlanDefinition/by-id-schedule");
		((ResearchStudy) bundle.getEntry().get(1).getResource()).getProtocolFirstRep()
				.setReference("PlanDefinition/by-id-schedule");
		HttpResponse<String> refused = post(bundle);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(refused.body()).contains("visit 'week-2' is named twice");
		assertThat(get("PlanDefinition/by-id-schedule").statusCode()).isEqualTo(404);
		assertThat(get("ResearchStudy/by-id-trial").statusCode()).isEqualTo(404);

		String version = client.read().resource(ResearchStudy.class).withId("design-trial").execute().getMeta()
				.getVersionId();
		Bundle update = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		update.addEntry().setResource(bad).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("PlanDefinition/by-id-schedule");
		ResearchStudy study = client.read().resource(ResearchStudy.class).withId("design-trial").execute();
		study.getProtocolFirstRep().setReference("PlanDefinition/by-id-schedule");
		update.addEntry().setResource(study).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("ResearchStudy/design-trial");
		HttpResponse<String> refusedUpdate = post(update);
		assertThat(refusedUpdate.statusCode()).as(refusedUpdate.body()).isEqualTo(422);
		assertThat(client.read().resource(ResearchStudy.class).withId("design-trial").execute().getMeta()
				.getVersionId()).as("the study was not updated").isEqualTo(version);
	}

	/**
	 * An enrolment in an arm the study does not declare, or a second enrolment of a patient in a study, is refused
	 * with its transaction: stored, the first was an arm of its own with one subject in every comparison, the second a
	 * patient counted twice in every denominator. The same enrolment sent again, another study's enrolment of the
	 * patient, and a status change of an existing enrolment are accepted.
	 */
	@Test
	void anEnrolmentInAnUndeclaredArmOrASecondOneOfThePatientIsRefused() throws Exception {
		String key = "enrol-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords setup = new TrialRecords();
		String study = setup.study(key, "NCT3" + Math.abs(key.hashCode() % 10_000_000), null, List.of());
		setup.subject(key + "-a", study, "uc-msc", DAY0);
		assertThat(post(setup.bundle()).statusCode()).isEqualTo(200);
		assertThat(post(setup.bundle()).statusCode()).as("the same enrolment sent again").isEqualTo(200);

		TrialRecords mistyped = new TrialRecords();
		TrialRecords.Subject typo = mistyped.subject(key + "-b", study, "uc_msc", DAY0);
		HttpResponse<String> refusedArm = post(mistyped.bundle());
		assertThat(refusedArm.statusCode()).as(refusedArm.body()).isEqualTo(422);
		assertThat(refusedArm.body()).contains("ResearchSubject.assignedArm 'uc_msc' is not an arm of " + study
				+ "; its arms: uc-msc, control");
		assertThat(get(typo.reference()).statusCode()).as("nothing of the transaction stored").isEqualTo(404);
		assertThat(get("Patient/" + key + "-b").statusCode()).isEqualTo(404);
		ResearchSubject actual = (ResearchSubject) mistyped.bundle().getEntry().get(1).getResource();
		actual.setAssignedArm("control").setActualArm("placebo");
		HttpResponse<String> refusedActual = post(mistyped.bundle());
		assertThat(refusedActual.statusCode()).as(refusedActual.body()).isEqualTo(422);
		assertThat(refusedActual.body()).contains("ResearchSubject.actualArm 'placebo'");

		ResearchSubject second = new ResearchSubject();
		second.getMeta().addProfile(TrialCodes.BASE + "/StructureDefinition/msc-research-subject");
		second.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY).setAssignedArm("control")
				.setStudy(new Reference(study)).setIndividual(new Reference("Patient/" + key + "-a"))
				.setPeriod(new org.hl7.fhir.r4.model.Period().setStartElement(
						new org.hl7.fhir.r4.model.DateTimeType(DAY0.plusDays(3).toString())));
		HttpResponse<String> twice = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchSubject")).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(second))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(twice.statusCode()).as(twice.body()).isEqualTo(422);
		assertThat(twice.body()).contains("Patient/" + key + "-a is already enrolled in " + study + " as ResearchSubject/"
				+ key + "-a-enrolment");

		// Two enrolments of one new patient in one transaction see each other.
		TrialRecords both = new TrialRecords();
		both.subject(key + "-c", study, "uc-msc", DAY0);
		ResearchSubject again = ((ResearchSubject) both.bundle().getEntry().get(1).getResource()).copy();
		again.setId(key + "-c-enrolment-2");
		both.bundle().addEntry().setFullUrl("ResearchSubject/" + key + "-c-enrolment-2").setResource(again)
				.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("ResearchSubject/" + key + "-c-enrolment-2");
		HttpResponse<String> inOne = post(both.bundle());
		assertThat(inOne.statusCode()).as(inOne.body()).isEqualTo(422);
		assertThat(get("Patient/" + key + "-c").statusCode()).isEqualTo(404);

		TrialRecords elsewhere = new TrialRecords();
		String other = elsewhere.study(key + "-other", "NCT4" + Math.abs(key.hashCode() % 10_000_000), null, List.of());
		ResearchSubject inOther = second.copy().setStudy(new Reference(other));
		elsewhere.bundle().addEntry().setResource(inOther).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("ResearchSubject");
		HttpResponse<String> otherStudy = post(elsewhere.bundle());
		assertThat(otherStudy.statusCode()).as("the patient in another study: " + otherStudy.body()).isEqualTo(200);

		ResearchSubject enrolment = client.read().resource(ResearchSubject.class).withId(key + "-a-enrolment").execute();
		enrolment.setStatus(ResearchSubject.ResearchSubjectStatus.OFFSTUDY);
		assertThat(client.update().resource(enrolment).execute().getId().getVersionIdPart()).isEqualTo("2");
	}

	/** Six feeds enrolling one new patient at the same moment, each with its own enrolment: one is stored. */
	@Test
	void enrolmentsOfOnePatientSentAtOnceStoreOne() throws Exception {
		String key = "enrolrace-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords setup = new TrialRecords();
		String study = setup.study(key, "NCT5" + Math.abs(key.hashCode() % 10_000_000), null, List.of());
		Patient patient = new Patient();
		patient.setId(key + "-p");
		setup.bundle().addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Patient/" + key + "-p");
		assertThat(post(setup.bundle()).statusCode()).isEqualTo(200);
		ResearchSubject enrolment = new ResearchSubject();
		enrolment.getMeta().addProfile(TrialCodes.BASE + "/StructureDefinition/msc-research-subject");
		enrolment.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY).setAssignedArm("uc-msc")
				.setStudy(new Reference(study)).setIndividual(new Reference("Patient/" + key + "-p"))
				.setPeriod(new org.hl7.fhir.r4.model.Period().setStartElement(
						new org.hl7.fhir.r4.model.DateTimeType(DAY0.toString())));
		String body = FHIR.newJsonParser().encodeResourceToString(enrolment);
		List<Integer> statuses = org.msclupus.fhir.support.AtOnce.run(6, () -> HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/ResearchSubject"))
						.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
		assertThat(statuses).containsOnly(201, 422).filteredOn(s -> s == 201).hasSize(1);
		assertThat(client.search().byUrl("ResearchSubject?study=" + study).returnBundle(Bundle.class)
				.execute().getEntry()).hasSize(1);
	}

	private HttpResponse<String> post(Bundle bundle) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(bundle))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aCoherentScheduleInTheStudysOwnTransactionIsAccepted() {
		PlanDefinition good = schedule("one-bundle-schedule");
		good.setIdElement(null);
		good.setUrl("http://sponsor.example/PlanDefinition/one-bundle-good");
		Bundle response = client.transaction().withBundle(studyWithSchedule("one-bundle-good", good, false)).execute();
		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).allMatch(s -> s.startsWith("200") || s.startsWith("201"));
		Parameters compliance = client.operation().onInstance("ResearchStudy/one-bundle-good").named("$visit-compliance")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		assertThat(compliance.getParameter("schedule").getValue().primitiveValue()).isEqualTo("one-bundle-schedule");
	}

	/** A transaction creating the trial's study and its schedule, the protocol referencing the schedule's urn:uuid. */
	private static Bundle studyWithSchedule(String studyId, PlanDefinition schedule, boolean scheduleFirst) {
		TrialRecords records = new TrialRecords();
		records.study(studyId, "NCT0" + Math.abs(studyId.hashCode() % 10_000_000), null, List.of("change-from-baseline"));
		Bundle.BundleEntryComponent studyEntry = records.bundle().getEntryFirstRep();
		String uuid = "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(studyId.getBytes());
		((ResearchStudy) studyEntry.getResource()).addProtocol(new Reference(uuid));
		Bundle.BundleEntryComponent planEntry = new Bundle.BundleEntryComponent().setFullUrl(uuid).setResource(schedule);
		planEntry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("PlanDefinition");
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry(scheduleFirst ? planEntry : studyEntry);
		bundle.addEntry(scheduleFirst ? studyEntry : planEntry);
		return bundle;
	}

	private Parameters compliance() {
		return client.operation().onInstance("ResearchStudy/design-trial").named("$visit-compliance")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
	}

	private static ParametersParameterComponent subjectVisit(Parameters out, String subject, String visit) {
		return out.getParameter().stream().filter(p -> p.getName().equals("subjectVisit"))
				.filter(p -> ("ResearchSubject/" + subject + "-enrolment").equals(text(p, "subject"))
						&& visit.equals(text(p, "visit"))).findFirst().orElseThrow();
	}

	private Map<String, byte[]> export() throws Exception {
		HttpResponse<byte[]> zip = get("ResearchStudy/design-trial/$cdisc-export?asOf=" + AS_OF);
		assertThat(zip.statusCode()).as(new String(zip.body())).isEqualTo(200);
		Map<String, byte[]> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				files.put(e.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	private static String dateOf(String dtc) {
		return dtc == null ? null : dtc.substring(0, Math.min(10, dtc.length()));
	}

	private static List<Map<String, String>> rows(byte[] datasetJson) throws Exception {
		JsonNode json = new ObjectMapper().readTree(datasetJson);
		List<String> names = new ArrayList<>();
		json.get("columns").forEach(c -> names.add(c.get("name").asText()));
		List<Map<String, String>> rows = new ArrayList<>();
		for (JsonNode row : json.get("rows")) {
			Map<String, String> map = new HashMap<>();
			for (int i = 0; i < names.size(); i++) {
				map.put(names.get(i), row.get(i).isNull() ? null : row.get(i).asText());
			}
			rows.add(map);
		}
		return rows;
	}
}
