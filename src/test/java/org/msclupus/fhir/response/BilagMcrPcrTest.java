package org.msclupus.fhir.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.msclupus.fhir.response.Timelines.bilag;
import static org.msclupus.fhir.response.Timelines.day;
import static org.msclupus.fhir.response.Timelines.infused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BilagMcrPcrTest {

	private final BilagMcrPcr rule = new BilagMcrPcr(BilagMcrPcr.Thresholds.DEFAULTS);

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({
		"CCCCCDDEE, MCR", // all C-E
		"BCCCCDDEE, PCR", // one B
		"BBCCCDDEE, NR", // two B
		"ACCCCDDEE, NR"}) // an A
	void gradesAVisit(String grades, Response expected) {
		CriteriaResult result = rule.evaluate(infused().measurement(bilag(30, grades)).build());
		assertThat(result.response()).isEqualTo(expected);
	}

	@Test
	void bestResponseIsMcrOverPcrWithTheFirstDateOfTheBest() {
		CriteriaResult result = rule.evaluate(infused().measurement(bilag(30, "BCCCCDDEE"))
				.measurement(bilag(91, "CCCCCDDEE")).measurement(bilag(183, "CCCCCDDEE")).build());
		assertThat(result.response()).isEqualTo(Response.MCR);
		assertThat(result.responseDate()).isEqualTo(day(91));
		assertThat(result.daysToResponse()).isEqualTo(91);
		assertThat(result.relapse()).isFalse();
	}

	@Test
	void relapseIsTwoNewBAgainstTheFirstResponseVisit() {
		CriteriaResult result = rule.evaluate(infused()
				.measurement(bilag(30, "BCCCCDDEE")) // month 1: PCR (first response)
				.measurement(bilag(91, "CCCCCDDEE")) // month 3: MCR
				.measurement(bilag(183, "BBCCCDDEE")) // month 6: one new B against month 1 (constitutional was B)
				.measurement(bilag(274, "BBBCCDDEE")) // month 9: two new B (mucocutaneous, neuropsychiatric)
				.build());
		assertThat(result.response()).isEqualTo(Response.MCR);
		assertThat(result.relapse()).isTrue();
		assertThat(result.relapseVisit()).isEqualTo("month-9");
		assertThat(result.relapseDate()).isEqualTo(day(274));
		assertThat(result.explanation()).contains("relapse at month-9 against month-1: 0 new A, 2 new B");
	}

	@Test
	void relapseIsOneNewA() {
		CriteriaResult result = rule.evaluate(infused().measurement(bilag(91, "CCCCCDDEE"))
				.measurement(bilag(365, "CCCCCDDAE")).build());
		assertThat(result.relapse()).isTrue();
		assertThat(result.relapseVisit()).isEqualTo("month-12");
	}

	@Test
	void oneNewBIsNoRelapse() {
		CriteriaResult result = rule.evaluate(infused().measurement(bilag(91, "CCCCCDDEE"))
				.measurement(bilag(365, "CCCCCDDBE")).build());
		assertThat(result.relapse()).isFalse();
		assertThat(result.relapseVisit()).isNull();
	}

	@Test
	void visitsUseA30DayWindow() {
		// Month 1 is day 30 and month 3 day 91: day 60 belongs to month 1 only, day 61 to month 3 only.
		CriteriaResult day60 = rule.evaluate(infused().asOf(day(150)).measurement(bilag(60, "CCCCCDDEE")).build());
		assertThat(day60.visits()).extracting(VisitResult::label, VisitResult::response)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("month-1", Response.MCR),
						org.assertj.core.groups.Tuple.tuple("month-3", Response.NE));
		CriteriaResult day61 = rule.evaluate(infused().asOf(day(150)).measurement(bilag(61, "CCCCCDDEE")).build());
		assertThat(day61.visits()).extracting(VisitResult::label, VisitResult::response)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("month-1", Response.NE),
						org.assertj.core.groups.Tuple.tuple("month-3", Response.MCR));
	}

	@Test
	void notEvaluableWithoutAnyAssessment() {
		CriteriaResult result = rule.evaluate(infused().build());
		assertThat(result.response()).isEqualTo(Response.NE);
		assertThat(result.relapse()).isNull();
		assertThat(result.missing()).hasSize(5);
	}

	@Test
	void nonRespondersHaveNoRelapse() {
		CriteriaResult result = rule.evaluate(infused().measurement(bilag(30, "ACCCCDDEE")).build());
		assertThat(result.response()).isEqualTo(Response.NR);
		assertThat(result.relapse()).isFalse();
		assertThat(result.responseDate()).isNull();
	}

	@Test
	void relapseThresholdsAreConfigurable() {
		BilagMcrPcr lenient = new BilagMcrPcr(new BilagMcrPcr.Thresholds(30, 2, 1, 3));
		SubjectTimeline t = infused().measurement(bilag(30, "BBCCCDDEE")).measurement(bilag(91, "BBBBCDDEE")).build();
		assertThat(lenient.evaluate(t).response()).isEqualTo(Response.PCR); // two B allowed
		assertThat(lenient.evaluate(t).relapse()).isFalse(); // two new B, three needed
	}
}
