package org.msclupus.fhir.verification.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.TrialCodes;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Source-data verification through the real server on H2 ({@link SourceVerificationScenario}). */
@H2ServerTest
class SourceVerificationIT extends SourceVerificationScenario {

	@LocalServerPort
	int port;

	@Override
	int port() {
		return port;
	}

	@Test
	void wrongValuesAreQueuedTheFlippingOneFirstAndCountOnlyInTheDefaultAnswer() throws Exception {
		load();
		for (String record : verifiedRecords) {
			assertThat(value(verify(record, "verified", null, null), "state")).isEqualTo("verified");
		}
		assertThat(value(queue(""), "total")).isEqualTo("0");
		assertThat(renalResponse(evaluateSubject(false))).isEqualTo("PR");
		assertThat(unverifiedValues(evaluateSubject(false))).isZero();

		String flip = inject(week24Upcr, DAY0.plusDays(168), "0.09", "g/g");
		String wrongVisit = inject(verifiedRecords.get(3), DAY0.plusDays(112), "0.9", "mg/dL");
		String duplicate = inject(verifiedRecords.get(2), DAY0.minusDays(2), "2.0", "g/g");

		Parameters queued = queue("");
		assertThat(value(queued, "sourceVerification")).isEqualTo("endpoint-values");
		assertThat(value(queued, "total")).isEqualTo("3");
		List<ParametersParameterComponent> items = named(queued, "item");
		assertThat(items).extracting(i -> text(i, "resource")).containsExactlyInAnyOrder(flip + "/_history/1",
				wrongVisit + "/_history/1", duplicate + "/_history/1");
		ParametersParameterComponent first = items.get(0);
		assertThat(text(first, "resource")).as("the value that changes a result comes first")
				.isEqualTo(flip + "/_history/1");
		assertThat(text(first, "subject")).isEqualTo(subject);
		assertThat(text(first, "measure")).isEqualTo("2890-2");
		assertThat(text(first, "value")).isEqualTo("0.09 g/g");
		assertThat(text(first, "date")).isEqualTo(DAY0.plusDays(168).toString());
		assertThat(text(first, "visit")).isEqualTo("week-24");
		assertThat(text(first, "state")).isEqualTo("unverified");
		List<ParametersParameterComponent> impact = first.getPart().stream()
				.filter(p -> p.getName().equals("impact")).toList();
		assertThat(impact).hasSize(1);
		assertThat(text(impact.get(0), "criteria")).isEqualTo("ln-renal-response");
		assertThat(text(impact.get(0), "withValue")).isEqualTo("CR");
		assertThat(text(impact.get(0), "withoutValue")).isEqualTo("PR");
		assertThat(items.stream().filter(i -> text(i, "resource").startsWith(wrongVisit)).findFirst().orElseThrow())
				.satisfies(i -> assertThat(text(i, "visit")).isEqualTo("week-16"))
				.satisfies(i -> assertThat(i.getPart()).noneMatch(p -> p.getName().equals("impact")));
		assertThat(get(study + "/$verification-queue", "text/csv").body().lines().skip(1).findFirst().orElseThrow())
				.as("the CSV in the same order, the impact as criteria:withValue:withoutValue")
				.startsWith("item," + subject + "," + flip + "/_history/1,2890-2,0.09 g/g,").endsWith(
						",ln-renal-response:CR:PR,,");

		// the default answer counts them and says so; the verified answer leaves them out
		Parameters counted = evaluateSubject(false);
		assertThat(renalResponse(counted)).isEqualTo("CR");
		assertThat(unverifiedValues(counted)).isEqualTo(3);
		Parameters verifiedOnly = evaluateSubject(true);
		assertThat(renalResponse(verifiedOnly)).isEqualTo("PR");
		assertThat(unverifiedValues(verifiedOnly)).isZero();
		assertStudyOperationsReport(3);

		// verifying the flipping value moves it into the verified answer
		verify(flip, "verified", null, "1");
		assertThat(renalResponse(evaluateSubject(true))).isEqualTo("CR");
		assertThat(value(queue(""), "total")).isEqualTo("2");

		// the EHR corrects a verified value: it is queued again, the verified answer keeps its verified version
		Observation corrected = client.read().resource(Observation.class).withId(new IdType(week24Upcr)).execute();
		corrected.setValue(((Quantity) corrected.getValue()).setValue(new java.math.BigDecimal("0.95")));
		client.update().resource(corrected).execute();
		Parameters changed = queue("?state=changed-since-verified");
		assertThat(named(changed, "item")).singleElement()
				.satisfies(i -> assertThat(text(i, "resource")).isEqualTo(week24Upcr + "/_history/2"))
				.satisfies(i -> assertThat(text(i, "state")).isEqualTo("changed-since-verified"));

		// a query needs its question; the site answers it; each decision is a Provenance on the exact version
		HttpResponse<String> noReason = post(wrongVisit + "/$verify", body("query", null, null));
		assertThat(noReason.statusCode()).isEqualTo(400);
		assertThat(noReason.body()).contains("OperationOutcome").contains("needs a reason");
		Parameters query = verify(wrongVisit, "query", "Dated week 16 but the lab report says week 24?", null);
		assertThat(value(query, "state")).isEqualTo("queried");
		ParametersParameterComponent queried = named(queue("?state=queried"), "item").get(0);
		assertThat(text(queried, "queryText")).isEqualTo("Dated week 16 but the lab report says week 24?");
		Parameters answer = verify(wrongVisit, "answer", "Date typed wrongly; a corrected value follows", null);
		assertThat(value(answer, "state")).isEqualTo("answered");
		Provenance recorded = provenance(answer);
		assertThat(recorded.getTargetFirstRep().getReference()).isEqualTo(wrongVisit + "/_history/1");
		assertThat(recorded.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("performer");
		assertThat(recorded.getActivity().getCodingFirstRep().getCode()).isEqualTo("answer");
		assertThat(recorded.getReasonFirstRep().getText()).isEqualTo("Date typed wrongly; a corrected value follows");
		assertThat(provenance(query).getAgentFirstRep().getType().getCodingFirstRep().getCode())
				.isEqualTo("verifier");
		assertThat(auditOf(wrongVisit).getEntry()).as("each decision is in the audit trail").hasSizeGreaterThanOrEqualTo(2);

		// the CSV has the same items
		HttpResponse<String> csv = get(study + "/$verification-queue", "text/csv");
		assertThat(csv.body().lines().findFirst().orElseThrow())
				.isEqualTo(String.join(",", VerificationQueueProvider.CSV_COLUMNS));
		assertThat(csv.body()).contains(duplicate + "/_history/1,2890-2,2.0 g/g").contains(",week-16,answered,");
	}

	/** Every study operation reports how many values it counted unverified, and the export says so too. */
	private void assertStudyOperationsReport(int unverified) throws Exception {
		Parameters in = new Parameters();
		in.addParameter("criteria", new CodeType("ln-renal-response"));
		in.addParameter("asOf", new DateType(AS_OF));
		Parameters study = client.operation().onInstance(new IdType(this.study)).named("$evaluate-response")
				.withParameters(in).execute();
		assertThat(unverifiedValues(study)).isEqualTo(unverified);
		assertThat(named(study, "subject")).allSatisfy(s -> assertThat(text(s, "unverifiedValues"))
				.isEqualTo(String.valueOf(unverified)));
		in.addParameter("verifiedOnly", new BooleanType(true));
		assertThat(unverifiedValues(client.operation().onInstance(new IdType(this.study)).named("$evaluate-response")
				.withParameters(in).execute())).isZero();
		Parameters compliance = client.operation().onInstance(new IdType(this.study)).named("$visit-compliance")
				.withParameters(new Parameters().addParameter("asOf", new DateType(AS_OF))).useHttpGet().execute();
		assertThat(unverifiedValues(compliance)).isEqualTo(unverified);
		Parameters safety = client.operation().onInstance(new IdType(this.study)).named("$safety-summary")
				.withParameters(new Parameters().addParameter("asOf", new DateType(AS_OF))).useHttpGet().execute();
		assertThat(unverifiedValues(safety)).as("of the injected values, the summary grades the creatinine (CTCAE)")
				.isEqualTo(1);
		HttpResponse<byte[]> export = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + port + "/fhir/" + this.study
						+ "/$cdisc-export?asOf=" + AS_OF)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(entry(export.body(), "operation-outcome.json")).contains("unverifiedValues=" + unverified);
	}

