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
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.server.EmbeddedPostgresConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The safety index on a real PostgreSQL: its table, the facts written with each record, the read by patient ids
 * written as literals (escaped, never SQL), a rebuild from the records. Shares the PostgreSQL server context of
 * PostgresFhirServerIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EmbeddedPostgresConfiguration.class)
class PostgresSafetyRecordIndexIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.parse("2026-01-10");

	@LocalServerPort
	int port;
	@Autowired
	RecordIndexRebuild rebuild;
	@Autowired
	EntityManager entityManager;
	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theSummaryReadsTheIndexOnPostgres() throws Exception {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		TrialRecords records = new TrialRecords();
		String study = records.study("pg-sidx-trial", "NCT00000020", "weeks-24", List.of("ln-renal-response"));
		TrialRecords.Subject a = records.subject("pg-sidx-a", study, "uc-msc", DAY0.minusDays(5));
		String infusion = a.infusion(DAY0, 1);
		String fever = a.adverseEvent(study, "Fever", DAY0.atTime(20, 0), false, 2, infusion, "Probably-Likely");
		a.safetyLab("alt-week4", "1742-6", DAY0.plusDays(28), "90", "U/L", "7", "40");
		TrialRecords.Subject b = records.subject("pg-sidx-b", study, "control", DAY0.minusDays(5));
		b.adverseEvent(study, "Infection", DAY0.plusDays(27).atTime(8, 0), true, 3, null, null);
		client.transaction().withBundle(records.bundle()).execute();

		String before = summary();
		assertThat(before).contains("adverseEvents,all,any,any,2,2,")
				.contains("adverseEvents,all,relatedness,related,1,1,");
		AdverseEvent event = client.read().resource(AdverseEvent.class).withId(fever).execute();
		event.setSubject(new Reference("Patient/pg-sidx-b"));
		client.update().resource(event).execute();
		assertThat(summary()).as("both events subject b's; b has no infusion the fever was assessed against")
				.contains("adverseEvents,all,any,any,2,1,").contains("adverseEvents,all,relatedness,related,0,0,");
		event = client.read().resource(AdverseEvent.class).withId(fever).execute();
		event.setSubject(new Reference("Patient/pg-sidx-a"));
		client.update().resource(event).execute();
		assertThat(summary()).isEqualTo(before);

		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			assertThat(RecordIndex.rowsOf(entityManager, SafetyRecordRow.class, List.of("pg-sidx-a")))
					.as("the fever, the infusion, the ALT").hasSize(3);
			assertThat(RecordIndex.rowsOf(entityManager, SafetyRecordRow.class,
					List.of("x' OR '1'='1", "o'brien", "a\\'b"))).isEmpty();
			entityManager.createQuery("DELETE FROM SafetyRecordRow").executeUpdate();
		});
		assertThat(rebuild.rebuildIfStale()).isPositive();
		assertThat(summary()).isEqualTo(before);
	}

	private String summary() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://localhost:" + port + "/fhir/ResearchStudy/pg-sidx-trial/$safety-summary?asOf=2026-12-31&_format=csv"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		// The evidence names record versions, which every write raises: compare what was counted.
		return response.body().replaceAll("/_history/\\d+", "");
	}
}
