package org.msclupus.fhir.safety;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Graded laboratory toxicity of one arm, as safety tables report it (issue 28): for each CTCAE v5.0 term, how many
 * subjects had each worst grade after day 0, and the shift from their baseline grade to that worst grade. The baseline
 * is the subject's last value of the term on or before day 0 within the baseline window; the worst grade is over the
 * values after day 0 up to the cut-off, each graded against the baseline where CTCAE says so.
 */
public final class LabToxicitySummary {

	/** Subjects of an arm whose worst grade of a term after day 0 is {@code grade}, with their worst values. */
	public record ToxicityCount(String arm, LabToxicity term, int grade, int subjects, List<String> evidence) {
	}

	/** Subjects of an arm with a baseline grade and a worst grade after day 0 of a term. */
	public record ShiftCount(String arm, LabToxicity term, int baselineGrade, int worstGrade, int subjects) {
	}

	/** One subject's baseline and worst grade of a term; {@code baselineGrade} null without a baseline value. */
	record Graded(Integer baselineGrade, int worstGrade, String worstEvidence) {
	}

	private LabToxicitySummary() {
	}

	/** Every term with at least one subject graded after day 0: one count per grade 0-4 (zeros included). */
	public static List<ToxicityCount> toxicity(String arm, List<SafetyData.Subject> subjects, int baselineWindowDays,
			LocalDate asOf) {
		return toxicity(arm, subjects, gradesOf(subjects, baselineWindowDays, asOf)::get);
	}

	/** The shift table of each term: subjects by baseline grade and worst grade, the cells with any subject. */
	public static List<ShiftCount> shifts(String arm, List<SafetyData.Subject> subjects, int baselineWindowDays,
			LocalDate asOf) {
		return shifts(arm, subjects, gradesOf(subjects, baselineWindowDays, asOf)::get);
	}

	/**
	 * Each subject's grades of every term it has values of ({@link #grades}), worked out once for all the tables of
	 * one summary: the whole study's and each arm's read the same subjects.
	 */
	public static Map<SafetyData.Subject, Map<LabToxicity, SubjectGrades>> gradesOf(List<SafetyData.Subject> subjects,
			int baselineWindowDays, LocalDate asOf) {
		Map<SafetyData.Subject, Map<LabToxicity, SubjectGrades>> all = new java.util.HashMap<>();
		for (SafetyData.Subject subject : subjects) {
			Map<LabToxicity, SubjectGrades> byTerm = new java.util.EnumMap<>(LabToxicity.class);
			for (LabToxicity term : subject.graded().stream().map(SafetyData.GradedLab::term).distinct().toList()) {
				SubjectGrades grades = grades(subject, term, baselineWindowDays, asOf);
				if (grades != null) {
					byTerm.put(term, grades);
				}
			}
			all.put(subject, byTerm);
		}
		return all;
	}

	static List<ToxicityCount> toxicity(String arm, List<SafetyData.Subject> subjects,
			java.util.function.Function<SafetyData.Subject, Map<LabToxicity, SubjectGrades>> gradesOf) {
		List<ToxicityCount> counts = new ArrayList<>();
		for (LabToxicity term : LabToxicity.values()) {
			List<Graded> graded = graded(subjects, term, gradesOf);
			if (graded.isEmpty()) {
				continue;
			}
			for (int grade = 0; grade <= 4; grade++) {
				int g = grade;
				List<Graded> with = graded.stream().filter(x -> x.worstGrade() == g).toList();
				counts.add(new ToxicityCount(arm, term, grade, with.size(),
						with.stream().map(Graded::worstEvidence).sorted().toList()));
			}
		}
		return counts;
	}

	static List<ShiftCount> shifts(String arm, List<SafetyData.Subject> subjects,
			java.util.function.Function<SafetyData.Subject, Map<LabToxicity, SubjectGrades>> gradesOf) {
		List<ShiftCount> counts = new ArrayList<>();
		for (LabToxicity term : LabToxicity.values()) {
			Map<List<Integer>, Integer> cells = new TreeMap<>(Comparator.<List<Integer>>comparingInt(c -> c.get(0))
					.thenComparingInt(c -> c.get(1)));
			for (Graded graded : graded(subjects, term, gradesOf)) {
				if (graded.baselineGrade() != null) {
					cells.merge(List.of(graded.baselineGrade(), graded.worstGrade()), 1, Integer::sum);
				}
			}
			cells.forEach((cell, n) -> counts.add(new ShiftCount(arm, term, cell.get(0), cell.get(1), n)));
		}
		return counts;
	}

	/** The subjects with a value of the term after day 0, graded. */
	static List<Graded> graded(List<SafetyData.Subject> subjects, LabToxicity term,
			java.util.function.Function<SafetyData.Subject, Map<LabToxicity, SubjectGrades>> gradesOf) {
		List<Graded> graded = new ArrayList<>();
		for (SafetyData.Subject subject : subjects) {
			SubjectGrades grades = gradesOf.apply(subject).get(term);
			if (grades != null && grades.worst() != null) {
				graded.add(new Graded(grades.baselineGrade(), grades.worst().grade(), grades.worst().lab().reference()));
			}
		}
		return graded;
	}

	/** A value with its grade. */
	public record GradedValue(SafetyData.GradedLab lab, int grade) {
	}

	/**
	 * One subject's values of a term as the tables count them: the baseline with its grade (null when none), the
	 * values after day 0 up to the cut-off with theirs, and the worst of them (the first, when several share the
	 * worst grade; null when there is none).
	 */
	public record SubjectGrades(GradedValue baseline, List<GradedValue> after, GradedValue worst) {

		public Integer baselineGrade() {
			return baseline == null ? null : baseline.grade();
		}
	}

	/** The one place a subject's values of a term are graded: the tables above and the ADLB dataset use it. */
	public static SubjectGrades grades(SafetyData.Subject subject, LabToxicity term, int baselineWindowDays,
			LocalDate asOf) {
		if (subject.day0() == null) {
			return null;
		}
		List<SafetyData.GradedLab> values = subject.graded().stream().filter(v -> v.term() == term)
				.sorted(Comparator.comparing(SafetyData.GradedLab::date)).toList();
		SafetyData.GradedLab baseline = null;
		for (SafetyData.GradedLab value : values) {
			if (!value.date().isAfter(subject.day0())
					&& !value.date().isBefore(subject.day0().minusDays(baselineWindowDays))) {
				baseline = value; // the last on or before day 0
			}
		}
		List<GradedValue> after = new ArrayList<>();
		GradedValue worst = null;
		for (SafetyData.GradedLab value : values) {
			if (value.date().isAfter(subject.day0()) && !value.date().isAfter(asOf)) {
				GradedValue graded = new GradedValue(value, term.grade(value.value(), value.limit(),
						baseline == null ? null : baseline.value()));
				after.add(graded);
				if (worst == null || graded.grade() > worst.grade()) {
					worst = graded;
				}
			}
		}
		return new SubjectGrades(baseline == null ? null
				: new GradedValue(baseline, term.grade(baseline.value(), baseline.limit(), null)), after, worst);
	}
}