	private static String entry(byte[] zip, String name) throws Exception {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				if (e.getName().equals(name)) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		throw new AssertionError(name + " not in the zip");
	}

	@Test
	void decisionsTheValuesStateOrTheStudyDoesNotAllowAreRefused() throws Exception {
		load();
		String record = verifiedRecords.get(1);
		assertThat(post(record + "/$verify", body("approve", null, null)).body()).contains("verified, query or answer");
		assertThat(post(record + "/$verify", body("answer", "it is right", null)).statusCode()).isEqualTo(400);
		assertThat(post(record + "/$verify", body("verified", null, "7")).statusCode()).isEqualTo(409);
		verify(record, "verified", null, "1");
		HttpResponse<String> twice = post(record + "/$verify", body("query", "is it right?", null));
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("already verified");
		HttpResponse<String> none = post(noneStudyObservation + "/$verify", body("verified", null, null));
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(none.body()).contains("source verification");
		assertThat(get(study + "/$verification-queue?state=verified", "application/fhir+json").statusCode())
				.isEqualTo(400);

		// a study that starts asking for verification later: its stored values wait from then on
		ResearchStudy later = client.read().resource(ResearchStudy.class).withId(new IdType(noneStudy)).execute();
		later.addExtension(TrialCodes.SOURCE_VERIFICATION_EXTENSION, new CodeType("all"));
		client.update().resource(later).execute();
		assertThat(value(verify(noneStudyObservation, "verified", null, null), "state")).isEqualTo("verified");

		// an unknown code is refused by the profile, and nothing is stored
		later = client.read().resource(ResearchStudy.class).withId(new IdType(noneStudy)).execute();
		later.getExtensionByUrl(TrialCodes.SOURCE_VERIFICATION_EXTENSION).setValue(new CodeType("sometimes"));
		HttpResponse<String> unknown = put(later);
		assertThat(unknown.statusCode()).isEqualTo(422);
		assertThat(unknown.body()).contains("sometimes");
	}

