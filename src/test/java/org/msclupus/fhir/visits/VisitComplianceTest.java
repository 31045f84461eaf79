package org.msclupus.fhir.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.visits.VisitCompliance.Status;
import org.msclupus.fhir.visits.VisitCompliance.SubjectVisit;
import org.msclupus.fhir.visits.VisitCompliance.Value;

class VisitComplianceTest {

	static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);
	static final String UPCR = "urine-protein-creatinine-ratio";
	/** Screening at day -14 (7 before, 4 after), day 0, weeks 2, 6 and 10 with +/- 3 days, UPCR and SLEDAI expected. */
	static final VisitSchedule SCHEDULE = new VisitSchedule("new-trial", List.of(
			new Visit("screening", -14, 7, 4, "SCREENING", List.of(UPCR)),
			new Visit("day-0", 0, null, null, "TREATMENT", List.of()),
			new Visit("week-2", 14, 3, 3, "FOLLOW-UP", List.of(UPCR, "sledai-2k")),
			new Visit("week-6", 42, 3, 3, "FOLLOW-UP", List.of(UPCR)),
			new Visit("week-10", 70, 3, 3, "FOLLOW-UP", List.of(UPCR))));

	static Value upcr(int day) {
		return new Value(UPCR, DAY0.plusDays(day));
	}

	static SubjectVisit visit(List<SubjectVisit> visits, String label) {
		return visits.stream().filter(v -> v.visit().label().equals(label)).findFirst().orElseThrow();
	}

	static List<SubjectVisit> evaluate(int asOfDay, Value... values) {
		return VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(asOfDay), null, List.of(values));
	}

	@Test
	void aValueAtEitherEdgeOfTheWindowIsDone() {
		assertThat(visit(evaluate(100, upcr(11)), "week-2").status()).isEqualTo(Status.DONE);
		assertThat(visit(evaluate(100, upcr(17)), "week-2").status()).isEqualTo(Status.DONE);
		assertThat(visit(evaluate(100, upcr(17)), "week-2").date()).isEqualTo(DAY0.plusDays(17));
	}

	@Test
	void oneDayOutsideIsOutOfWindowBySignedDays() {
		SubjectVisit late = visit(evaluate(100, upcr(18)), "week-2");
		assertThat(late.status()).isEqualTo(Status.OUT_OF_WINDOW);
		assertThat(late.daysOff()).isEqualTo(1);
		SubjectVisit early = visit(evaluate(100, upcr(10)), "week-2");
		assertThat(early.status()).isEqualTo(Status.OUT_OF_WINDOW);
		assertThat(early.daysOff()).isEqualTo(-1);
	}

	@Test
	void theInWindowValueNearestTheTargetIsTheDateAndTheVisitIsDoneEvenWithAnOutlier() {
		SubjectVisit v = visit(evaluate(100, upcr(18), upcr(12), upcr(15)), "week-2");
		assertThat(v.status()).isEqualTo(Status.DONE);
		assertThat(v.date()).isEqualTo(DAY0.plusDays(15));
	}

	@Test
	void overlappingWindowsGiveTheValueToTheNearerTargetAndTiesToTheLaterVisit() {
		VisitSchedule overlapping = new VisitSchedule("overlap", List.of(new Visit("a", 10, 5, 5, null, List.of()),
				new Visit("b", 16, 5, 5, null, List.of())));
		List<SubjectVisit> nearerA = VisitCompliance.evaluate(overlapping, 0, DAY0, DAY0.plusDays(40),
				null, List.of(upcr(12)));
		assertThat(visit(nearerA, "a").status()).isEqualTo(Status.DONE);
		assertThat(visit(nearerA, "b").status()).isEqualTo(Status.MISSED);
		List<SubjectVisit> tie = VisitCompliance.evaluate(overlapping, 0, DAY0, DAY0.plusDays(40), null, List.of(upcr(13)));
		assertThat(visit(tie, "a").status()).isEqualTo(Status.MISSED);
		assertThat(visit(tie, "b").status()).isEqualTo(Status.DONE);
	}

	@Test
	void aClosedWindowWithNothingIsMissedAndAnOpenOneNotYetDue() {
		List<SubjectVisit> visits = evaluate(44, upcr(14));
		assertThat(visit(visits, "week-2").status()).isEqualTo(Status.DONE);
		// week-6 closes on day 45: on day 44 it is still open
		assertThat(visit(visits, "week-6").status()).isEqualTo(Status.NOT_YET_DUE);
		assertThat(visit(visits, "week-6").missingMeasures()).isEmpty();
		assertThat(visit(visits, "week-10").status()).isEqualTo(Status.NOT_YET_DUE);
		assertThat(visit(evaluate(46, upcr(14)), "week-6").status()).isEqualTo(Status.MISSED);
		assertThat(visit(evaluate(46, upcr(14)), "week-6").missingMeasures()).containsExactly(UPCR);
		assertThat(visit(evaluate(45, upcr(14)), "week-6").status()).as("closes on the cut-off day itself")
				.isEqualTo(Status.NOT_YET_DUE);
	}

	@Test
	void aValueAfterTheCutOffDoesNotCount() {
		assertThat(visit(evaluate(20, upcr(21)), "week-2").status()).isEqualTo(Status.MISSED);
	}

	@Test
	void aVisitLacksTheMeasuresWithNoValue() {
		SubjectVisit v = visit(evaluate(100, upcr(14)), "week-2");
		assertThat(v.missingMeasures()).containsExactly("sledai-2k");
	}

	@Test
	void aScreeningValueBeforeDay0CountsForScreening() {
		List<SubjectVisit> visits = evaluate(100, upcr(-20), upcr(-1));
		assertThat(visit(visits, "screening").status()).isEqualTo(Status.DONE);
		assertThat(visit(visits, "screening").date()).isEqualTo(DAY0.minusDays(20));
		assertThat(visit(visits, "day-0").status()).isEqualTo(Status.DONE);
	}

	/**
	 * Day 0 takes the default window (here 14 days) before it but none after: a value one day before week 2's window
	 * opens is week 2 out of window by -1 day, not the day-0 assessment. Before, day 0 was "done" and week 2 "missed".
	 */
	@Test
	void aValueAfterDay0IsNeverTheDay0Assessment() {
		List<SubjectVisit> visits = VisitCompliance.evaluate(SCHEDULE, 14, DAY0, DAY0.plusDays(100), null, List.of(upcr(10)));
		assertThat(visit(visits, "week-2").status()).isEqualTo(Status.OUT_OF_WINDOW);
		assertThat(visit(visits, "week-2").daysOff()).isEqualTo(-1);
		assertThat(visit(visits, "day-0").status()).isEqualTo(Status.MISSED);
		List<SubjectVisit> predose = VisitCompliance.evaluate(SCHEDULE, 14, DAY0, DAY0.plusDays(100),
				null, List.of(upcr(-5), upcr(0)));
		assertThat(visit(predose, "day-0").status()).as("a pre-dose sample still counts for day 0")
				.isEqualTo(Status.DONE);
		assertThat(visit(predose, "day-0").date()).isEqualTo(DAY0);
		List<SubjectVisit> dayOne = VisitCompliance.evaluate(SCHEDULE, 14, DAY0, DAY0.plusDays(100), null, List.of(upcr(1)));
		assertThat(visit(dayOne, "day-0").status()).isEqualTo(Status.MISSED);
		assertThat(visit(dayOne, "week-2").daysOff()).isEqualTo(-10);
	}

	@Test
	void summariesCountStatusesPerVisitAndArmAndSitesShareDoneInWindow() {
		List<VisitCompliance.Attributed> subjects = List.of(
				new VisitCompliance.Attributed("s1", "uc-msc", "Organization/a", evaluate(100, upcr(-14), upcr(0),
						upcr(14), upcr(42), upcr(70))),
				new VisitCompliance.Attributed("s2", "uc-msc", "Organization/b", evaluate(100, upcr(14), upcr(50))));
		VisitCompliance.VisitSummary week6 = VisitCompliance.byVisitAndArm(SCHEDULE, subjects).stream()
				.filter(s -> s.visit().equals("week-6")).findFirst().orElseThrow();
		assertThat(week6.counts()).containsEntry(Status.DONE, 1).containsEntry(Status.OUT_OF_WINDOW, 1);
		List<VisitCompliance.SiteSummary> sites = VisitCompliance.bySite(subjects);
		assertThat(sites.get(0).share()).isEqualTo(1.0);
		assertThat(sites.get(1).due()).isEqualTo(5);
		assertThat(sites.get(1).doneInWindow()).isEqualTo(1);
	}

	/**
	 * A subject whose participation ended (withdrawn on day 45, the last day of week 6's window) is not expected at
	 * the visits whose windows had not closed by then; a visit whose window closed the day before is missed; values
	 * sent anyway still count.
	 */
	@Test
	void visitsAfterTheParticipationEndedAreNotExpectedNotMissed() {
		List<SubjectVisit> withdrawnOn45 = VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(100),
				DAY0.plusDays(45), List.of(upcr(14)));
		assertThat(visit(withdrawnOn45, "week-2").status()).isEqualTo(Status.DONE);
		assertThat(visit(withdrawnOn45, "week-6").status()).isEqualTo(Status.NOT_EXPECTED);
		assertThat(visit(withdrawnOn45, "week-6").missingMeasures()).isEmpty();
		assertThat(visit(withdrawnOn45, "week-10").status()).isEqualTo(Status.NOT_EXPECTED);
		assertThat(visit(VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(100), DAY0.plusDays(44),
				List.of()), "week-6").status()).isEqualTo(Status.NOT_EXPECTED);
		assertThat(visit(VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(100), DAY0.plusDays(46),
				List.of()), "week-6").status()).as("the window closed the day before").isEqualTo(Status.MISSED);
		assertThat(visit(VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(100), DAY0.plusDays(45),
				List.of(upcr(70))), "week-10").status()).as("a value sent anyway").isEqualTo(Status.DONE);
		assertThat(visit(VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(30), DAY0.plusDays(20),
				List.of()), "week-6").status()).as("ended before asOf, window still open").isEqualTo(Status.NOT_EXPECTED);
	}

	@Test
	void visitsNotExpectedAreNotDueAtTheSite() {
		List<SubjectVisit> withdrawn = VisitCompliance.evaluate(SCHEDULE, 1, DAY0, DAY0.plusDays(100),
				DAY0.plusDays(20), List.of(upcr(-14), upcr(14)));
		VisitCompliance.SiteSummary site = VisitCompliance.bySite(List.of(
				new VisitCompliance.Attributed("ResearchSubject/w", "uc-msc", "Organization/s", withdrawn))).get(0);
		// screening, day 0 (nothing expected: done or missed by its own rule) and week 2 are due; weeks 6 and 10 not
		assertThat(site.due()).isEqualTo(3);
	}
}
