package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
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
 * The study-level evaluation reads the evidence index, the subject-level one parses the records: after every kind of
 * write (create, update, status change, delete, re-create) and after a rebuild from scratch, both must agree on
 * every subject, and the writes must show.
 */
@H2ServerTest
class ResponseEvidenceIndexIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate ENROLLED = LocalDate.parse("2026-01-05");
	static final LocalDate DAY0 = LocalDate.parse("2026-01-10");
	static final LocalDate WEEK24 = DAY0.plusDays(168);
	static final String[] CRITERIA = {"ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline"};

	@LocalServerPort
	int port;
	@Autowired
	RecordIndexRebuild rebuild;
	@Autowired
	EntityManager entityManager;
	@Autowired
	PlatformTransactionManager transactionManager;

	IGenericClient client;
	String week24Upcr;

	@BeforeEach
	void loadStudy() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		TrialRecords records = new TrialRecords();
		String study = records.study("idx-trial", "NCT00000001", "weeks-24", java.util.List.of("ln-renal-response"));
		TrialRecords.Subject a = records.subject("idx-a", study, "uc-msc", ENROLLED);
		a.infusion(DAY0, 1);
		a.creatinine(DAY0.minusDays(2), "1.5", "mg/dL");
		a.upcr(DAY0.minusDays(2), "2.0", "g/g");
		a.sledai(DAY0.minusDays(2), 10);
		a.creatinine(WEEK24, "0.9", "mg/dL");
		week24Upcr = a.upcr(WEEK24, "0.31", "g/g");
		a.sledai(WEEK24, 4);
		TrialRecords.Subject b = records.subject("idx-b", study, "control", ENROLLED);
		b.creatinine(ENROLLED.minusDays(1), "132.6", "umol/L");
		b.upcr(ENROLLED.minusDays(1), "226.24", "mg/mmol");
		b.creatinine(ENROLLED.plusDays(168), "106.08", "umol/L");
		b.upcr(ENROLLED.plusDays(168), "56.56", "mg/mmol");
		client.transaction().withBundle(records.bundle()).execute();
	}

	@Test
	void studyAndSubjectEvaluationsAgreeAfterEveryKindOfWrite() {
		assertThat(renalResponseOfA()).isEqualTo("CR");
		assertAgree();

		Observation upcr = client.read().resource(Observation.class).withId(week24Upcr).execute();
		upcr.getValueQuantity().setValue(new java.math.BigDecimal("0.9"));
		client.update().resource(upcr).execute();
		assertThat(renalResponseOfA()).as("UPCR 0.9 at week 24: a fall of 55 %, not under 0.5").isEqualTo("PR");
		assertAgree();

		upcr = client.read().resource(Observation.class).withId(week24Upcr).execute();
		upcr.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
		client.update().resource(upcr).execute();
		assertThat(renalResponseOfA()).as("no UPCR at week 24").isEqualTo("NE");
		assertAgree();

		client.delete().resourceById(upcr.getIdElement().toUnqualifiedVersionless()).execute();
		assertThat(renalResponseOfA()).isEqualTo("NE");
		assertAgree();

		loadStudy(); // puts the deleted Observation back
		assertThat(renalResponseOfA()).isEqualTo("CR");
		assertAgree();
	}

	@Test
	void aRebuildFromScratchGivesTheSameResults() {
		Map<String, String> before = studyRows();
		new TransactionTemplate(transactionManager).executeWithoutResult(tx ->
				entityManager.createQuery("DELETE FROM ResponseEvidence").executeUpdate());
		assertThat(studyRows()).as("nothing indexed, nothing to evaluate").isNotEqualTo(before);

		assertThat(rebuild.rebuildIfStale()).isPositive();
		assertThat(studyRows()).isEqualTo(before);
		assertThat(rebuild.rebuildIfStale()).as("already current").isEqualTo(-1);
		assertAgree();
	}

	private String renalResponseOfA() {
		return studyRows().get("ResearchSubject/idx-a-enrolment ln-renal-response").split(" ")[0];
	}

	/** Every subject row of the study: "subject criteria" to "response responseDate relapseVisit". */
	private Map<String, String> studyRows() {
		Parameters in = new Parameters();
		in.addParameter("asOf", new DateType("2027-01-01"));
		for (String code : CRITERIA) {
			in.addParameter("criteria", new CodeType(code));
		}
		Parameters out = client.operation().onInstance("ResearchStudy/idx-trial").named("$evaluate-response")
				.withParameters(in).execute();
		return out.getParameter().stream().filter(p -> p.getName().equals("subject"))
				.collect(Collectors.toMap(p -> text(p, "subject") + " " + text(p, "criteria"),
						p -> text(p, "response") + " " + text(p, "responseDate") + " " + text(p, "relapseVisit"), (x, y) -> x, TreeMap::new));
	}

	private void assertAgree() {
		Map<String, String> study = studyRows();
		Map<String, String> subjects = new TreeMap<>();
		for (String subject : new String[] {"ResearchSubject/idx-a-enrolment", "ResearchSubject/idx-b-enrolment"}) {
			for (String criteria : CRITERIA) {
				Parameters in = new Parameters();
				in.addParameter("asOf", new DateType("2027-01-01"));
				in.addParameter("criteria", new CodeType(criteria));
				Parameters out = client.operation().onInstance(subject).named("$evaluate-response").withParameters(in)
						.execute();
				ParametersParameterComponent result = out.getParameter().stream()
						.filter(p -> p.getName().equals("result")).findFirst().orElseThrow();
				subjects.put(subject + " " + criteria, text(result, "response") + " " + text(result, "responseDate")
						+ " " + text(result, "relapseVisit"));
			}
		}
		assertThat(study).isEqualTo(subjects);
	}

	private static String text(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(x -> x.getName().equals(name)).map(ParametersParameterComponent::getValue)
				.findFirst()
				.map(v -> v instanceof org.hl7.fhir.r4.model.CodeableConcept c ? c.getCodingFirstRep().getCode()
						: v instanceof Reference r ? r.getReference() : v.primitiveValue())
				.orElse(null);
	}
}