	/**
	 * A filter naming what is not there (a site never stored, a subject of no such or another study) is a 400 that
	 * names it, not an empty queue that reads as "nothing to verify"; a stored site that enrolled nobody in the study
	 * is an empty, valid answer.
	 */
	@Test
	void aSiteOrSubjectFilterNamingWhatIsNotThereIsRefused() throws Exception {
		load();
		assertThat(named(queue("?site=sdv-site-" + run), "item")).isNotEmpty();
		assertThat(named(queue("?subject=" + subject), "item")).isNotEmpty();
		for (String filter : List.of("site=sdv-site-" + run + "x", "site=Organization/sdv-site-" + run + "x",
				"subject=ResearchSubject/sdv-a-" + run + "x", "subject=ResearchSubject/sdv-b-" + run + "-enrolment")) {
			HttpResponse<String> refused = get(study + "/$verification-queue?" + filter, "application/fhir+json");
			assertThat(refused.statusCode()).as(filter + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("OperationOutcome", filter.substring(filter.indexOf('=') + 1));
		}
		client.update().resource(new org.hl7.fhir.r4.model.Organization().setName("Enrols nobody")
				.setId("sdv-empty-" + run)).execute();
		assertThat(value(queue("?site=Organization/sdv-empty-" + run), "total")).isEqualTo("0");
	}

	/**
	 * A monitor's tool that lost the answer and sends the same decision again (or a second click) gets the decision
	 * already recorded, not a 400 for work that was done; nothing is recorded twice. The same decision with another
	 * reason is a new decision, which the value's state refuses as before.
	 */
	@Test
	void theSameDecisionSentAgainIsAnsweredWithTheOneRecorded() throws Exception {
		load();
		String record = verifiedRecords.get(2);
		Parameters first = verify(record, "query", "90 mg/g on the lab report?", null);
		Parameters again = verify(record, "query", "90 mg/g on the lab report?", null);
		assertThat(value(again, "state")).isEqualTo("queried");
		assertThat(value(again, "provenance")).isEqualTo(value(first, "provenance"));
		assertThat(value(again, "resource")).isEqualTo(record + "/_history/1");
		HttpResponse<String> otherQuestion = post(record + "/$verify", body("query", "and the date?", null));
		assertThat(otherQuestion.statusCode()).isEqualTo(400);
		assertThat(otherQuestion.body()).contains("the site answers first");
		Parameters answered = verify(record, "answer", "It was 0.09 g/g", null);
		assertThat(value(verify(record, "answer", "It was 0.09 g/g", null), "provenance"))
				.isEqualTo(value(answered, "provenance"));
		Parameters verified = verify(record, "verified", null, null);
		assertThat(value(verify(record, "verified", null, null), "provenance")).isEqualTo(value(verified, "provenance"));
		assertThat(client.search().forResource(org.hl7.fhir.r4.model.Provenance.class)
				.where(org.hl7.fhir.r4.model.Provenance.TARGET.hasId(record))
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry()).hasSize(3);
	}

	@Test
	void aCorrectionSentInATransactionQueuesAVerifiedValueAgain() throws Exception {
		load();
		verify(week24Upcr, "verified", null, null);
		Observation corrected = client.read().resource(Observation.class).withId(new IdType(week24Upcr)).execute();
		corrected.setValue(((Quantity) corrected.getValue()).setValue(new java.math.BigDecimal("0.85")));
		org.hl7.fhir.r4.model.Bundle transaction = new org.hl7.fhir.r4.model.Bundle()
				.setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(corrected).setFullUrl(week24Upcr).getRequest()
				.setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.PUT).setUrl(week24Upcr);
		client.transaction().withBundle(transaction).execute();
		assertThat(named(queue("?state=changed-since-verified"), "item")).extracting(i -> text(i, "resource"))
				.containsExactly(week24Upcr + "/_history/2");
		// only that value was ever verified: the verified answer has no baseline (NE), the default answer counts all
		assertThat(renalResponse(evaluateSubject(true))).isEqualTo("NE");
		assertThat(renalResponse(evaluateSubject(false))).isEqualTo("PR");
	}

	private HttpResponse<String> put(ResearchStudy study) throws Exception {
		return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
				"http://localhost:" + port + "/fhir/" + study.getIdElement().toUnqualifiedVersionless().getValue()))
				.header("Content-Type", "application/fhir+json").PUT(java.net.http.HttpRequest.BodyPublishers
						.ofString(FHIR.newJsonParser().encodeResourceToString(study))).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
