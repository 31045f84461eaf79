package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.Day0;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitAttribution;
import org.msclupus.fhir.design.VisitSchedule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the response criteria know about one subject: enrolment, MSC infusions, measurements in canonical
 * units and glucocorticoid courses, cut at {@code asOf}. It answers the time line questions of the trial
 * specification (day 0, baseline, value at a visit, dose on a day); the criteria sets decide the rest.
 */
public final class SubjectTimeline {

	private final String subject;
	private final LocalDate enrollmentDate;
	private final LocalDate asOf;
	private final VisitSchedule studySchedule;
	private final List<Infusion> infusions;
	private final List<Measurement> measurements;
	private final List<GlucocorticoidCourse> courses;
	private final List<String> ignored;

	private SubjectTimeline(Builder builder) {
		this.subject = Objects.requireNonNull(builder.subject, "subject");
		this.asOf = Objects.requireNonNull(builder.asOf, "asOf");
		this.enrollmentDate = builder.enrollmentDate;
		this.studySchedule = builder.studySchedule;
		this.infusions = Day0.happened(builder.infusions, asOf);
		this.measurements = builder.measurements.stream()
				.filter(m -> m.counts() && !m.date().isAfter(asOf))
				.sorted(Comparator.comparing(Measurement::time).thenComparing(Measurement::evidence))
				.toList();
		this.courses = builder.courses.stream()
				.filter(c -> c.counts() && !c.start().isAfter(asOf))
				.toList();
		this.ignored = List.copyOf(builder.ignored);
	}

	public static Builder builder(String subject) {
		return new Builder(subject);
	}

	public String subject() {
		return subject;
	}

	public LocalDate asOf() {
		return asOf;
	}

	/** The study's visit schedule (for change from baseline); months-12 when the study names none. */
	public VisitSchedule studySchedule() {
		return studySchedule;
	}

	/** Values that were left out because their unit could not be converted, as readable notes. */
	public List<String> ignored() {
		return ignored;
	}

	/** Day 0 ({@link Day0}): the first completed MSC infusion, else the enrolment date of a subject never infused. */
	public Optional<LocalDate> day0() {
		return Day0.of(infusions, enrollmentDate, asOf);
	}

	/** The record day 0 came from, when it is an infusion. */
	public Optional<String> day0Evidence() {
		return Day0.infusion(infusions, asOf).map(Infusion::evidence);
	}

	/** Why there is no day 0, as a "missing" note. */
	public String day0MissingNote() {
		return infusions.isEmpty()
				? "day 0: no completed MSC infusion and no enrolment date (ResearchSubject.period.start)"
				: "day 0: no completed MSC infusion on or before " + asOf;
	}

	public long daysFromDay0(LocalDate date) {
		return ChronoUnit.DAYS.between(day0().orElseThrow(), date);
	}

	public LocalDate targetDate(Visit visit) {
		return day0().orElseThrow().plusDays(visit.targetDay());
	}

	/** Whether the visit's target day has come by {@code asOf}. */
	public boolean isDue(Visit visit) {
		return day0().isPresent() && !targetDate(visit).isAfter(asOf);
	}

	/** Countable values of a measure dated on or before asOf, oldest first. */
	public List<Measurement> values(Measure measure) {
		return measurements.stream().filter(m -> m.measure() == measure).toList();
	}

	/** The latest value dated in [day 0 - windowDays, day 0]. */
	public Optional<Measurement> baseline(Measure measure, int windowDays) {
		Optional<LocalDate> day0 = day0();
		if (day0.isEmpty()) {
			return Optional.empty();
		}
		LocalDate from = day0.get().minusDays(windowDays);
		Measurement latest = null;
		for (Measurement m : values(measure)) {
			if (!m.date().isBefore(from) && !m.date().isAfter(day0.get())) {
				latest = m; // values() is ordered by time, so the last one wins
			}
		}
		return Optional.ofNullable(latest);
	}

	/**
	 * The value for a visit: among the values that belong to it ({@link VisitAttribution}: in its window, on its side
	 * of day 0 and, for a visit of the study's schedule, nearer to it than to any other of the schedule's visits), the
	 * closest to the target; on a tie the later one. A fixed assessment visit of a criteria set stands alone.
	 */
	public Optional<Measurement> atVisit(Measure measure, Visit visit, int windowDays) {
		Optional<LocalDate> day0 = day0();
		if (day0.isEmpty()) {
			return Optional.empty();
		}
		VisitAttribution attribution = new VisitAttribution(studySchedule.visits().contains(visit) ? studySchedule
				: new VisitSchedule(visit.label(), List.of(visit)), windowDays);
		Measurement best = null;
		long bestDay = 0;
		for (Measurement m : values(measure)) {
			long day = ChronoUnit.DAYS.between(day0.get(), m.date());
			if (!attribution.belongsTo(visit, day)) {
				continue;
			}
			// On the same day the later value wins, values() being ordered by time.
			if (best == null || VisitAttribution.compareForVisit(visit, day, bestDay) <= 0) {
				best = m;
				bestDay = day;
			}
		}
		return Optional.ofNullable(best);
	}

	public boolean hasGlucocorticoidCourses() {
		return !courses.isEmpty();
	}

	/** The prednisone-equivalent dose on a day: the sum of the courses in effect; 0 when none is. */
	public DoseOnDay doseOn(LocalDate day) {
		BigDecimal total = BigDecimal.ZERO;
		List<String> evidence = new ArrayList<>();
		for (GlucocorticoidCourse course : courses) {
			if (course.inEffectOn(day)) {
				total = total.add(course.prednisoneMgPerDay());
				evidence.add(course.evidence());
			}
		}
		return new DoseOnDay(day, total, evidence);
	}

	/** The glucocorticoid dose on one day and the statements it came from. */
	public record DoseOnDay(LocalDate day, BigDecimal prednisoneMgPerDay, List<String> evidence) {
	}

	public static final class Builder implements TimelineSink {
		private final String subject;
		private LocalDate enrollmentDate;
		private LocalDate asOf;
		private VisitSchedule studySchedule = VisitSchedule.MONTHS_12;
		private final List<Infusion> infusions = new ArrayList<>();
		private final List<Measurement> measurements = new ArrayList<>();
		private final List<GlucocorticoidCourse> courses = new ArrayList<>();
		private final List<String> ignored = new ArrayList<>();

		private Builder(String subject) {
			this.subject = subject;
		}

		public Builder enrolled(LocalDate date) {
			this.enrollmentDate = date;
			return this;
		}

		public Builder asOf(LocalDate date) {
			this.asOf = date;
			return this;
		}

		public Builder studySchedule(VisitSchedule schedule) {
			this.studySchedule = schedule == null ? VisitSchedule.MONTHS_12 : schedule;
			return this;
		}

		@Override
		public Builder infusion(Infusion infusion) {
			infusions.add(infusion);
			return this;
		}

		@Override
		public Builder measurement(Measurement measurement) {
			measurements.add(measurement);
			return this;
		}

		public Builder measurements(List<Measurement> all) {
			measurements.addAll(all);
			return this;
		}

		@Override
		public Builder course(GlucocorticoidCourse course) {
			courses.add(course);
			return this;
		}

		@Override
		public Builder ignored(String note) {
			ignored.add(note);
			return this;
		}

		public SubjectTimeline build() {
			return new SubjectTimeline(this);
		}
	}
}
