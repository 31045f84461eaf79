package org.msclupus.fhir.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.msclupus.fhir.response.Timelines.DAY0;
import static org.msclupus.fhir.response.Timelines.day;
import static org.msclupus.fhir.response.Timelines.infused;
import static org.msclupus.fhir.response.Timelines.m;
import static org.msclupus.fhir.response.Timelines.prednisone;

import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectTimelineTest {

	private static final Measure CR = Measure.SERUM_CREATININE;

	@Nested
	class Day0 {
		@Test
		void isTheFirstCompletedInfusionEvenWhenListedLater() {
			SubjectTimeline t = SubjectTimeline.builder("s").asOf(day(100)).enrolled(day(-20))
					.infusion(new Infusion(day(7), "completed", "MedicationAdministration/2"))
					.infusion(new Infusion(day(0), "completed", "MedicationAdministration/1")).build();
			assertThat(t.day0()).contains(DAY0);
			assertThat(t.day0Evidence()).contains("MedicationAdministration/1");
		}

		@Test
		void skipsInfusionsThatWereNotCompleted() {
			SubjectTimeline t = SubjectTimeline.builder("s").asOf(day(100)).enrolled(day(-20))
					.infusion(new Infusion(day(0), "not-done", "MedicationAdministration/1"))
					.infusion(new Infusion(day(7), "completed", "MedicationAdministration/2")).build();
			assertThat(t.day0()).contains(day(7));
		}

		@Test
		void isTheEnrolmentDateWithoutAnyInfusion() {
			SubjectTimeline t = SubjectTimeline.builder("s").asOf(day(100)).enrolled(day(-20)).build();
			assertThat(t.day0()).contains(day(-20));
			assertThat(t.day0Evidence()).isEmpty();
		}

		@Test
		void ignoresInfusionsEnteredInError() {
			SubjectTimeline t = SubjectTimeline.builder("s").asOf(day(100)).enrolled(day(-20))
					.infusion(new Infusion(day(0), "entered-in-error", "MedicationAdministration/1")).build();
			assertThat(t.day0()).contains(day(-20));
		}

		@Test
		void isUnknownWhenNoInfusionCompletedOrNothingIsKnown() {
			assertThat(SubjectTimeline.builder("s").asOf(day(100)).enrolled(day(-20))
					.infusion(new Infusion(day(0), "in-progress", "MedicationAdministration/1")).build().day0())
					.isEmpty();
			assertThat(SubjectTimeline.builder("s").asOf(day(100)).build().day0()).isEmpty();
		}

		@Test
		void anInfusionAfterAsOfHasNotHappenedYet() {
			SubjectTimeline t = infused().asOf(day(-1)).build();
			assertThat(t.day0()).contains(day(-5)); // the enrolment date
			assertThat(SubjectTimeline.builder("s").asOf(day(-1)).enrolled(day(0)).build().day0()).isEmpty();
		}
	}

	@Nested
	class Baseline {
		@ParameterizedTest(name = "value on day {0}: baseline {1}")
		@CsvSource({"0, true", "-30, true", "-31, false", "1, false"})
		void windowIsDayMinus30ToDay0Inclusive(int day, boolean counts) {
			SubjectTimeline t = infused().measurement(m(CR, day, "1.0")).build();
			assertThat(t.baseline(CR, 30).isPresent()).isEqualTo(counts);
		}

		@Test
		void theLatestValueInTheWindowWins() {
			Measurement later = m(CR, -2, "1.4");
			SubjectTimeline t = infused().measurement(later).measurement(m(CR, -20, "1.1")).build();
			assertThat(t.baseline(CR, 30)).contains(later);
		}

		@Test
		void onTheSameDayTheLaterTimeWins() {
			Measurement morning = new Measurement(CR, day(-1).atTime(8, 0), BigDecimal.ONE, "final", "Observation/a",
					null, null);
			Measurement evening = new Measurement(CR, day(-1).atTime(18, 0), BigDecimal.TEN, "final", "Observation/b",
					null, null);
			assertThat(infused().measurement(evening).measurement(morning).build().baseline(CR, 30)).contains(evening);
		}
	}

	@Nested
	class VisitValue {
		private final Visit week24 = Visit.week(24);

		@ParameterizedTest(name = "value on day {0}: at week-24 {1}")
		@CsvSource({"168, true", "154, true", "182, true", "153, false", "183, false"})
		void windowIsPlusMinus14DaysAroundTheTarget(int day, boolean counts) {
			SubjectTimeline t = infused().measurement(m(CR, day, "1.0")).build();
			assertThat(t.atVisit(CR, week24, 14).isPresent()).isEqualTo(counts);
		}

		@Test
		void theClosestValueWins() {
			Measurement close = m(CR, 170, "0.9");
			SubjectTimeline t = infused().measurement(m(CR, 160, "1.0")).measurement(close).build();
			assertThat(t.atVisit(CR, week24, 14)).contains(close);
		}

		@Test
		void onATieTheLaterValueWins() {
			Measurement after = m(CR, 171, "0.9");
			SubjectTimeline t = infused().measurement(after).measurement(m(CR, 165, "1.0")).build();
			assertThat(t.atVisit(CR, week24, 14)).contains(after);
		}

		@Test
		void onlyValuesAfterDay0Count() {
			SubjectTimeline t = infused().measurement(m(CR, 0, "1.0")).build();
			assertThat(t.atVisit(CR, Visit.week(1), 14)).isEmpty();
			assertThat(infused().measurement(m(CR, 1, "1.0")).build().atVisit(CR, Visit.week(1), 14)).isPresent();
		}

		/**
		 * The shipped months-12 schedule has a day-0 visit: a value on day 10 lies in its window (30 days) and in
		 * month 1's, nearer day 0. It is never the day-0 assessment (the infusion happened), so it is month 1's value;
		 * before, month 1 had no value.
		 */
		@Test
		void aValueSoonAfterDay0CountsForTheFirstVisitNotForDay0() {
			VisitSchedule withDay0 = new VisitSchedule("months-12", java.util.stream.Stream.concat(
					java.util.stream.Stream.of(new Visit("day-0", 0)), VisitSchedule.MONTHS_12.visits().stream())
					.toList());
			Visit month1 = Visit.month(1);
			SubjectTimeline t = infused().studySchedule(withDay0).measurement(m(CR, 10, "1.0")).build();
			assertThat(t.atVisit(CR, month1, 30)).isPresent();
			assertThat(infused().studySchedule(withDay0).measurement(m(CR, 0, "1.0")).build().atVisit(CR, month1, 30))
					.as("a value on day 0 is the day-0 visit's").isEmpty();
		}

		@Test
		void monthsAreRoundedMultiplesOf30Point44Days() {
			assertThat(VisitSchedule.MONTHS_12.visits()).extracting(Visit::targetDay)
					.containsExactly(30, 91, 183, 274, 365);
			assertThat(VisitSchedule.WEEKS_24.visits()).extracting(Visit::targetDay)
					.containsExactly(28, 56, 112, 140, 168);
			assertThat(VisitSchedule.MONTHS_12.visits()).extracting(Visit::label)
					.containsExactly("month-1", "month-3", "month-6", "month-9", "month-12");
		}
	}

	@Nested
	class WhatCounts {
		@ParameterizedTest(name = "status {0} counts: {1}")
		@CsvSource({"final, true", "amended, true", "corrected, true", "preliminary, false", "registered, false",
				"entered-in-error, false", "cancelled, false", "unknown, false"})
		void onlyFinalAmendedAndCorrectedResultsCount(String status, boolean counts) {
			SubjectTimeline t = infused().measurement(m(CR, -1, "1.0").withStatus(status)).build();
			assertThat(t.values(CR).isEmpty()).isEqualTo(!counts);
		}

		@Test
		void valuesAfterAsOfAreLeftOut() {
			SubjectTimeline t = infused().asOf(day(167)).measurement(m(CR, 168, "1.0")).measurement(m(CR, 167, "1.1"))
					.build();
			assertThat(t.values(CR)).extracting(Measurement::date).containsExactly(day(167));
		}
	}

	@Nested
	class GlucocorticoidDose {
		@Test
		void isTheSumOfTheCoursesInEffectWithBothEndsInclusive() {
			SubjectTimeline t = infused().course(prednisone("7.5", 0, 100)).course(prednisone("5", 100, null)).build();
			assertThat(t.doseOn(day(-1)).prednisoneMgPerDay()).isEqualByComparingTo("0");
			assertThat(t.doseOn(day(0)).prednisoneMgPerDay()).isEqualByComparingTo("7.5");
			assertThat(t.doseOn(day(100)).prednisoneMgPerDay()).isEqualByComparingTo("12.5");
			assertThat(t.doseOn(day(100)).evidence()).hasSize(2);
			assertThat(t.doseOn(day(101)).prednisoneMgPerDay()).isEqualByComparingTo("5");
			assertThat(t.doseOn(day(5000)).prednisoneMgPerDay()).isEqualByComparingTo("5"); // open end: ongoing
		}

		@Test
		void ignoresStatementsThatAreNotActiveOrCompleted() {
			GlucocorticoidCourse wrong = new GlucocorticoidCourse(day(0), null, BigDecimal.TEN, "entered-in-error",
					"MedicationStatement/x");
			assertThat(infused().course(wrong).build().doseOn(day(1)).prednisoneMgPerDay()).isEqualByComparingTo("0");
		}
	}
}
