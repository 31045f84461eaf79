package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.support.H2ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * $safety-summary reads the safety index, written with every record: after every kind of write (update, a near miss,
 * a move to another patient, delete, re-create) the summary must show the write, and a rebuild of the index from the
 * records must give the same summary.
 */
@H2ServerTest
class SafetyRecordIndexIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.parse("2026-01-10");
	static final String STUDY = "ResearchStudy/sidx-trial";

	@LocalServerPort
	int port;
	@Autowired
	RecordIndexRebuild rebuild;
	@Autowired
	EntityManager entityManager;
	@Autowired
	PlatformTransactionManager transactionManager;

	IGenericClient client;
	String fever;
	String alt;

	@BeforeEach
	void loadStudy() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		TrialRecords records = new TrialRecords();
		String study = records.study("sidx-trial", "NCT00000019", "weeks-24", List.of("ln-renal-response"));
		TrialRecords.Subject a = records.subject("sidx-a", study, "uc-msc", DAY0.minusDays(5));
		String infusion = a.infusion(DAY0, 1);
		fever = a.adverseEvent(study, "Fever", DAY0.atTime(20, 0), false, 2, infusion, "Probably-Likely");
		a.safetyLab("alt-baseline", "1742-6", DAY0.minusDays(2), "30", "U/L", "7", "40");
		alt = a.safetyLab("alt-week4", "1742-6", DAY0.plusDays(28), "90", "U/L", "7", "40");
		a.bloodPressure(DAY0.plusDays(28), "150", "95");
		TrialRecords.Subject b = records.subject("sidx-b", study, "control", DAY0.minusDays(5));
		b.adverseEvent(study, "Infection", DAY0.plusDays(27).atTime(8, 0), true, 3, null, null);
		client.transaction().withBundle(records.bundle()).execute();
	}

	@Test
	void theSummaryShowsEveryKindOfWrite() throws Exception {
		String before = summary();
		assertThat(before).contains("adverseEvents,all,any,any,2,2,");

		AdverseEvent event = client.read().resource(AdverseEvent.class).withId(fever).execute();
		event.getExtensionByUrl(SafetyMapper.CTCAE_GRADE).setValue(new IntegerType(3));
		client.update().resource(event).execute();
		assertThat(summary()).as("grade 2 -> 3").isNotEqualTo(before).contains("adverseEvents,all,any,any,2,2,");

		event = client.read().resource(AdverseEvent.class).withId(fever).execute();
		event.setActuality(AdverseEvent.AdverseEventActuality.POTENTIAL);
		client.update().resource(event).execute();
		assertThat(summary()).as("a near miss is no event").contains("adverseEvents,all,any,any,1,1,");

		event = client.read().resource(AdverseEvent.class).withId(fever).execute();
		event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
		event.setSubject(new Reference("Patient/sidx-b"));
		client.update().resource(event).execute();
		assertThat(summary()).as("both events now subject b's").contains("adverseEvents,all,any,any,2,1,");

		String withAlt = summary();
		client.delete().resourceById(new org.hl7.fhir.r4.model.IdType(alt).toUnqualifiedVersionless()).execute();
		assertThat(summary()).as("the week-4 ALT deleted").isNotEqualTo(withAlt);

		loadStudy(); // puts everything back as it was
		assertThat(summary()).isEqualTo(before);
	}

	@Test
	void aRebuildFromScratchGivesTheSameSummary() throws Exception {
		String before = summary();
		new TransactionTemplate(transactionManager).executeWithoutResult(tx ->
				entityManager.createQuery("DELETE FROM SafetyRecordRow").executeUpdate());
		assertThat(summary()).as("nothing indexed, nothing to summarise").isNotEqualTo(before);

		assertThat(rebuild.rebuildIfStale()).isPositive();
		assertThat(summary()).isEqualTo(before);
		assertThat(rebuild.rebuildIfStale()).as("already current").isEqualTo(-1);
	}

	@Test
	void anObservationThatStopsCountingLeavesTheSummary() throws Exception {
		String before = summary();
		Observation value = client.read().resource(Observation.class).withId(alt).execute();
		value.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
		client.update().resource(value).execute();
		assertThat(summary()).isNotEqualTo(before);
		value = client.read().resource(Observation.class).withId(alt).execute();
		value.setStatus(Observation.ObservationStatus.FINAL);
		client.update().resource(value).execute();
		assertThat(summary()).isEqualTo(before);
	}

	/**
	 * An EHR's code may carry a LOINC coding with a display and no code beside the real one: the value is stored and
	 * counted, written alone or in a transaction (a 500 before), and a rebuild reads it too.
	 */
	@Test
	void aLabValueWhoseCodeAlsoHasACodelessLoincCodingIsStoredAndCounted() throws Exception {
		String before = summary();
		Observation value = client.read().resource(Observation.class).withId(alt).execute();
		value.getCode().getCoding().add(0, new org.hl7.fhir.r4.model.Coding("http://loinc.org", null, "ALT"));
		client.update().resource(value).execute();
		assertThat(summary()).isEqualTo(before);

		Observation copy = value.copy();
		copy.setIdElement(null);
		copy.setEffective(new org.hl7.fhir.r4.model.DateTimeType(DAY0.plusDays(29).toString()));
		org.hl7.fhir.r4.model.Bundle transaction = new org.hl7.fhir.r4.model.Bundle()
				.setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(copy).getRequest()
				.setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST).setUrl("Observation");
		String created = client.transaction().withBundle(transaction).execute().getEntryFirstRep().getResponse()
				.getLocation();
		try {
			String after = summary();
			assertThat(after).isNotEqualTo(before);
			new TransactionTemplate(transactionManager).executeWithoutResult(tx ->
					entityManager.createQuery("DELETE FROM SafetyRecordRow").executeUpdate());
			assertThat(rebuild.rebuildIfStale()).isPositive();
			assertThat(summary()).isEqualTo(after);
		} finally {
			client.delete().resourceById(new org.hl7.fhir.r4.model.IdType(created).toUnqualifiedVersionless())
					.execute(); // the other tests count this subject's rows
		}
	}

	/** The patient ids are written into the index query as literals: Hibernate must escape them. */
	@Test
	void aPatientIdIsALiteralNeverSql() {
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			assertThat(RecordIndex.rowsOf(entityManager, SafetyRecordRow.class, List.of("sidx-a")))
					.as("the fever, the infusion, two ALT values, the blood pressure").hasSize(5);
			assertThat(RecordIndex.rowsOf(entityManager, SafetyRecordRow.class,
					List.of("x' OR '1'='1", "o'brien", "a\\'b"))).isEmpty();
		});
	}

	private String summary() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/" + STUDY + "/$safety-summary?asOf=2026-12-31&_format=csv"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		// The evidence names record versions, which every write raises: compare what was counted.
		return response.body().replaceAll("/_history/\\d+", "");
	}
}
