package org.msclupus.fhir.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msclupus.fhir.eligibility.Candidate.ClinicalRecord;
import org.msclupus.fhir.eligibility.Candidate.Code;
import org.msclupus.fhir.eligibility.Screening.Decision;
import org.msclupus.fhir.eligibility.Screening.Result;

/**
 * The shipped NCT05631717 criteria (terminology/eligibility/nct05631717.json) against hand-built candidates, at
 * every boundary the criteria name. Value sets come from the generated terminology, as the server expands them.
 */
class EligibilityScreenTest {

	static final LocalDate SCREENING = LocalDate.parse("2026-11-22");
	static final String ACR = "http://msc-lupus.org/fhir/CodeSystem/acr-1997-sle-criteria";
	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	static final String SNOMED = "http://snomed.info/sct";
	static final String LOINC = "http://loinc.org";
	static final List<String> ACR_CODES = List.of("malar-rash", "discoid-rash", "photosensitivity", "oral-ulcers",
			"arthritis", "serositis", "renal-disorder", "neurologic-disorder", "hematologic-disorder",
			"immunologic-disorder", "antinuclear-antibody");

	static EligibilityCriteria criteria;
	static CodeMembership membership;

	@BeforeAll
	static void load() throws IOException {
		criteria = EligibilityCriteria.parse(Files.readString(Path.of("terminology/eligibility/nct05631717.json")));
		Map<String, Set<String>> valueSets = new HashMap<>();
		try (Stream<Path> files = Files.list(Path.of("terminology/generated"))) {
			for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ValueSet-")).toList()) {
				ValueSet vs = FhirContext.forR4Cached().newJsonParser().parseResource(ValueSet.class, Files.readString(file));
				Set<String> codes = new HashSet<>();
				vs.getCompose().getInclude().forEach(i -> i.getConcept().forEach(c -> codes.add(i.getSystem() + "|" + c.getCode())));
				valueSets.put(vs.getUrl(), codes);
			}
		}
		membership = (url, system, code) -> valueSets.getOrDefault(url, Set.of()).contains(system + "|" + code);
	}

	/** A candidate who meets every criterion; tests change one thing at a time. */
	static class Builder {
		LocalDate birthEarliest = SCREENING.minusYears(30);
		LocalDate birthLatest = SCREENING.minusYears(30);
		String gender = "female";
		List<Candidate.MeasureValue> measures = new ArrayList<>(List.of(
				measure("sledai-2k", SCREENING.minusDays(5), "10"),
				measure("urine-protein-creatinine-ratio", SCREENING.minusDays(5), "2.5")));
		List<ClinicalRecord> records = new ArrayList<>(List.of(
				condition(ACR, "malar-rash", SCREENING.minusYears(2)), condition(ACR, "arthritis", SCREENING.minusYears(2)),
				condition(ACR, "renal-disorder", SCREENING.minusYears(1)),
				condition(ACR, "antinuclear-antibody", SCREENING.minusYears(2)),
				observation(LOINC, "2106-3", SCREENING.minusDays(3), SNOMED, "260385009"),
				medication(RXNORM, "8640", SCREENING.minusYears(1), null),
				new ClinicalRecord("Procedure", "Procedure/kidney-biopsy/_history/1", List.of(new Code(SNOMED, "1292009")),
						SCREENING.minusYears(1), SCREENING.minusYears(1), null, List.of()),
				new ClinicalRecord("Immunization", "Immunization/flu/_history/1",
						List.of(new Code("http://hl7.org/fhir/sid/cvx", "141")), SCREENING.minusWeeks(6),
						SCREENING.minusWeeks(6), null, List.of())));
		List<Candidate.ConsentRecord> consents = new ArrayList<>(List.of(
				new Candidate.ConsentRecord("Consent/c1/_history/1", "active", SCREENING.minusDays(1))));
		List<Candidate.Attestation> attestations = new ArrayList<>();

		Builder age(LocalDate birthDate) {
			birthEarliest = birthDate;
			birthLatest = birthDate;
			return this;
		}

		Candidate build() {
			return new Candidate(birthEarliest, birthLatest, gender, measures, records, consents, attestations);
		}
	}

	static Candidate.MeasureValue measure(String measure, LocalDate date, String value) {
		return new Candidate.MeasureValue(measure, date, new BigDecimal(value), "unit",
				"Observation/" + measure + "-" + date + "/_history/1");
	}

	static ClinicalRecord condition(String system, String code, LocalDate onset) {
		return new ClinicalRecord("Condition", "Condition/" + code + "/_history/1", List.of(new Code(system, code)), onset,
				null, null, List.of());
	}

	static ClinicalRecord observation(String system, String code, LocalDate date, String valueSystem, String value) {
		return new ClinicalRecord("Observation", "Observation/" + code + "-" + date + "/_history/1",
				List.of(new Code(system, code)), date, date, null, List.of(new Code(valueSystem, value)));
	}

	static ClinicalRecord medication(String system, String code, LocalDate start, LocalDate end) {
		return new ClinicalRecord("MedicationStatement", "MedicationStatement/" + code + "-" + start + "/_history/1",
				List.of(new Code(system, code)), start, end, null, List.of());
	}

	static Screening screen(Candidate candidate) {
		return EligibilityScreen.screen(criteria, candidate, SCREENING, membership);
	}

	static Screening.CriterionResult criterion(Screening screening, String id) {
		return screening.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
	}

	@Test
	void aCandidateMeetingEveryCriterionIsEligible() {
		Screening screening = screen(new Builder().build());
		assertThat(screening.criteria()).allSatisfy(c -> assertThat(c.result())
				.as(c.id()).isEqualTo(c.kind() == EligibilityCriteria.Kind.INCLUSION ? Result.MET : Result.NOT_MET));
		assertThat(screening.decision()).isEqualTo(Decision.ELIGIBLE);
		assertThat(screening.criteria()).extracting(Screening.CriterionResult::id).containsExactly("inc-age",
				"inc-sledai", "inc-proteinuria", "inc-acr-1997", "inc-consent", "exc-b-cell-depletion",
				"exc-immunosuppressant-change", "exc-biologic-jak", "exc-plasmapheresis", "exc-live-vaccine",
				"exc-malignancy", "exc-pregnancy-lactation", "exc-severe-infection");
	}

	@ParameterizedTest(name = "born {0} years and {1} days before screening: {2}")
	@CsvSource({"18, 0, not-met", "18, 364, not-met", "19, 0, met", "65, 0, met", "65, 364, met", "66, 0, not-met"})
	void ageIsOver18AndAtMost65InCompletedYears(int years, int days, String expected) {
		Screening screening = screen(new Builder().age(SCREENING.minusYears(years).minusDays(days)).build());
		assertThat(criterion(screening, "inc-age").result().code()).isEqualTo(expected);
		assertThat(screening.decision()).isEqualTo(expected.equals("met") ? Decision.ELIGIBLE : Decision.NOT_ELIGIBLE);
	}

	@Test
	void aYearOnlyBirthDateDecidesOnlyWhenTheWholeYearAgrees() {
		Builder clear = new Builder();
		clear.birthEarliest = LocalDate.parse("1990-01-01");
		clear.birthLatest = LocalDate.parse("1990-12-31");
		assertThat(criterion(screen(clear.build()), "inc-age").result()).isEqualTo(Result.MET);
		Builder straddling = new Builder();
		straddling.birthEarliest = LocalDate.parse("2007-01-01"); // 19 on 2026-11-22 ...
		straddling.birthLatest = LocalDate.parse("2007-12-31"); // ... or 18
		Screening screening = screen(straddling.build());
		assertThat(criterion(screening, "inc-age").result()).isEqualTo(Result.UNKNOWN);
		assertThat(screening.decision()).isEqualTo(Decision.NEEDS_REVIEW);
		Builder none = new Builder();
		none.birthEarliest = null;
		none.birthLatest = null;
		assertThat(criterion(screen(none.build()), "inc-age").reason()).isEqualTo("no birth date");
	}

	@ParameterizedTest(name = "SLEDAI-2K {0}: {1}")
	@CsvSource({"5, not-met", "6, met", "6.0, met"})
	void sledaiOfSixOrMore(String sledai, String expected) {
		Builder b = new Builder();
		b.measures.set(0, measure("sledai-2k", SCREENING.minusDays(2), sledai));
		Screening.CriterionResult result = criterion(screen(b.build()), "inc-sledai");
		assertThat(result.result().code()).isEqualTo(expected);
		assertThat(result.evidence()).containsExactly("Observation/sledai-2k-" + SCREENING.minusDays(2) + "/_history/1");
		assertThat(result.values().get(0)).startsWith("sledai-2k " + new BigDecimal(sledai).stripTrailingZeros());
	}

	@Test
	void theLatestSledaiWithinThirtyDaysCountsAndNoneIsUnknown() {
		Builder b = new Builder();
		b.measures.set(0, measure("sledai-2k", SCREENING.minusDays(31), "12"));
		Screening screening = screen(b.build());
		assertThat(criterion(screening, "inc-sledai").result()).isEqualTo(Result.UNKNOWN);
		assertThat(screening.decision()).isEqualTo(Decision.NEEDS_REVIEW);
		b.measures.add(measure("sledai-2k", SCREENING.minusDays(30), "4"));
		b.measures.add(measure("sledai-2k", SCREENING.plusDays(1), "12")); // after screening: ignored
		assertThat(criterion(screen(b.build()), "inc-sledai").result()).isEqualTo(Result.NOT_MET);
	}

	@ParameterizedTest(name = "UPCR {0} g/g, 24-h protein {1}: {2}")
	@CsvSource({"1.0, , unknown", "1.01, , met", "1.0, 0.8, not-met", "1.0, 1.01, met", ", 1.0, unknown",
			"0.5, 1.0, not-met"})
	void proteinuriaAboveOneGram(String upcr, String protein24h, String expected) {
		Builder b = new Builder();
		b.measures.removeIf(m -> m.measure().startsWith("urine"));
		if (upcr != null) {
			b.measures.add(measure("urine-protein-creatinine-ratio", SCREENING.minusDays(3), upcr));
		}
		if (protein24h != null) {
			b.measures.add(measure("urine-protein-24h", SCREENING.minusDays(4), protein24h));
		}
		assertThat(criterion(screen(b.build()), "inc-proteinuria").result().code()).isEqualTo(expected);
	}

	@Test
	void atLeastFourAcrCriteriaRecordedOrAttested() {
		Builder three = new Builder();
		three.records.removeIf(r -> r.codes().get(0).code().equals("antinuclear-antibody"));
		Screening.CriterionResult unknown = criterion(screen(three.build()), "inc-acr-1997");
		assertThat(unknown.result()).isEqualTo(Result.UNKNOWN);
		assertThat(unknown.values().get(0)).isEqualTo("3 of 11 present: malar-rash, arthritis, renal-disorder");

		Builder threeAndRestAbsent = new Builder();
		threeAndRestAbsent.records.removeIf(r -> r.codes().get(0).code().equals("antinuclear-antibody"));
		for (String code : ACR_CODES.subList(0, 11)) {
			if (!List.of("malar-rash", "arthritis", "renal-disorder").contains(code)) {
				threeAndRestAbsent.records.add(new ClinicalRecord("Observation", "Observation/no-" + code, List.of(
						new Code(ACR, code)), SCREENING.minusDays(10), SCREENING.minusDays(10), false, List.of()));
			}
		}
		assertThat(criterion(screen(threeAndRestAbsent.build()), "inc-acr-1997").result()).isEqualTo(Result.NOT_MET);

		three.attestations.add(new Candidate.Attestation(criteria.url(), "inc-acr-1997", true, SCREENING.minusDays(1),
				"Observation/attest/_history/1"));
		Screening.CriterionResult attested = criterion(screen(three.build()), "inc-acr-1997");
		assertThat(attested.result()).isEqualTo(Result.MET);
		assertThat(attested.evidence()).containsExactly("Observation/attest/_history/1");
	}

	@Test
	void lupusNephritisCodedInSnomedCountsAsTheRenalCriterion() {
		Builder b = new Builder();
		b.records.removeIf(r -> r.codes().get(0).code().equals("renal-disorder"));
		b.records.add(condition(SNOMED, "68815009", SCREENING.minusYears(1)));
		assertThat(criterion(screen(b.build()), "inc-acr-1997").result()).isEqualTo(Result.MET);
	}

	@Test
	void consentMustBeActive() {
		Builder none = new Builder();
		none.consents.clear();
		assertThat(criterion(screen(none.build()), "inc-consent").result()).isEqualTo(Result.UNKNOWN);
		Builder rejected = new Builder();
		rejected.consents.set(0, new Candidate.ConsentRecord("Consent/c1/_history/2", "rejected", SCREENING));
		assertThat(screen(rejected.build()).decision()).isEqualTo(Decision.NOT_ELIGIBLE);
	}

	@ParameterizedTest(name = "rituximab {0} weeks before screening: excluded {1}")
	@CsvSource({"23, true", "24, true", "25, false"})
	void rituximabWithin24WeeksExcludes(int weeks, boolean excluded) {
		Builder b = new Builder();
		LocalDate given = SCREENING.minusWeeks(weeks);
		b.records.add(new ClinicalRecord("MedicationAdministration", "MedicationAdministration/rtx/_history/1",
				List.of(new Code(RXNORM, "121191")), given, given, null, List.of()));
		Screening screening = screen(b.build());
		Screening.CriterionResult result = criterion(screening, "exc-b-cell-depletion");
		assertThat(result.result()).isEqualTo(excluded ? Result.MET : Result.NOT_MET);
		assertThat(screening.decision()).isEqualTo(excluded ? Decision.NOT_ELIGIBLE : Decision.ELIGIBLE);
		if (excluded) {
			assertThat(result.evidence()).containsExactly("MedicationAdministration/rtx/_history/1");
		}
	}

	@Test
	void medicationExclusionsWithoutAnyMedicationHistoryAreUnknown() {
		Builder b = new Builder();
		b.records.removeIf(r -> r.resourceType().startsWith("Medication"));
		Screening screening = screen(b.build());
		assertThat(criterion(screening, "exc-b-cell-depletion").result()).isEqualTo(Result.UNKNOWN);
		assertThat(criterion(screening, "exc-b-cell-depletion").reason()).contains("no MedicationAdministration");
		assertThat(screening.decision()).isEqualTo(Decision.NEEDS_REVIEW);
	}

	@Test
	void recordsAfterScreeningAreNoHistory() {
		Builder b = new Builder();
		b.records.removeIf(r -> r.resourceType().startsWith("Medication"));
		b.records.add(medication(RXNORM, "8640", SCREENING.plusDays(3), null));
		assertThat(criterion(screen(b.build()), "exc-b-cell-depletion").result()).isEqualTo(Result.UNKNOWN);
	}

	@Test
	void anImmunosuppressantStartedOrStoppedWithin12WeeksExcludesButASteadyCourseDoesNot() {
		Builder steady = new Builder();
		steady.records.add(medication(RXNORM, "68149", SCREENING.minusWeeks(40), null));
		assertThat(criterion(screen(steady.build()), "exc-immunosuppressant-change").result()).isEqualTo(Result.NOT_MET);
		Builder changed = new Builder();
		changed.records.add(medication(RXNORM, "68149", SCREENING.minusWeeks(40), SCREENING.minusWeeks(10)));
		changed.records.add(medication(RXNORM, "68149", SCREENING.minusWeeks(10), null));
		assertThat(criterion(screen(changed.build()), "exc-immunosuppressant-change").result()).isEqualTo(Result.MET);
		Builder stoppedLongAgo = new Builder();
		stoppedLongAgo.records.add(medication(RXNORM, "3002", SCREENING.minusWeeks(40), SCREENING.minusWeeks(13)));
		assertThat(criterion(screen(stoppedLongAgo.build()), "exc-immunosuppressant-change").result())
				.isEqualTo(Result.NOT_MET);
	}

	@Test
	void pregnancyAppliesToWomenAndNeedsATest() {
		Builder man = new Builder();
		man.gender = "male";
		man.records.removeIf(r -> r.resourceType().equals("Observation"));
		assertThat(criterion(screen(man.build()), "exc-pregnancy-lactation").result()).isEqualTo(Result.NOT_MET);
		Builder untested = new Builder();
		untested.records.removeIf(r -> r.resourceType().equals("Observation"));
		Screening screening = screen(untested.build());
		assertThat(criterion(screening, "exc-pregnancy-lactation").result()).isEqualTo(Result.UNKNOWN);
		assertThat(screening.decision()).isEqualTo(Decision.NEEDS_REVIEW);
		Builder pregnant = new Builder();
		pregnant.records.add(observation(LOINC, "82810-3", SCREENING.minusDays(1), SNOMED, "77386006"));
		assertThat(criterion(screen(pregnant.build()), "exc-pregnancy-lactation").result()).isEqualTo(Result.MET);
		Builder oldTest = new Builder();
		oldTest.records.removeIf(r -> r.resourceType().equals("Observation"));
		oldTest.records.add(observation(LOINC, "2106-3", SCREENING.minusDays(29), SNOMED, "260385009"));
		assertThat(criterion(screen(oldTest.build()), "exc-pregnancy-lactation").result()).isEqualTo(Result.UNKNOWN);
	}

	@Test
	void malignancyHistoryExcludesWhenever() {
		Builder b = new Builder();
		b.records.add(new ClinicalRecord("Condition", "Condition/ca", List.of(new Code(SNOMED, "254837009")),
				SCREENING.minusYears(12), SCREENING.minusYears(10), null, List.of()));
		assertThat(criterion(screen(b.build()), "exc-malignancy").result()).isEqualTo(Result.MET);
	}

	@Test
	void aNotMetInclusionOutweighsUnknowns() {
		Builder b = new Builder().age(SCREENING.minusYears(70));
		b.consents.clear();
		b.measures.clear();
		Screening screening = screen(b.build());
		assertThat(screening.criteria().stream().filter(c -> c.result() == Result.UNKNOWN)).isNotEmpty();
		assertThat(screening.decision()).isEqualTo(Decision.NOT_ELIGIBLE);
	}

	@Test
	void anAttestationDecidesOnlyWhatTheDataCannot() {
		Builder b = new Builder();
		b.measures.set(0, measure("sledai-2k", SCREENING.minusDays(2), "4"));
		b.attestations.add(new Candidate.Attestation(criteria.url(), "inc-sledai", true, SCREENING,
				"Observation/attest"));
		assertThat(criterion(screen(b.build()), "inc-sledai").result()).isEqualTo(Result.NOT_MET);
	}

	@Test
	void brokenCriteriaAreRejectedWithTheirProblemNamed() {
		assertThatThrownBy(() -> EligibilityCriteria.parse("{\"url\": \"u\", \"criteria\": [{\"id\": \"a\", "
				+ "\"kind\": \"inclusion\", \"text\": \"t\", \"rule\": {\"type\": \"measure\", \"measure\": \"x\", "
				+ "\"comparator\": \"=\", \"value\": 1}}]}")).hasMessageContaining("u#a: comparator");
		assertThatThrownBy(() -> EligibilityCriteria.parse("{\"url\": \"u\", \"criteria\": []}"))
				.hasMessageContaining("non-empty");
		assertThatThrownBy(() -> EligibilityCriteria.parse("not json")).hasMessageContaining("not valid JSON");
	}
}
