package org.msclupus.fhir.visits.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.msclupus.fhir.support.SchedulePlans;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A sponsor's schedule no code knows (screening at day -14 taken 10 to 21 days before day 0; weeks 2, 6 and 10 with
 * windows of +/- 3 days) as a PlanDefinition the study's protocol references, evaluated end to end: change from
 * baseline at exactly those visits, and $visit-compliance calling a value one day outside a window out-of-window.
 */
@H2ServerTest
class VisitComplianceIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate ENROLLED = LocalDate.of(2026, 1, 5);
	static final String AS_OF = ENROLLED.plusDays(60).toString();
	static boolean loaded;

	@LocalServerPort
	int port;
	IGenericClient client;

	static PlanDefinition schedule() {
		PlanDefinition plan = SchedulePlans.plan("sponsor-schedule");
		plan.getActionFirstRep().addCode(new CodeableConcept().setText("TREATMENT"));
		SchedulePlans.visit(plan, "screening", 14, 10, 21, ActionRelationshipType.BEFORE, "SCREENING", "2890-2",
				"2160-0");
		for (int week : new int[] {2, 6, 10}) {
			SchedulePlans.visit(plan, "week-" + week, 7 * week, 7 * week - 3, 7 * week + 3, ActionRelationshipType.AFTER,
					"FOLLOW-UP", "2890-2", "2160-0");
		}
		return plan;
	}

	@BeforeEach
	void load() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		if (loaded) {
			return;
		}
		client.update().resource(schedule()).execute();
		TrialRecords records = new TrialRecords();
		String study = onSponsorSchedule(records, "sponsor-trial", "NCT09999999");
		String site = records.site("sponsor-site", "Sponsor hospital");
		// Control arm: day 0 is enrolment.
		TrialRecords.Subject a = records.subject("sponsor-a", study, "control", ENROLLED, site);
		a.upcr(ENROLLED.minusDays(15), "2.0", "g/g");
		a.creatinine(ENROLLED.minusDays(15), "1.2", "mg/dL");
		a.upcr(ENROLLED.minusDays(2), "2.1", "g/g");
		a.creatinine(ENROLLED.minusDays(2), "1.3", "mg/dL");
		a.upcr(ENROLLED.plusDays(17), "1.5", "g/g"); // week-2 window's last day
		a.creatinine(ENROLLED.plusDays(17), "1.1", "mg/dL");
		a.upcr(ENROLLED.plusDays(46), "1.0", "g/g"); // one day after week-6's window
		a.creatinine(ENROLLED.plusDays(46), "1.0", "mg/dL");
		a.safetyLab("alt", "1742-6", ENROLLED.plusDays(40), "80", "U/L", "7", "56"); // week-6, high
		a.safetyLab("alt", "1742-6", ENROLLED.plusDays(30), "90", "U/L", "7", "56"); // the old month-1 only
		// MSC arm: day 0 is the first infusion, three days after enrolment; only a creatinine at week 2.
		TrialRecords.Subject b = records.subject("sponsor-b", study, "uc-msc", ENROLLED, site);
		b.infusion(ENROLLED.plusDays(3), 1);
		b.creatinine(ENROLLED.plusDays(3 + 14), "1.4", "mg/dL");
		client.transaction().withBundle(records.bundle()).execute();
		loaded = true;
	}

	/** A change-from-baseline study whose protocol is the sponsor's schedule, first in the records' bundle. */
	private static String onSponsorSchedule(TrialRecords records, String id, String registryId) {
		String study = records.study(id, registryId, null, List.of("change-from-baseline"));
		((ResearchStudy) records.bundle().getEntryFirstRep().getResource())
				.addProtocol(new Reference("PlanDefinition/sponsor-schedule"));
		return study;
	}

	private static Type part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(ParametersParameterComponent::getValue)
				.findFirst().orElse(null);
	}

	private static String text(ParametersParameterComponent p, String name) {
		Type value = part(p, name);
		return value == null ? null : value instanceof Reference r ? r.getReference() : value.primitiveValue();
	}

	private Parameters compliance() {
		return client.operation().onInstance("ResearchStudy/sponsor-trial").named("$visit-compliance")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
	}

	private static ParametersParameterComponent subjectVisit(Parameters out, String subject, String visit) {
		return out.getParameter().stream().filter(p -> p.getName().equals("subjectVisit"))
				.filter(p -> ("ResearchSubject/" + subject + "-enrolment").equals(text(p, "subject"))
						&& visit.equals(text(p, "visit"))).findFirst().orElseThrow();
	}

	@Test
	void everyPlannedVisitHasItsStatus() {
		Parameters out = compliance();
		assertThat(text(out.getParameter("schedule"), "x")).isNull();
		assertThat(out.getParameter("schedule").getValue().primitiveValue()).isEqualTo("sponsor-schedule");

		assertThat(text(subjectVisit(out, "sponsor-a", "screening"), "status")).isEqualTo("done");
		assertThat(text(subjectVisit(out, "sponsor-a", "screening"), "targetDate"))
				.isEqualTo(ENROLLED.minusDays(14).toString());
		assertThat(text(subjectVisit(out, "sponsor-a", "screening"), "epoch")).isEqualTo("SCREENING");
		assertThat(text(subjectVisit(out, "sponsor-a", "day-0"), "status")).isEqualTo("done");
		assertThat(text(subjectVisit(out, "sponsor-a", "week-2"), "status")).isEqualTo("done");
		assertThat(text(subjectVisit(out, "sponsor-a", "week-2"), "date")).isEqualTo(ENROLLED.plusDays(17).toString());
		ParametersParameterComponent week6 = subjectVisit(out, "sponsor-a", "week-6");
		assertThat(text(week6, "status")).isEqualTo("out-of-window");
		assertThat(text(week6, "daysOff")).isEqualTo("1");
		assertThat(text(week6, "date")).isEqualTo(ENROLLED.plusDays(46).toString());
		assertThat(text(subjectVisit(out, "sponsor-a", "week-10"), "status")).isEqualTo("not-yet-due");
		assertThat(text(subjectVisit(out, "sponsor-a", "week-2"), "site")).isEqualTo("Organization/sponsor-site");

		ParametersParameterComponent bWeek2 = subjectVisit(out, "sponsor-b", "week-2");
		assertThat(text(bWeek2, "status")).isEqualTo("done");
		assertThat(text(bWeek2, "targetDate")).isEqualTo(ENROLLED.plusDays(17).toString());
		assertThat(bWeek2.getPart()).filteredOn(p -> p.getName().equals("missingMeasure"))
				.extracting(p -> p.getValue().primitiveValue()).containsExactly("urine-protein-creatinine-ratio");
		assertThat(text(subjectVisit(out, "sponsor-b", "week-6"), "status")).isEqualTo("missed");

		ParametersParameterComponent summary = out.getParameter().stream()
				.filter(p -> p.getName().equals("visitSummary") && "week-6".equals(text(p, "visit"))
						&& "control".equals(text(p, "arm"))).findFirst().orElseThrow();
		assertThat(text(summary, "out-of-window")).isEqualTo("1");
		ParametersParameterComponent site = out.getParameter().stream()
				.filter(p -> p.getName().equals("siteSummary")).findFirst().orElseThrow();
		assertThat(text(site, "site")).isEqualTo("Organization/sponsor-site");
		// a: screening, day-0, week-2 done, week-6 out; b: screening missed, day-0 done (the infusion is no
		// measure: missed), week-2 done, week-6 missed.
		assertThat(Integer.parseInt(text(site, "due"))).isEqualTo(8);
	}

	@Test
	void changeFromBaselineUsesExactlyTheSchedulesVisitsAndWindows() {
		Parameters out = client.operation().onInstance("ResearchSubject/sponsor-a-enrolment").named("$evaluate-response")
				.withParameter(Parameters.class, "criteria", new CodeType("change-from-baseline"))
				.andParameter("asOf", new DateType(AS_OF)).execute();
		ParametersParameterComponent result = out.getParameterFirstRep();
		List<String> visits = result.getPart().stream().filter(p -> p.getName().equals("visit"))
				.map(p -> text(p, "label")).toList();
		assertThat(visits).as("a value one day outside week-6's window is not used").containsExactly("baseline",
				"week-2");
		ParametersParameterComponent week2 = result.getPart().stream()
				.filter(p -> p.getName().equals("visit") && "week-2".equals(text(p, "label"))).findFirst()
				.orElseThrow();
		ParametersParameterComponent upcr = week2.getPart().stream()
				.filter(p -> p.getName().equals("urine-protein-creatinine-ratio")).findFirst().orElseThrow();
		assertThat(text(upcr, "change")).isEqualTo("-0.6");
	}

	@Test
	void theSafetySummaryCountsLaboratoryValuesAtTheSchedulesVisits() {
		Parameters out = client.operation().onInstance("ResearchStudy/sponsor-trial").named("$safety-summary")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		List<String> altVisits = out.getParameter().stream().filter(p -> p.getName().equals("labAbnormalities"))
				.filter(p -> "control".equals(text(p, "arm")))
				.filter(p -> ((org.hl7.fhir.r4.model.Coding) part(p, "test")).getCode().equals("1742-6"))
				.map(p -> text(p, "visit")).toList();
		// Day 40 lies in week-6's window (39-45); day 30 in none of the schedule's (week-2: 11-17).
		assertThat(altVisits).containsExactly("week-6");
	}

	/**
	 * A subject withdrawn on day 20 (ResearchSubject.period.end) is not expected at week 6 and week 10, which a site would otherwise be chased for as missed; the site's due visits
	 * leave them out, and the visit summary counts them apart.
	 */
	@Test
	void visitsAfterASubjectsParticipationEndedAreNotExpected() {
		TrialRecords records = new TrialRecords();
		String study = onSponsorSchedule(records, "sponsor-withdrawals", "NCT09999997");
		String site = records.site("withdrawal-site", "Withdrawal hospital");
		TrialRecords.Subject w = records.subject("sponsor-w", study, "control", ENROLLED, site);
		w.upcr(ENROLLED.minusDays(14), "2.0", "g/g");
		w.upcr(ENROLLED.plusDays(14), "1.8", "g/g");
		records.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(org.hl7.fhir.r4.model.ResearchSubject.class::isInstance)
				.map(org.hl7.fhir.r4.model.ResearchSubject.class::cast)
				.forEach(e -> e.setStatus(org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus.WITHDRAWN)
						.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(
								ENROLLED.plusDays(20).toString())));
		client.transaction().withBundle(records.bundle()).execute();

		Parameters out = client.operation().onInstance(study).named("$visit-compliance")
				.withParameter(Parameters.class, "asOf", new DateType(AS_OF)).useHttpGet().execute();
		assertThat(text(subjectVisit(out, "sponsor-w", "week-2"), "status")).isEqualTo("done");
		assertThat(text(subjectVisit(out, "sponsor-w", "week-6"), "status")).isEqualTo("not-expected");
		assertThat(subjectVisit(out, "sponsor-w", "week-6").getPart())
				.noneMatch(p -> p.getName().equals("missingMeasure"));
		assertThat(text(subjectVisit(out, "sponsor-w", "week-10"), "status")).isEqualTo("not-expected");
		ParametersParameterComponent summary = out.getParameter().stream()
				.filter(p -> p.getName().equals("visitSummary") && "week-6".equals(text(p, "visit"))).findFirst()
				.orElseThrow();
		assertThat(text(summary, "not-expected")).isEqualTo("1");
		assertThat(text(summary, "missed")).isEqualTo("0");
		ParametersParameterComponent bySite = out.getParameter().stream()
				.filter(p -> p.getName().equals("siteSummary")).findFirst().orElseThrow();
		assertThat(text(bySite, "due")).as("screening, day 0 and week 2").isEqualTo("3");
	}

	@Test
	void csvAndAStudyWithoutSchedule() throws Exception {
		HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/sponsor-trial/$visit-compliance?asOf=" + AS_OF))
				.header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(csv.statusCode()).isEqualTo(200);
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).startsWith("section,subject,arm,site,visit,epoch,targetDate,status,daysOff,date");
		assertThat(lines).anyMatch(l -> l.startsWith("subjectVisit,ResearchSubject/sponsor-a-enrolment,control,"
				+ "Organization/sponsor-site,week-6,FOLLOW-UP," + ENROLLED.plusDays(42) + ",out-of-window,1,"));
		assertThat(lines).anyMatch(l -> l.startsWith("siteSummary,"));

		TrialRecords records = new TrialRecords();
		records.study("no-schedule", "NCT09999998", null, List.of("change-from-baseline"));
		client.transaction().withBundle(records.bundle()).execute();
		HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/no-schedule/$visit-compliance")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, refused.body()).getIssueFirstRep()
				.getDiagnostics()).contains("has no visit schedule", "ResearchStudy.protocol", "weeks-24");
		HttpResponse<String> noVisits = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/no-schedule/$evaluate-response"
						+ "?criteria=change-from-baseline")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noVisits.statusCode()).isEqualTo(400);
		assertThat(noVisits.body()).contains("has no visit schedule", "change-from-baseline reports at its visits");
	}

	/** A site never stored is a 400 naming it; a stored site that enrolled nobody in the study is an empty answer. */
	@Test
	void aSiteFilterNamingNoStoredSiteIsRefused() throws Exception {
		for (String site : List.of("sponsor-sitex", "Organization/sponsor-sitex")) {
			HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + port + "/fhir/ResearchStudy/sponsor-trial/$visit-compliance?site=" + site))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("Organization/sponsor-sitex");
		}
		assertThat(client.operation().onInstance("ResearchStudy/sponsor-trial").named("$visit-compliance")
				.withParameter(Parameters.class, "site", new org.hl7.fhir.r4.model.StringType("sponsor-site"))
				.useHttpGet().execute().getParameter()).anyMatch(p -> p.getName().equals("subjectVisit"));
		client.update().resource(new org.hl7.fhir.r4.model.Organization().setName("Enrols nobody")
				.setId("sponsor-empty-site")).execute();
		assertThat(client.operation().onInstance("ResearchStudy/sponsor-trial").named("$visit-compliance")
				.withParameter(Parameters.class, "site", new org.hl7.fhir.r4.model.StringType("sponsor-empty-site"))
				.useHttpGet().execute().getParameter()).noneMatch(p -> p.getName().equals("subjectVisit"));
	}

	@Test
	void anIncoherentScheduleIs422NamingTheVisit() throws Exception {
		PlanDefinition bad = schedule();
		bad.setId("bad-schedule");
		bad.setUrl("http://sponsor.example/PlanDefinition/bad-schedule");
		bad.getAction().get(3).setTitle("week-2");
		client.update().resource(bad).execute(); // no profile: any PlanDefinition may be stored
		TrialRecords records = new TrialRecords();
		records.study("bad-trial", "NCT09999997", null, List.of("change-from-baseline"));
		((ResearchStudy) records.bundle().getEntryFirstRep().getResource())
				.addProtocol(new Reference("PlanDefinition/bad-schedule"));
		HttpResponse<String> refused = post(records.bundle());
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("visit 'week-2' is named twice");

		bad.setId("bad-soa");
		bad.getMeta().addProfile(org.msclupus.fhir.design.fhir.ScheduleWriteGuard.STUDY_PROTOCOL_SOA);
		HttpResponse<String> refusedPlan = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
						"http://localhost:" + port + "/fhir/PlanDefinition/bad-soa"))
				.header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(bad))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refusedPlan.statusCode()).as(refusedPlan.body()).isEqualTo(422);
		assertThat(refusedPlan.body()).contains("visit 'week-2' is named twice");
	}

	private HttpResponse<String> post(Bundle bundle) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(bundle))).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
