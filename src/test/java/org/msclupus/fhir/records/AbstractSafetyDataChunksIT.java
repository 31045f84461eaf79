package org.msclupus.fhir.records;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.msclupus.fhir.cohort.TrialRecords;
import org.msclupus.fhir.safety.SafetyData;
import org.msclupus.fhir.store.Chunks;
import org.msclupus.fhir.store.ParallelChunks;
import org.msclupus.fhir.store.StudySubjects;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A study of more subjects than one chunk ({@link Chunks#SUBJECTS}): its safety data read with the chunks side by side
 * (each chunk in a read-only transaction of its own, on its own connection) are the data read one chunk after the
 * other, subject for subject in the same order, and the summary counts every subject of every chunk. On H2 and on
 * PostgreSQL (the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSafetyDataChunksIT {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final LocalDate DAY0 = LocalDate.parse("2026-02-02");
	static final int SUBJECTS = Chunks.SUBJECTS * 2 + 7;

	@LocalServerPort
	int port;
	@Autowired
	IHapiTransactionService transactions;
	@Autowired
	SafetyRecordIndex index;
	@Autowired
	SafetyMapper mapper;
	@Autowired
	StudySubjects studySubjects;
	@Autowired
	VerifiedRecords verified;

	@BeforeAll
	void loadStudy() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		TrialRecords records = new TrialRecords();
		String study = records.study("chunks-trial", "NCT00000031", "weeks-24", List.of("ln-renal-response"));
		client.transaction().withBundle(records.bundle()).execute();
		for (int from = 0; from < SUBJECTS; from += 50) {
			TrialRecords batch = new TrialRecords();
			for (int i = from; i < Math.min(SUBJECTS, from + 50); i++) {
				TrialRecords.Subject subject = batch.subject("chunks-%03d".formatted(i), study,
						i % 2 == 0 ? "uc-msc" : "control", DAY0.minusDays(3));
				subject.infusion(DAY0, 1);
				subject.safetyLab("alt-baseline", "1742-6", DAY0.minusDays(1), "30", "U/L", "7", "40");
				// Every third subject's ALT is above its range at week 4.
				subject.safetyLab("alt-week4", "1742-6", DAY0.plusDays(28), i % 3 == 0 ? "95" : "31", "U/L", "7", "40");
			}
			client.transaction().withBundle(batch.bundle()).execute();
		}
	}

	@Test
	void chunksReadSideBySideGiveTheDataReadOneAfterTheOther() {
		IdType study = new IdType("ResearchStudy/chunks-trial");
		LocalDate asOf = DAY0.plusDays(60);
		try (ParallelChunks parallel = ParallelChunks.withHelpers(3, "it-read")) {
			List<SafetyData.Subject> sideBySide = reader(parallel)
					.read(study, null, null, asOf, false, new SystemRequestDetails()).subjects();
			List<SafetyData.Subject> oneAfterTheOther = reader(ParallelChunks.sequential())
					.read(study, null, null, asOf, false, new SystemRequestDetails()).subjects();
			assertThat(sideBySide).hasSize(SUBJECTS).isEqualTo(oneAfterTheOther);
			assertThat(sideBySide.stream().map(SafetyData.Subject::subject).toList()).isSorted();
			assertThat(sideBySide).allSatisfy(subject -> assertThat(subject.labs()).hasSize(2));
		}
	}

	@Test
	void theSummaryCountsTheSubjectsOfEveryChunk() throws Exception {
		String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
						+ "/fhir/ResearchStudy/chunks-trial/$safety-summary?asOf=" + DAY0.plusDays(60) + "&_format=csv"))
				.build(), HttpResponse.BodyHandlers.ofString()).body();
		// ALT at month 1 (the follow-up visits: the study names no schedule), in the study and in each arm: every
		// subject has a value, normal at baseline, every third one above its range.
		for (String arm : List.of("all", "uc-msc", "control")) {
			IntPredicate inArm = i -> arm.equals("all") || (i % 2 == 0) == arm.equals("uc-msc");
			long evaluated = IntStream.range(0, SUBJECTS).filter(inArm).count();
			long above = IntStream.range(0, SUBJECTS).filter(inArm).filter(i -> i % 3 == 0).count();
			assertThat(csv).contains("labAbnormalities,%s,alt,month-1,,,%d,%d,0,%d,%d,".formatted(
					arm, evaluated, above, evaluated, above));
		}
	}

	private SafetyDataReader reader(ParallelChunks chunks) {
		return new SafetyDataReader(transactions, index, mapper, studySubjects, verified, chunks);
	}
}
