package org.msclupus.fhir.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which visit a day belongs to, at and on both sides of every edge: a window's own and default edges, day 0 (the
 * pre-dose visits hold no day after it, the post-dose visits no day at or before it), overlapping windows (nearer
 * target, a tie to the later visit) and values in no window.
 */
class VisitAttributionTest {

	/** Screening at day -14 (-7/+3), day 0, week 2 (11-17, its own window), week 4 and week 5 (default 14). */
	static final VisitSchedule SCHEDULE = new VisitSchedule("sponsor", List.of(
			new Visit("screening", -14, 7, 3, "SCREENING", List.of()), new Visit("day-0", 0),
			new Visit("week-2", 14, 3, 3, null, List.of()), Visit.week(4), Visit.week(5)));
	static final VisitAttribution ATTRIBUTION = new VisitAttribution(SCHEDULE, 14);

	@ParameterizedTest(name = "day {0} belongs to {1}")
	@CsvSource({"-22, ", "-21, screening", "-11, screening", "-10, day-0", "-7, day-0", "0, day-0", "1, ",
			"10, ", "11, week-2", "17, week-2", "18, week-4", "28, week-4", "31, week-4", "32, week-5", "49, week-5",
			"50, "})
	void eachDayBelongsToAtMostOneVisit(long day, String visit) {
		assertThat(ATTRIBUTION.visitOf(day).map(Visit::label).orElse(null)).isEqualTo(visit);
	}

	@Test
	void theIndexOfADaysVisitIsItsPlaceInTheSchedule() {
		for (long day = -30; day <= 60; day++) {
			int index = ATTRIBUTION.indexOf(day);
			assertThat(index < 0 ? null : SCHEDULE.visits().get(index)).as("day %d", day)
					.isEqualTo(ATTRIBUTION.visitOf(day).orElse(null));
		}
		assertThat(ATTRIBUTION.indexOf(1)).isEqualTo(-1);
		assertThat(ATTRIBUTION.indexOf(11)).isEqualTo(2);
	}

	@ParameterizedTest(name = "week-4 (day 28): day {0} against day {1} -> {2}")
	@CsvSource({"28, 29, -1", "29, 28, 1", "27, 29, 1", "29, 27, -1", "26, 29, 1", "30, 26, -1", "30, 27, 1", "28, 28, 0",
		"14, 42, 1", "42, 14, -1"})
	void aVisitsValueIsTheNearestToItsTargetAndTheLaterWhenAsNear(long day, long other, int expected) {
		assertThat(Integer.signum(VisitAttribution.compareForVisit(Visit.week(4), day, other))).isEqualTo(expected);
	}

	@Test
	void dayZeroReachesBackButNotForward() {
		Visit day0 = SCHEDULE.visit("day-0").orElseThrow();
		assertThat(ATTRIBUTION.opens(day0)).isEqualTo(-14);
		assertThat(ATTRIBUTION.closes(day0)).isZero();
		assertThat(ATTRIBUTION.holds(day0, 1)).isFalse();
	}

	@Test
	void aVisitAfterDayZeroOpensTheDayAfterIt() {
		VisitAttribution wide = new VisitAttribution(new VisitSchedule("w", List.of(Visit.week(1))), 14);
		Visit week1 = Visit.week(1);
		assertThat(wide.opens(week1)).isEqualTo(1);
		assertThat(wide.holds(week1, 0)).isFalse();
		assertThat(wide.holds(week1, 1)).isTrue();
	}

	@Test
	void aTieGoesToTheLaterVisit() {
		VisitAttribution tie = new VisitAttribution(new VisitSchedule("t", List.of(new Visit("a", 10),
				new Visit("b", 20))), 14);
		assertThat(tie.visitOf(15).map(Visit::label)).contains("b");
		assertThat(tie.visitOf(14).map(Visit::label)).contains("a");
	}

	@Test
	void aValueInNoWindowIsMeantForTheNearestVisitOnItsSideOfDayZero() {
		assertThat(ATTRIBUTION.nearestOnSameSide(10).map(Visit::label)).contains("week-2");
		assertThat(ATTRIBUTION.daysOutside(SCHEDULE.visit("week-2").orElseThrow(), 10)).isEqualTo(-1);
		assertThat(ATTRIBUTION.nearestOnSameSide(1).map(Visit::label)).as("never day 0 after day 0").contains("week-2");
		assertThat(ATTRIBUTION.nearestOnSameSide(-30).map(Visit::label)).contains("screening");
		assertThat(ATTRIBUTION.daysOutside(SCHEDULE.visit("week-5").orElseThrow(), 52)).isEqualTo(3);
		VisitAttribution postDoseOnly = new VisitAttribution(VisitSchedule.WEEKS_24, 14);
		assertThat(postDoseOnly.nearestOnSameSide(-3)).as("a pre-dose value with no pre-dose visit").isEmpty();
	}

	@Test
	void theDefaultWindowIsOnePerSchedule() {
		assertThat(ScheduleWindows.DEFAULTS.of(VisitSchedule.WEEKS_24)).isEqualTo(14);
		assertThat(ScheduleWindows.DEFAULTS.of(VisitSchedule.MONTHS_12)).isEqualTo(30);
		assertThat(ScheduleWindows.DEFAULTS.of(SCHEDULE)).as("week-2 etc. on whole weeks").isEqualTo(14);
	}
}
