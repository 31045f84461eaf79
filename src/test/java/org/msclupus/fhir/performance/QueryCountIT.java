package org.msclupus.fhir.performance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.cache.ISearchParamIdentityCacheSvc;
import ca.uhn.fhir.jpa.util.CircularQueueCaptureQueriesListener;
import ca.uhn.fhir.jpa.util.SqlQuery;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.msclupus.fhir.cohort.TrialRecords;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Pins the read paths' query counts, as HAPI's own *QueryCountTest classes do, so that a change adding a query per
 * subject or per record (an N+1) fails here instead of showing up as a slow study at a sponsor. Every SQL statement
 * of the server goes through a datasource-proxy with HAPI's capture listener; a request's statements are those run
 * on the servlet threads while it was answered (background jobs run on threads of their own).
 *
 * <p>ADR 0004: a subject is read with a fixed number of queries, however many records it has. ADR 0005: a study's
 * evidence is read with one query per 1,000 patients, so the statements of a study evaluation do not grow with its
 * subjects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "msc.storage.data-dir=target/it-data/h2-query-count")
@Import(QueryCountIT.CountingDataSource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCountIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate ENROLLED = LocalDate.parse("2026-01-05");
	static final LocalDate DAY0 = LocalDate.parse("2026-01-10");

	/** Wraps the server's DataSource so that every statement is captured. */
	@TestConfiguration
	static class CountingDataSource {

		@Bean
		CircularQueueCaptureQueriesListener capturedQueries() {
			return new CircularQueueCaptureQueriesListener();
		}

		@Bean
		static BeanPostProcessor countEveryStatement(
				org.springframework.beans.factory.ObjectProvider<CircularQueueCaptureQueriesListener> listener) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
						CircularQueueCaptureQueriesListener capture = listener.getObject();
						return ProxyDataSourceBuilder.create(dataSource).name(name).afterQuery(capture)
								.afterMethod(capture).countQuery().build();
					}
					return bean;
				}
			};
		}
	}

	@LocalServerPort
	int port;
	@org.springframework.beans.factory.annotation.Autowired
	CircularQueueCaptureQueriesListener queries;
	@org.springframework.beans.factory.annotation.Autowired
	ISearchParamIdentityCacheSvc identities;
	IGenericClient client;

	@BeforeAll
	void loadStudies() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.transaction().withBundle(study("qc-small", 3, 2)).execute();
		client.transaction().withBundle(study("qc-large", 9, 2)).execute();
		client.transaction().withBundle(study("qc-paged", 23, 1)).execute();
		client.transaction().withBundle(study("qc-rich", 1, 10)).execute();
	}

	/** A lupus nephritis study of {@code subjects} subjects, each with {@code visits} visits of three measures. */
	static org.hl7.fhir.r4.model.Bundle study(String id, int subjects, int visits) {
		TrialRecords records = new TrialRecords();
		String study = records.study(id, "NCT-" + id, "weeks-24", List.of("ln-renal-response"));
		for (int i = 0; i < subjects; i++) {
			TrialRecords.Subject subject = records.subject(id + "-" + i, study, i % 2 == 0 ? "uc-msc" : "control",
					ENROLLED);
			subject.infusion(DAY0, 1);
			for (int v = 0; v < visits; v++) {
				LocalDate date = DAY0.plusDays(28L * v);
				subject.creatinine(date, "1.1", "mg/dL");
				subject.upcr(date, "0.8", "g/g");
				subject.sledai(date, 6);
			}
		}
		return records.bundle();
	}

	/** The SELECT statements the servlet threads ran while {@code request} was answered. */
	private List<SqlQuery> selectsOf(Runnable request) {
		queries.startCollecting();
		queries.clear();
		try {
			request.run();
			// Sequence fetches belong to the audit records' inserts, which Hibernate batches by its own rhythm.
			return queries.getSelectQueries().stream().filter(q -> q.getThreadName().startsWith("http-nio"))
					.filter(q -> !q.getSql(false, false).toLowerCase(java.util.Locale.ROOT).contains("next value for"))
					.toList();
		} finally {
			queries.stopCollecting();
		}
	}

	private void evaluateSubject(String subject) {
		Parameters in = new Parameters().addParameter("criteria", new CodeType("ln-renal-response"));
		in.addParameter("asOf", new DateType("2026-12-31"));
		client.operation().onInstance("ResearchSubject/" + subject).named("$evaluate-response").withParameters(in)
				.execute();
	}

	private void evaluateStudy(String study) {
		Parameters in = new Parameters().addParameter("criteria", new CodeType("ln-renal-response"));
		in.addParameter("criteria", new CodeType("change-from-baseline"));
		in.addParameter("asOf", new DateType("2026-12-31"));
		client.operation().onInstance("ResearchStudy/" + study).named("$evaluate-response").withParameters(in)
				.execute();
	}

	@Test
	void aSubjectIsReadWithTheSameStatementsWhateverItsRecords() {
		evaluateSubject("qc-small-0-enrolment"); // warm caches (search parameters, validation) that a first request fills
		evaluateSubject("qc-rich-0-enrolment");
		List<SqlQuery> few = selectsOf(() -> evaluateSubject("qc-small-0-enrolment"));
		List<SqlQuery> many = selectsOf(() -> evaluateSubject("qc-rich-0-enrolment"));
		assertThat(many).as("7 records: %s\n31 records: %s", describe(few), describe(many)).hasSameSizeAs(few);
		// The subject, its study and the evidence rows; the rest is HAPI's own reads for those two resources.
		assertThat(few.size()).as(describe(few)).isLessThanOrEqualTo(MAX_SUBJECT_SELECTS);
		assertThat(few).filteredOn(q -> q.getSql(false, false).contains("MSC_RESPONSE_EVIDENCE")).hasSize(1);
	}

	@Test
	void aStudyIsReadWithTheSameStatementsWhateverItsSize() {
		evaluateStudy("qc-small");
		evaluateStudy("qc-large");
		List<SqlQuery> small = selectsOf(() -> evaluateStudy("qc-small"));
		List<SqlQuery> large = selectsOf(() -> evaluateStudy("qc-large"));
		assertThat(large).as("3 subjects: %s\n9 subjects: %s", describe(small), describe(large)).hasSameSizeAs(small);
		assertThat(small.size()).as(describe(small)).isLessThanOrEqualTo(MAX_STUDY_SELECTS);
		assertThat(large).filteredOn(q -> q.getSql(false, false).contains("MSC_RESPONSE_EVIDENCE")).hasSize(1);
	}

	@Test
	void aSafetySummaryIsReadWithTheSameStatementsWhateverItsSize() {
		Runnable small = () -> safetySummary("qc-small");
		Runnable large = () -> safetySummary("qc-large");
		small.run();
		large.run();
		List<SqlQuery> fewSubjects = selectsOf(small);
		List<SqlQuery> moreSubjects = selectsOf(large);
		assertThat(moreSubjects).as("3 subjects: %s\n9 subjects: %s", describe(fewSubjects), describe(moreSubjects)).hasSameSizeAs(fewSubjects);
	}

	private void safetySummary(String study) {
		client.operation().onInstance("ResearchStudy/" + study).named("$safety-summary").withNoParameters(Parameters.class)
				.useHttpGet().execute();
	}

	@Test
	void aStudyLargerThanThePageSizeIsReadWhole() {
		Parameters in = new Parameters().addParameter("criteria", new CodeType("ln-renal-response"));
		in.addParameter("asOf", new DateType("2026-12-31"));
		Parameters out = client.operation().onInstance("ResearchStudy/qc-paged").named("$evaluate-response")
				.withParameters(in).execute();
		assertThat(out.getParameter().stream().filter(p -> p.getName().equals("subject")))
				.as("23 subjects, more than the server's default page size of 20").hasSize(23);
		Parameters safety = client.operation().onInstance("ResearchStudy/qc-paged").named("$safety-summary")
				.withNoParameters(Parameters.class).useHttpGet().execute();
		assertThat(safety.getParameter().stream().filter(p -> p.getName().equals("rates"))
				.flatMap(p -> p.getPart().stream()).filter(p -> p.getName().equals("denominator"))
				.map(p -> p.getValue().primitiveValue())).as("the rate over all arms").contains("23");
	}

	/**
	 * HAPI looks up the resources a transaction names with one OR of (type, id) pairs, which H2 answers by reading the
	 * whole resource table; the server hands H2 the same lookup as a row-value list, which it answers from an index.
	 */
	@Test
	void aTransactionLooksUpTheResourcesItNamesThroughAnIndex() {
		List<SqlQuery> selects = selectsOf(() -> client.transaction().withBundle(study("qc-lookup", 3, 1)).execute());
		List<String> lookups = selects.stream().map(q -> q.getSql(false, false))
				.filter(sql -> sql.contains("from HFJ_RESOURCE") && sql.contains("FHIR_ID")).toList();
		assertThat(lookups).as(describe(selects)).isNotEmpty()
				.noneMatch(sql -> sql.contains("FHIR_ID=? or"))
				.anyMatch(sql -> sql.contains(".RES_TYPE,") && sql.contains(".FHIR_ID) in ((?,?),(?,?)"));
	}

	/**
	 * HAPI 8 can record each search parameter's hash in HFJ_SPIDX_IDENTITY, one transaction per parameter on a thread
	 * of its own: about a thousand beside every start on a new database, and one for each parameter a search or write
	 * meets first. Nothing reads the table back, so the server has it off; neither HAPI's identity service nor a
	 * search touches the table, on any thread.
	 */
	@Test
	void noSearchParameterIdentitiesAreRecorded() throws InterruptedException {
		queries.startCollecting();
		queries.clear();
		try {
			identities.findOrCreateSearchParamIdentity(-4_242_424_242L, "Observation", "never-seen-before");
			org.hl7.fhir.r4.model.Bundle creatinine = client.search().forResource(Observation.class)
					.where(Observation.CODE.exactly().systemAndCode("http://loinc.org", "2160-0"))
					.and(Observation.DATE.afterOrEquals().day("2026-01-01"))
					.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
			assertThat(creatinine.getEntry()).as("the search still finds the studies' creatinine").isNotEmpty();
			for (int waited = 0; identities.hasInFlightTasks() && waited < 100; waited++) {
				Thread.sleep(100);
			}
			assertThat(queries.getCapturedQueries()).extracting(q -> q.getSql(false, false))
					.noneMatch(sql -> sql.toUpperCase(java.util.Locale.ROOT).contains("HFJ_SPIDX_IDENTITY"));
		} finally {
			queries.stopCollecting();
		}
	}

	/** What a subject evaluation reads today (measured 2026-11-29); more means a new query on the path. */
	static final int MAX_SUBJECT_SELECTS = 7;
	/** What a study evaluation reads today (measured 2026-11-29), whatever the number of subjects. */
	static final int MAX_STUDY_SELECTS = 7;

	private static String describe(List<SqlQuery> selects) {
		StringBuilder text = new StringBuilder().append(selects.size()).append(" selects");
		selects.forEach(q -> text.append("\n  ").append(q.getSql(false, false), 0,
				Math.min(160, q.getSql(false, false).length())));
		return text.toString();
	}
}
