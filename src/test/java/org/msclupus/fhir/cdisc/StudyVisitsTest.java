package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;

/** VISITNUM, VISIT and EPOCH: inside a window, on its edges, just outside (unscheduled), and between visits. */
class StudyVisitsTest {

	static final LocalDate DAY0 = LocalDate.of(2025, 1, 8);
	static final VisitSchedule SCHEDULE = new VisitSchedule("test", List.of(
			new Visit("screening", -14, 4, 7, "SCREENING", List.of()),
			new Visit("day-0", 0, null, null, "TREATMENT", List.of()),
			new Visit("week-4", 28, null, null, "FOLLOW-UP", List.of()),
			new Visit("week-8", 56, 3, 3, "FOLLOW-UP", List.of())));
	static final StudyVisits VISITS = new StudyVisits(SCHEDULE, 7);

	private static Optional<String> visitOn(int day) {
		return VISITS.at(DAY0, DAY0.plusDays(day)).map(p -> p.visit().label());
	}

	@Test
	void visitsAreNumberedInOrderOfTargetDay() {
		assertThat(VISITS.planned()).extracting(StudyVisits.Planned::number).containsExactly(1, 2, 3, 4);
		assertThat(VISITS.planned()).extracting(p -> p.visit().label())
				.containsExactly("screening", "day-0", "week-4", "week-8");
	}

	@Test
	void aRecordBelongsToTheVisitWhoseWindowHoldsItEdgesIncluded() {
		assertThat(visitOn(21)).hasValue("week-4"); // 28 - 7
		assertThat(visitOn(35)).hasValue("week-4"); // 28 + 7
		assertThat(visitOn(53)).hasValue("week-8"); // its own window: 56 - 3
		assertThat(visitOn(59)).hasValue("week-8");
		assertThat(visitOn(-18)).hasValue("screening"); // -14 - 4
		assertThat(visitOn(-8)).hasValue("screening");
		// -7 closes screening's window and opens day-0's, 7 days from each target: the later visit, as visit
		// compliance decides a tie
		assertThat(visitOn(-7)).hasValue("day-0");
		assertThat(visitOn(-6)).hasValue("day-0");
	}

	@Test
	void aRecordOutsideEveryWindowIsUnscheduledNotTheNearestVisit() {
		assertThat(visitOn(20)).isEmpty();
		assertThat(visitOn(36)).isEmpty();
		assertThat(visitOn(52)).isEmpty();
		assertThat(visitOn(60)).isEmpty();
		assertThat(visitOn(-19)).isEmpty();
	}

	@Test
	void epochComesFromTheVisitElseFromTheLastVisitReached() {
		assertThat(VISITS.epoch(DAY0, DAY0.plusDays(-16))).isEqualTo("SCREENING");
		assertThat(VISITS.epoch(DAY0, DAY0.plusDays(-1))).isEqualTo("TREATMENT"); // day-0's window
		assertThat(VISITS.epoch(DAY0, DAY0.plusDays(-30))).isEqualTo("SCREENING"); // before day 0, no visit
		assertThat(VISITS.epoch(DAY0, DAY0.plusDays(10))).isEqualTo("TREATMENT");
		assertThat(VISITS.epoch(DAY0, DAY0.plusDays(45))).isEqualTo("FOLLOW-UP"); // unscheduled, after week-4
		assertThat(VISITS.epoch(null, DAY0)).isNull();
	}

	@Test
	void withoutDay0NothingIsPlaced() {
		assertThat(VISITS.at(null, DAY0)).isEmpty();
		assertThat(new StudyVisits(null, 7).planned()).isEmpty();
	}
}
