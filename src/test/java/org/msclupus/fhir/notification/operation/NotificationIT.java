package org.msclupus.fhir.notification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.notification.BackportIg;
import org.msclupus.fhir.notification.Topic;
import org.msclupus.fhir.support.H2ServerTest;
import org.msclupus.fhir.support.NotificationReceiver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Topic-based notifications through the real server to a rest-hook on loopback (issue 29): a serious adverse event
 * arrives within seconds in the backport IG's shape, once per event however often it is updated; a change of a
 * subject's response arrives as response-changed; $status and $events answer as the IG says.
 */
@H2ServerTest
class NotificationIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.of(2026, 4, 1);
	static final Duration WITHIN = Duration.ofSeconds(20);

	@LocalServerPort
	int port;
	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	HttpResponse<String> send(String method, String path, String body) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/"
				+ path)).header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	static Subscription subscription(Topic topic, String endpoint, String content, String... filters) {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("trial safety desk");
		subscription.setCriteria(topic.canonical());
		for (String filter : filters) {
			subscription.getCriteriaElement().addExtension(BackportIg.FILTER_CRITERIA, new StringType(filter));
		}
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
				.setPayload("application/fhir+json").addHeader("Authorization: Bearer receiver-secret");
		if (content != null) {
			subscription.getChannel().getPayloadElement().addExtension(BackportIg.PAYLOAD_CONTENT, new CodeType(content));
		}
		return subscription;
	}

	String create(Subscription subscription) throws Exception {
		HttpResponse<String> created = send("POST", "Subscription", json(subscription));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return FHIR.newJsonParser().parseResource(Subscription.class, created.body()).getIdElement().getIdPart();
	}

	@Test
	void aSeriousAdverseEventReachesTheRestHookOnceInTheIgsShape() throws Exception {
		String key = "notify-" + System.nanoTime();
		TrialRecords records = new TrialRecords();
		String study = lnStudy(records, key);
		TrialRecords.Subject subject = records.subject(key + "-s", study, "uc-msc", DAY0.minusDays(2));
		String infusion = subject.infusion(DAY0, 1);
		assertThat(send("POST", "", json(records.bundle())).statusCode()).isEqualTo(200);

		try (NotificationReceiver receiver = NotificationReceiver.start()) {
			String id = create(subscription(Topic.SERIOUS_ADVERSE_EVENT, receiver.endpoint(), null,
					"AdverseEvent?study=" + study));
			Subscription stored = FHIR.newJsonParser().parseResource(Subscription.class,
					send("GET", "Subscription/" + id, null).body());
			assertThat(stored.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
			assertThat(stored.getChannel().getPayloadElement().getExtensionByUrl(BackportIg.PAYLOAD_CONTENT)
					.getValue().primitiveValue()).as("id-only unless asked").isEqualTo("id-only");
			Thread.sleep(2500); // events from here on are after the subscription

			// one serious event, then updated twice: one notification
			TrialRecords later = new TrialRecords();
			TrialRecords.Subject same = later.subject(key + "-s", study, "uc-msc", DAY0.minusDays(2));
			String serious = same.adverseEvent(study, "Pneumonia", DAY0.plusDays(20).atTime(10, 0), true, 3, infusion,
					"Possible");
			String mild = same.adverseEvent(study, "Headache", DAY0.plusDays(30).atTime(9, 0), false, 1, null, null);
			Bundle.BundleEntryComponent mildEntry = later.bundle().getEntry().remove(later.bundle().getEntry().size() - 1);
			assertThat(send("POST", "", json(later.bundle())).statusCode()).isEqualTo(200);
			List<NotificationReceiver.Received> got = receiver.await(WITHIN, r -> !r.isEmpty());
			NotificationReceiver.Received first = got.get(0);
			assertThat(first.bundle().getType()).isEqualTo(Bundle.BundleType.HISTORY);
			assertThat(first.status("type")).isEqualTo("event-notification");
			assertThat(first.status("status")).isEqualTo("active");
			assertThat(first.status("topic")).isEqualTo(Topic.SERIOUS_ADVERSE_EVENT.canonical());
			assertThat(first.status("events-since-subscription-start")).isEqualTo("1");
			assertThat(first.eventNumbers()).containsExactly("1");
			assertThat(first.foci()).singleElement().satisfies(f -> assertThat(f).endsWith(serious));
			assertThat(first.bundle().getEntry()).hasSize(2);
			assertThat(first.bundle().getEntry().get(1).hasResource()).as("id-only carries no resource").isFalse();
			assertThat(first.headers().get("Authorization")).containsExactly("Bearer receiver-secret");
			// the bundle is one the IG's profile accepts
			OperationOutcome validation = FHIR.newJsonParser().parseResource(OperationOutcome.class,
					send("POST", "Bundle/$validate?profile=" + BackportIg.NOTIFICATION_PROFILE, first.body()).body());
			assertThat(validation.getIssue()).filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
					|| i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
					.extracting(i -> i.getDiagnostics() + " at " + i.getLocation()).isEmpty();

			AdverseEvent event = FHIR.newJsonParser().parseResource(AdverseEvent.class, send("GET", serious, null).body());
			event.getEvent().setText("Pneumonia, community-acquired");
			assertThat(send("PUT", serious, json(event)).statusCode()).isEqualTo(200);

			// a non-serious event made serious: one more; further updates: nothing
			assertThat(send("PUT", mild, json(mildEntry.getResource())).statusCode()).isIn(200, 201);
			AdverseEvent headache = FHIR.newJsonParser().parseResource(AdverseEvent.class, send("GET", mild, null).body());
			headache.setSeriousness(new CodeableConcept(new Coding(
					"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", "serious", "Serious")));
			TrialRecords.Subject.seriousnessCriterion(headache, org.msclupus.fhir.design.TrialCodes.SERIOUS_HOSPITALISATION,
					"Hospitalization");
			assertThat(send("PUT", mild, json(headache)).statusCode()).isEqualTo(200);
			headache = FHIR.newJsonParser().parseResource(AdverseEvent.class, send("GET", mild, null).body());
			headache.getEvent().setText("Severe headache");
			assertThat(send("PUT", mild, json(headache)).statusCode()).isEqualTo(200);
			receiver.await(WITHIN, r -> r.size() >= 2);
			Thread.sleep(4000); // long enough for a wrong third one to arrive
			assertThat(receiver.ofType("event-notification")).extracting(r -> r.eventNumbers().get(0))
					.containsExactly("1", "2");
			assertThat(receiver.received().get(1).foci()).singleElement().satisfies(f -> assertThat(f).endsWith(mild));

			// $events gives them again by number; $status says where the subscription stands
			Bundle events = FHIR.newJsonParser().parseResource(Bundle.class,
					send("GET", "Subscription/" + id + "/$events?eventsSinceNumber=1&content=full-resource", null).body());
			Parameters status = (Parameters) events.getEntryFirstRep().getResource();
			assertThat(status.getParameter()).anySatisfy(p -> {
				assertThat(p.getName()).isEqualTo("type");
				assertThat(p.getValue().primitiveValue()).isEqualTo("query-event");
			});
			assertThat(events.getEntry()).hasSize(3);
			assertThat(events.getEntry().get(1).hasResource()).as("never more than the subscription's id-only").isFalse();
			Bundle statuses = FHIR.newJsonParser().parseResource(Bundle.class,
					send("GET", "Subscription/" + id + "/$status", null).body());
			Parameters one = (Parameters) statuses.getEntryFirstRep().getResource();
			assertThat(one.getParameter()).anySatisfy(p -> {
				assertThat(p.getName()).isEqualTo("events-since-subscription-start");
				assertThat(p.getValue().primitiveValue()).isEqualTo("2");
			});
			// by status: a known one filters; an unknown one was an empty 200 ("none in that status"), now a 400
			assertThat(FHIR.newJsonParser().parseResource(Bundle.class, send("GET", "Subscription/$status?id=" + id
					+ "&status=active", null).body()).getEntry()).hasSize(1);
			var unknownStatus = send("GET", "Subscription/$status?status=activ", null);
			assertThat(unknownStatus.statusCode()).isEqualTo(400);
			assertThat(unknownStatus.body()).contains("activ", "requested, active, error, off");

			// the study's notifications, as the dashboard shows them
			Parameters recent = FHIR.newJsonParser().parseResource(Parameters.class,
					send("GET", study + "/$notifications", null).body());
			assertThat(recent.getParameter()).filteredOn(p -> p.getName().equals("notification")).hasSize(2);
			assertThat(recent.getParameter()).filteredOn(p -> p.getName().equals("subscription")).hasSize(1);
			// each part with its published name and type (docs/operations/notifications.md)
			Parameters.ParametersParameterComponent newest = recent.getParameter().get(0);
			assertThat(newest.getPart()).extracting(p -> p.getName() + ":" + (p.hasPart() ? "parts"
							: p.getValue().fhirType()))
					.containsExactly("topic:canonical", "focus:Reference", "patient:Reference", "occurred:instant",
							"delivery:parts");
			assertThat(newest.getPart().get(4).getPart()).extracting(p -> p.getName() + ":" + p.getValue().fhirType())
					.startsWith("subscription:Reference", "eventNumber:integer", "state:code", "attempts:integer");
			Parameters.ParametersParameterComponent subscribed = recent.getParameter().stream()
					.filter(p -> p.getName().equals("subscription")).findFirst().orElseThrow();
			assertThat(subscribed.getPart()).extracting(p -> p.getName() + ":" + p.getValue().fhirType())
					.startsWith("subscription:Reference", "topic:canonical", "endpoint:url", "status:code",
							"eventsSinceSubscriptionStart:integer", "pending:integer");
			assertThat(((org.hl7.fhir.r4.model.Reference) subscribed.getPart().get(0).getValue()).getReference())
					.isEqualTo("Subscription/" + id);
		}
	}

	/**
	 * The variations: a new subject with its serious event in one transaction, the event's entry first; and a serious
	 * event an EHR sent before the patient was enrolled, which fires when the enrolment arrives. Once each.
	 */
	@Test
	void aSeriousEventFiresWhateverOrderItsEnrolmentArrivesIn() throws Exception {
		String key = "order-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords setup = new TrialRecords();
		String study = lnStudy(setup, key);
		assertThat(send("POST", "", json(setup.bundle())).statusCode()).isEqualTo(200);
		try (NotificationReceiver receiver = NotificationReceiver.start()) {
			create(subscription(Topic.SERIOUS_ADVERSE_EVENT, receiver.endpoint(), null, "study=" + study));
			Thread.sleep(2500);

			// one transaction: the event first, then the patient and its enrolment
			TrialRecords together = new TrialRecords();
			String first = together.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2))
					.adverseEvent(study, "Lupus flare", DAY0.plusDays(12).atTime(8, 0), true, 3, null, null);
			java.util.Collections.reverse(together.bundle().getEntry());
			assertThat(send("POST", "", json(together.bundle())).statusCode()).isEqualTo(200);

			// the event alone, before its patient is enrolled; the enrolment a moment later
			TrialRecords early = new TrialRecords();
			TrialRecords.Subject b = early.subject(key + "-b", study, "uc-msc", DAY0.minusDays(2));
			String second = b.adverseEvent(study, "Pulmonary embolism", DAY0.plusDays(14).atTime(8, 0), true, 4, null, null);
			Bundle eventOnly = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			eventOnly.addEntry(early.bundle().getEntry().get(0)); // the patient
			eventOnly.addEntry(early.bundle().getEntry().get(2)); // the event
			assertThat(send("POST", "", json(eventOnly)).statusCode()).isEqualTo(200);
			Thread.sleep(3500);
			assertThat(receiver.received()).as("not a trial subject yet").hasSize(1);
			assertThat(send("POST", "", json(early.bundle())).statusCode()).isEqualTo(200);

			receiver.await(WITHIN, r -> r.size() >= 2);
			Thread.sleep(3000);
			assertThat(receiver.received()).hasSize(2);
			assertThat(receiver.received().get(0).foci()).singleElement().satisfies(f -> assertThat(f).endsWith(first));
			assertThat(receiver.received().get(1).foci()).singleElement().satisfies(f -> assertThat(f).endsWith(second));
		}
	}

	/**
	 * A near miss (an event recorded as potential) is no adverse event: the safety summary and the AE dataset leave it
	 * out, so it fires nothing, serious or not. Once the record says it happened, it fires, once.
	 */
	@Test
	void aPotentialSeriousEventFiresNothingUntilItIsRecordedAsActual() throws Exception {
		String key = "near-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords records = new TrialRecords();
		String study = lnStudy(records, key);
		TrialRecords.Subject subject = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2));
		subject.infusion(DAY0, 1);
		String event = subject.adverseEvent(study, "Anaphylaxis averted", DAY0.atTime(10, 0), true, 4, null, null);
		AdverseEvent nearMiss = (AdverseEvent) records.bundle().getEntry().stream()
				.filter(e -> e.getRequest().getUrl().equals(event)).findFirst().orElseThrow().getResource();
		nearMiss.setActuality(AdverseEvent.AdverseEventActuality.POTENTIAL);
		HttpResponse<String> stored = send("POST", "", json(records.bundle()));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

		assertThat(notificationsOf(study)).as("a near miss").isEmpty();
		assertThat(seriousSubjects(study)).isZero();

		nearMiss.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
		HttpResponse<String> updated = send("PUT", event, json(nearMiss));
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(notificationsOf(study)).singleElement().satisfies(n -> assertThat(n.getPart())
				.anySatisfy(p -> assertThat(p.getValue().primitiveValue()).isEqualTo(
						Topic.SERIOUS_ADVERSE_EVENT.canonical())));
		assertThat(seriousSubjects(study)).isOne();
	}

	/**
	 * A serious event that names a study its patient is not enrolled in (an EHR's slip, or an enrolment still to
	 * come) is no event of either study, for the safety summary as for the notification; it fires once the patient
	 * is enrolled in the study it names.
	 */
	@Test
	void aSeriousEventNamingAnotherStudyThanThePatientsFiresOnlyOnEnrolmentInIt() throws Exception {
		String key = "other-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords records = new TrialRecords();
		String enrolledIn = lnStudy(records, key);
		String named = lnStudy(records, key + "-x");
		TrialRecords.Subject subject = records.subject(key + "-a", enrolledIn, "uc-msc", DAY0.minusDays(2));
		subject.infusion(DAY0, 1);
		subject.adverseEvent(named, "Sepsis", DAY0.plusDays(3).atTime(10, 0), true, 4, null, null);
		HttpResponse<String> stored = send("POST", "", json(records.bundle()));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(notificationsOf(enrolledIn)).isEmpty();
		assertThat(notificationsOf(named)).isEmpty();
		assertThat(seriousSubjects(enrolledIn)).isZero();

		TrialRecords enrolment = new TrialRecords();
		enrolment.subject(key + "-a", named, "uc-msc", DAY0.minusDays(2));
		Bundle.BundleEntryComponent second = enrolment.bundle().getEntry().get(1); // the second enrolment, its own id
		second.getResource().setId(key + "-a-x-enrolment");
		second.setFullUrl("ResearchSubject/" + key + "-a-x-enrolment").getRequest()
				.setUrl("ResearchSubject/" + key + "-a-x-enrolment");
		HttpResponse<String> enrolled = send("POST", "", json(enrolment.bundle()));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
		assertThat(notificationsOf(named)).hasSize(1);
		assertThat(seriousSubjects(named)).isOne();
		assertThat(notificationsOf(enrolledIn)).isEmpty();
	}

	/**
	 * An enrolment and a serious event in one transaction, for a patient whose earlier event is stored already: the
	 * enrolment looks up the patient's events, the new one among them.
	 */
	@Test
	void anEnrolmentWithANewSeriousEventBesideAnOlderOneFiresTheSeriousOneOnce() throws Exception {
		String key = "beside-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords setup = new TrialRecords();
		String study = lnStudy(setup, key);
		assertThat(send("POST", "", json(setup.bundle())).statusCode()).isEqualTo(200);
		TrialRecords earlier = new TrialRecords();
		TrialRecords.Subject before = earlier.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2));
		before.adverseEvent(study, "Headache", DAY0.minusDays(30).atTime(9, 0), false, 1, null, null);
		Bundle eventOnly = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		eventOnly.addEntry(earlier.bundle().getEntry().get(0)); // the patient
		eventOnly.addEntry(earlier.bundle().getEntry().get(2)); // its event, before any enrolment
		assertThat(send("POST", "", json(eventOnly)).statusCode()).isEqualTo(200);

		TrialRecords together = new TrialRecords();
		TrialRecords.Subject subject = together.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2));
		subject.adverseEvent(study, "Headache", DAY0.minusDays(30).atTime(9, 0), false, 1, null, null);
		together.bundle().getEntry().remove(2); // the earlier event is not sent again: only stored
		String serious = subject.adverseEvent(study, "Lupus nephritis flare", DAY0.plusDays(20).atTime(9, 0), true, 3,
				null, null);
		java.util.Collections.reverse(together.bundle().getEntry()); // the events before the enrolment
		HttpResponse<String> stored = send("POST", "", json(together.bundle()));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(notificationsOf(study)).singleElement().satisfies(n -> assertThat(n.getPart())
				.anySatisfy(p -> assertThat(p.getValue() instanceof org.hl7.fhir.r4.model.Reference r
						&& r.getReference().startsWith(serious + "/_history/")).isTrue()));
	}

	/**
	 * An interface engine that knows the study's registry number, not this server's id: an enrolment and a serious
	 * event that name the study by identifier only belong to it as if named by id (the study set up before).
	 */
	@Test
	void recordsNamingTheirStudyByIdentifierBelongToIt() throws Exception {
		String key = "ident-" + System.nanoTime() % 1_000_000_000L;
		String registryId = "NCT0" + Math.abs(key.hashCode() % 10_000_000);
		TrialRecords setup = new TrialRecords();
		String study = setup.study(key, registryId, "weeks-24", List.of("ln-renal-response"));
		assertThat(send("POST", "", json(setup.bundle())).statusCode()).isEqualTo(200);

		TrialRecords records = new TrialRecords();
		TrialRecords.Subject subject = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2));
		subject.infusion(DAY0, 1);
		subject.adverseEvent(study, "Sepsis", DAY0.plusDays(3).atTime(10, 0), true, 4, null, null);
		nameStudyByIdentifier(records, registryId);
		HttpResponse<String> stored = send("POST", "", json(records.bundle()));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

		org.hl7.fhir.r4.model.ResearchSubject enrolment = FHIR.newJsonParser().parseResource(
				org.hl7.fhir.r4.model.ResearchSubject.class, send("GET", subject.reference(), null).body());
		assertThat(enrolment.getStudy().getReference()).isEqualTo(study);
		assertThat(enrolment.getStudy().getIdentifier().getValue()).as("kept as sent").isEqualTo(registryId);
		assertThat(seriousSubjects(study)).isOne();
		assertThat(notificationsOf(study)).hasSize(1);
	}

	/**
	 * An enrolment naming a registry number no stored study has is refused with its transaction, as one naming an
	 * unknown study id is: it would belong to no study. A serious event may name a study held elsewhere beside its
	 * own, and is stored with that reference as sent.
	 */
	@Test
	void anEnrolmentNamingAnUnknownStudyByIdentifierIsRefused() throws Exception {
		String key = "identunknown-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords setup = new TrialRecords();
		String study = setup.study(key, "NCT2" + Math.abs(key.hashCode() % 10_000_000), "weeks-24",
				List.of("ln-renal-response"));
		assertThat(send("POST", "", json(setup.bundle())).statusCode()).isEqualTo(200);

		TrialRecords records = new TrialRecords();
		TrialRecords.Subject subject = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2));
		subject.infusion(DAY0, 1);
		nameStudyByIdentifier(records, "NCT-not-here-" + key);
		HttpResponse<String> refused = send("POST", "", json(records.bundle()));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("ResearchSubject.study", "https://clinicaltrials.gov|NCT-not-here-" + key);
		assertThat(send("GET", subject.reference(), null).statusCode()).as("nothing stored").isEqualTo(404);

		TrialRecords own = new TrialRecords();
		TrialRecords.Subject enrolled = own.subject(key + "-b", study, "uc-msc", DAY0.minusDays(2));
		enrolled.infusion(DAY0, 1);
		enrolled.adverseEvent(study, "Sepsis", DAY0.plusDays(3).atTime(10, 0), true, 4, null, null);
		own.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(AdverseEvent.class::isInstance).map(AdverseEvent.class::cast)
				.forEach(e -> e.addStudy().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
						.setSystem("https://clinicaltrials.gov").setValue("NCT-held-elsewhere-" + key)));
		HttpResponse<String> stored = send("POST", "", json(own.bundle()));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(seriousSubjects(study)).isOne();
	}

	/**
	 * The same, with the study in the records' own transaction, first or last: HAPI writes a transaction's entries
	 * to the database at commit, so the study is not found by a search as each record is stored.
	 */
	@Test
	void recordsNamingTheirStudyByIdentifierInTheStudysOwnTransactionBelongToIt() throws Exception {
		for (boolean studyFirst : new boolean[] {true, false}) {
			String key = "identx-" + studyFirst + "-" + System.nanoTime() % 1_000_000_000L;
			String registryId = "NCT1" + Math.abs(key.hashCode() % 10_000_000);
			TrialRecords records = new TrialRecords();
			String study = records.study(key, registryId, "weeks-24", List.of("ln-renal-response"));
			TrialRecords.Subject subject = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(2));
			subject.infusion(DAY0, 1);
			subject.adverseEvent(study, "Sepsis", DAY0.plusDays(3).atTime(10, 0), true, 4, null, null);
			nameStudyByIdentifier(records, registryId);
			List<Bundle.BundleEntryComponent> entries = records.bundle().getEntry();
			if (!studyFirst) {
				entries.add(entries.remove(0));
			}
			HttpResponse<String> stored = send("POST", "", json(records.bundle()));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

			org.hl7.fhir.r4.model.ResearchSubject enrolment = FHIR.newJsonParser().parseResource(
					org.hl7.fhir.r4.model.ResearchSubject.class, send("GET", subject.reference(), null).body());
			assertThat(enrolment.getStudy().getReference()).as("study first: " + studyFirst).isEqualTo(study);
			assertThat(enrolment.getStudy().getIdentifier().getValue()).as("kept as sent").isEqualTo(registryId);
			assertThat(seriousSubjects(study)).as("study first: " + studyFirst).isOne();
		}
	}

	/** The enrolments and adverse events name their study by its registry number only, as an interface engine may. */
	private static void nameStudyByIdentifier(TrialRecords records, String registryId) {
		org.hl7.fhir.r4.model.Identifier registryNumber = new org.hl7.fhir.r4.model.Identifier()
				.setSystem("https://clinicaltrials.gov").setValue(registryId);
		for (Bundle.BundleEntryComponent entry : records.bundle().getEntry()) {
			if (entry.getResource() instanceof org.hl7.fhir.r4.model.ResearchSubject enrolment) {
				enrolment.setStudy(new org.hl7.fhir.r4.model.Reference().setIdentifier(registryNumber));
			} else if (entry.getResource() instanceof AdverseEvent event) {
				event.getStudy().clear();
				event.addStudy().setIdentifier(registryNumber);
			}
		}
	}

	/** A study of the lupus-nephritis renal response on the weeks-24 schedule, with a registry number of its own. */
	static String lnStudy(TrialRecords records, String id) {
		return records.study(id, "NCT0" + Math.abs(id.hashCode() % 10_000_000), "weeks-24", List.of("ln-renal-response"));
	}

	List<Parameters.ParametersParameterComponent> notificationsOf(String study) throws Exception {
		HttpResponse<String> answer = send("GET", study + "/$notifications", null);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Parameters.class, answer.body()).getParameter().stream()
				.filter(p -> p.getName().equals("notification")).toList();
	}

	/** Subjects with a serious event, all arms, as {@code $safety-summary} counts them. */
	int seriousSubjects(String study) throws Exception {
		HttpResponse<String> answer = send("GET", study + "/$safety-summary", null);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Parameters.class, answer.body()).getParameter().stream()
				.filter(p -> p.getName().equals("adverseEvents"))
				.filter(p -> p.getPart().stream().anyMatch(q -> q.getName().equals("arm")
						&& q.getValue().primitiveValue().equals("all")))
				.filter(p -> p.getPart().stream().anyMatch(q -> q.getName().equals("category")
						&& q.getValue().primitiveValue().equals("serious")))
				.map(p -> p.getPart().stream().filter(q -> q.getName().equals("subjects")).findFirst().orElseThrow())
				.mapToInt(q -> Integer.parseInt(q.getValue().primitiveValue())).findFirst().orElseThrow();
	}

	@Test
	void aNewWeek24ValueThatMakesANonResponderAPartialResponderFiresResponseChanged() throws Exception {
		String key = "chg-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords records = new TrialRecords();
		String study = lnStudy(records, key);
		TrialRecords.Subject a = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(5));
		a.infusion(DAY0, 1);
		a.creatinine(DAY0.minusDays(2), "1.5", "mg/dL");
		a.upcr(DAY0.minusDays(2), "2.0", "g/g");
		a.creatinine(DAY0.plusDays(168), "0.9", "mg/dL");
		a.upcr(DAY0.plusDays(175), "1.8", "g/g"); // a 10 % fall: no response
		String better = a.upcr(DAY0.plusDays(168), "0.9", "g/g"); // nearer week 24, sent later
		Bundle.BundleEntryComponent correction = records.bundle().getEntry().remove(records.bundle().getEntry().size() - 1);

		try (NotificationReceiver receiver = NotificationReceiver.start()) {
			String id = create(subscription(Topic.RESPONSE_CHANGED, receiver.endpoint(), "full-resource",
					"ResearchSubject?study=" + study + "&criteria=ln-renal-response"));
			Thread.sleep(2500);
			HttpResponse<String> loaded = send("POST", "", json(records.bundle()));
			assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
			Thread.sleep(3000); // the subject's first category (NR) is recorded: no change, nothing sent
			assertThat(receiver.received()).isEmpty();

			// The correction arrives in one transaction with values of patients in no trial: their marks are
			// consumed without an evaluation each, and do not hold up the enrolled subject's change.
			Bundle mixed = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			mixed.addEntry().setResource(correction.getResource()).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl(better);
			List<String> outsiders = new java.util.ArrayList<>();
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> patient = send("POST", "Patient", "{\"resourceType\":\"Patient\"}");
				String outsider = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Patient.class, patient.body())
						.getIdElement().getIdPart();
				outsiders.add(outsider);
				org.hl7.fhir.r4.model.Observation value = (org.hl7.fhir.r4.model.Observation) correction.getResource().copy();
				value.setId((String) null);
				value.getSubject().setReference("Patient/" + outsider);
				mixed.addEntry().setResource(value).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			HttpResponse<String> sent = send("POST", "", json(mixed));
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
			NotificationReceiver.Received changed = receiver.await(WITHIN, r -> !r.isEmpty()).get(0);
			assertThat(changed.status("topic")).isEqualTo(Topic.RESPONSE_CHANGED.canonical());
			assertThat(changed.foci()).singleElement().satisfies(f -> assertThat(f).endsWith(a.reference()));
			assertThat(changed.bundle().getEntry().get(1).getResource()).as("full-resource")
					.isInstanceOf(org.hl7.fhir.r4.model.ResearchSubject.class);

			Parameters recent = FHIR.newJsonParser().parseResource(Parameters.class,
					send("GET", study + "/$notifications", null).body());
			Parameters.ParametersParameterComponent item = recent.getParameter().stream()
					.filter(p -> p.getName().equals("notification")).findFirst().orElseThrow();
			assertThat(item.getPart()).extracting(p -> p.getName() + "=" + (p.getValue() == null ? ""
							: p.getValue().primitiveValue()))
					.contains("criteria=ln-renal-response", "from=NR", "to=PR");
			assertThat(id).isNotBlank();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM MSC_RESPONSE_RECHECK WHERE PATIENT_ID IN (?, ?, ?)",
					Integer.class, outsiders.toArray())).as("marks of patients in no trial left").isZero();
		}
	}

	/**
	 * The same change with the enrolment arriving after the values (EHRs send in any order): the subject's category
	 * before the new value is the one it had on enrolment, so the new week-24 value is announced as NR to PR, as when
	 * the enrolment came first.
	 */
	@Test
	void aResponseChangeIsAnnouncedWhenTheEnrolmentArrivedAfterTheValues() throws Exception {
		String key = "late-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords records = new TrialRecords();
		String study = lnStudy(records, key);
		TrialRecords.Subject a = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(5));
		a.infusion(DAY0, 1);
		a.creatinine(DAY0.minusDays(2), "1.5", "mg/dL");
		a.upcr(DAY0.minusDays(2), "2.0", "g/g");
		a.creatinine(DAY0.plusDays(168), "0.9", "mg/dL");
		a.upcr(DAY0.plusDays(175), "1.8", "g/g"); // a 10 % fall: no response
		String better = a.upcr(DAY0.plusDays(168), "0.9", "g/g");
		List<Bundle.BundleEntryComponent> entries = records.bundle().getEntry();
		Bundle.BundleEntryComponent correction = entries.remove(entries.size() - 1);
		Bundle.BundleEntryComponent enrolment = entries.stream()
				.filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.ResearchSubject).findFirst().orElseThrow();
		entries.remove(enrolment);

		try (NotificationReceiver receiver = NotificationReceiver.start()) {
			create(subscription(Topic.RESPONSE_CHANGED, receiver.endpoint(), null,
					"ResearchSubject?study=" + study + "&criteria=ln-renal-response"));
			Thread.sleep(2500);
			HttpResponse<String> values = send("POST", "", json(records.bundle())); // the study, patient, values
			assertThat(values.statusCode()).as(values.body()).isEqualTo(200);
			Thread.sleep(2500); // the patient's marks are consumed: in no trial yet
			Bundle enrol = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			enrol.addEntry(enrolment);
			HttpResponse<String> enrolled = send("POST", "", json(enrol));
			assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
			Thread.sleep(3000); // the subject's first category (NR) is recorded: nothing sent
			assertThat(receiver.received()).isEmpty();

			HttpResponse<String> sent = send("PUT", better, json(correction.getResource()));
			assertThat(sent.statusCode()).as(sent.body()).isIn(200, 201);
			receiver.await(WITHIN, r -> !r.isEmpty());
			Parameters recent = FHIR.newJsonParser().parseResource(Parameters.class,
					send("GET", study + "/$notifications", null).body());
			assertThat(recent.getParameter()).filteredOn(p -> p.getName().equals("notification")).singleElement()
					.satisfies(n -> assertThat(n.getPart()).extracting(p -> p.getName() + "="
							+ (p.getValue() == null ? "" : p.getValue().primitiveValue()))
							.contains("criteria=ln-renal-response", "from=NR", "to=PR"));
		}
	}

	/**
	 * A study that starts evaluating a criteria set (its response-criteria changed) records each subject's category
	 * under it then, so the subject's next value is announced as a change from that category, not taken as its first.
	 */
	@Test
	void aStudyThatTakesUpACriteriaSetAnnouncesTheNextChangeUnderIt() throws Exception {
		String key = "crit-" + System.nanoTime() % 1_000_000_000L;
		TrialRecords records = new TrialRecords();
		String study = records.study(key, "NCT0" + Math.abs(key.hashCode() % 10_000_000), "weeks-24", List.of("sri-4"));
		TrialRecords.Subject a = records.subject(key + "-a", study, "uc-msc", DAY0.minusDays(5));
		a.infusion(DAY0, 1);
		a.creatinine(DAY0.minusDays(2), "1.5", "mg/dL");
		a.upcr(DAY0.minusDays(2), "2.0", "g/g");
		a.creatinine(DAY0.plusDays(168), "0.9", "mg/dL");
		a.upcr(DAY0.plusDays(175), "1.8", "g/g"); // a 10 % fall: no renal response
		String better = a.upcr(DAY0.plusDays(168), "0.9", "g/g");
		List<Bundle.BundleEntryComponent> entries = records.bundle().getEntry();
		Bundle.BundleEntryComponent correction = entries.remove(entries.size() - 1);
		org.hl7.fhir.r4.model.ResearchStudy amended = entries.stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(org.hl7.fhir.r4.model.ResearchStudy.class::isInstance)
				.map(r -> (org.hl7.fhir.r4.model.ResearchStudy) r.copy()).findFirst().orElseThrow();
		amended.getExtension().removeIf(e -> e.getUrl().equals(org.msclupus.fhir.design.TrialCodes.RESPONSE_CRITERIA_EXTENSION));
		amended.addExtension(org.msclupus.fhir.design.TrialCodes.RESPONSE_CRITERIA_EXTENSION, new CodeType("ln-renal-response"));

		try (NotificationReceiver receiver = NotificationReceiver.start()) {
			create(subscription(Topic.RESPONSE_CHANGED, receiver.endpoint(), null,
					"ResearchSubject?study=" + study + "&criteria=ln-renal-response"));
			Thread.sleep(2500);
			HttpResponse<String> loaded = send("POST", "", json(records.bundle()));
			assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
			Thread.sleep(2500); // evaluated under sri-4 only
			HttpResponse<String> changed = send("PUT", study, json(amended));
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
			Thread.sleep(3000); // the subject's first renal category (NR) is recorded: nothing sent
			assertThat(receiver.received()).isEmpty();

			HttpResponse<String> sent = send("PUT", better, json(correction.getResource()));
			assertThat(sent.statusCode()).as(sent.body()).isIn(200, 201);
			receiver.await(WITHIN, r -> !r.isEmpty());
			assertThat(notificationsOf(study)).singleElement().satisfies(n -> assertThat(n.getPart())
					.extracting(p -> p.getName() + "=" + (p.getValue() == null ? "" : p.getValue().primitiveValue()))
					.contains("criteria=ln-renal-response", "from=NR", "to=PR"));
		}
	}

	/** A subscription that asks for heartbeats gets them while nothing happens, numbered with no event. */
	@Test
	void anIdleSubscriptionGetsItsHeartbeats() throws Exception {
		try (NotificationReceiver receiver = NotificationReceiver.start()) {
			Subscription subscription = subscription(Topic.SERIOUS_ADVERSE_EVENT, receiver.endpoint(), "empty",
					"study=ResearchStudy/no-such-study-" + System.nanoTime());
			subscription.getChannel().addExtension(BackportIg.HEARTBEAT_PERIOD, new org.hl7.fhir.r4.model.UnsignedIntType(2));
			String id = create(subscription);
			List<NotificationReceiver.Received> beats = receiver.await(WITHIN, r -> r.size() >= 2);
			assertThat(beats).allSatisfy(b -> {
				assertThat(b.status("type")).isEqualTo("heartbeat");
				assertThat(b.status("events-since-subscription-start")).isEqualTo("0");
				assertThat(b.status("topic")).as("an empty payload names no topic").isNull();
				assertThat(b.bundle().getEntry()).hasSize(1);
			});
			assertThat(send("DELETE", "Subscription/" + id, null).statusCode()).isIn(200, 204);
			int after = receiver.received().size();
			Thread.sleep(4000);
			assertThat(receiver.received()).as("a deleted subscription hears nothing more").hasSizeLessThanOrEqualTo(after + 1);
		}
	}

	@Test
	void subscriptionsTheServerCannotServeAreRefusedWith422AndNothingStored() throws Exception {
		String marker = "refused-" + System.nanoTime();
		List<Subscription> refused = List.of(
				withReason(subscription(Topic.SERIOUS_ADVERSE_EVENT, "http://example.org/hook", null), marker),
				withReason(subscription(Topic.SERIOUS_ADVERSE_EVENT, "https://example.org/hook", "everything"), marker),
				withReason(subscription(Topic.SERIOUS_ADVERSE_EVENT, "https://example.org/hook", null, "AdverseEvent?studdy=x"),
						marker),
				withReason(subscription(Topic.RESPONSE_CHANGED, "https://example.org/hook", null, "criteria=sri-5"), marker),
				withReason(criteria(subscription(Topic.SERIOUS_ADVERSE_EVENT, "https://example.org/hook", null),
						"AdverseEvent?seriousness=serious"), marker));
		List<String> expected = List.of("must use https", "not one of empty, id-only, full-resource",
				"Unknown filter 'studdy'", "unknown criteria set 'sri-5'", "is not one");
		for (int i = 0; i < refused.size(); i++) {
			HttpResponse<String> answer = send("POST", "Subscription", json(refused.get(i)));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
			assertThat(answer.body()).contains(expected.get(i));
		}
		assertThat(send("GET", "Subscription?_content=" + marker, null).body()).doesNotContain("\"entry\"");
	}

	private static Subscription withReason(Subscription subscription, String reason) {
		return subscription.setReason(reason);
	}

	private static Subscription criteria(Subscription subscription, String criteria) {
		return subscription.setCriteria(criteria);
	}

	@Test
	void theCapabilityStatementAdvertisesBothTopics() throws Exception {
		String metadata = send("GET", "metadata", null).body();
		assertThat(metadata).contains(BackportIg.TOPIC_CANONICAL, Topic.SERIOUS_ADVERSE_EVENT.canonical(),
				Topic.RESPONSE_CHANGED.canonical(), BackportIg.SUBSCRIPTION_PROFILE);
	}
}
