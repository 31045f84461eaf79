package org.msclupus.fhir.cdisc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.msclupus.fhir.design.VisitSchedule;

/**
 * What the export reads of a study, already taken out of FHIR: plain values, dates as the ISO 8601 text the source
 * sent (to the precision it had), codes as sent. The FHIR adapter fills these; the dataset builders only read them.
 */
public final class TrialData {

	private TrialData() {
	}

	/**
	 * The study: {@code schedule} and {@code defaultWindow} (days either side of a visit without its own window) place
	 * records at visits; {@code phase} is the FHIR research-study-phase code.
	 */
	public record Study(String studyId, String title, String registryId, String phase, String condition,
			String startDate, String endDate, List<Arm> arms, VisitSchedule schedule, int defaultWindow,
			List<String> criteria) {

		public Study {
			arms = List.copyOf(arms);
			criteria = List.copyOf(criteria);
		}
	}

	/** An arm of the study, by its ResearchStudy.arm name. */
	public record Arm(String name, String description) {
	}

	/**
	 * One subject. {@code day0} is the day the response rules count from (the first completed MSC infusion, or
	 * enrolment in a control arm): SDTM's RFSTDTC. {@code sex} is the FHIR administrative gender.
	 */
	public record Subject(String subjectId, String siteId, String arm, String actualArm, LocalDate day0,
			String enrolled, String ended, String birthDate, String sex, boolean died, String deathDate,
			List<Exposure> infusions, List<Medication> medications, List<Finding> labs, List<Finding> vitals,
			List<Event> adverseEvents, List<Rating> ratings, List<org.msclupus.fhir.safety.SafetyData.GradedLab> gradedLabs) {

		/** A subject without laboratory values CTCAE grades. */
		public Subject(String subjectId, String siteId, String arm, String actualArm, LocalDate day0, String enrolled,
				String ended, String birthDate, String sex, boolean died, String deathDate, List<Exposure> infusions,
				List<Medication> medications, List<Finding> labs, List<Finding> vitals, List<Event> adverseEvents,
				List<Rating> ratings) {
			this(subjectId, siteId, arm, actualArm, day0, enrolled, ended, birthDate, sex, died, deathDate, infusions,
					medications, labs, vitals, adverseEvents, ratings, List.of());
		}

		public Subject {
			infusions = List.copyOf(infusions);
			medications = List.copyOf(medications);
			labs = List.copyOf(labs);
			vitals = List.copyOf(vitals);
			adverseEvents = List.copyOf(adverseEvents);
			ratings = List.copyOf(ratings);
		}
	}

	/** A completed MSC infusion; {@code number} from the infusion-number extension or its order. */
	public record Exposure(String reference, int number, String start, String end, BigDecimal dose, String doseUnit,
			String route, String lot) {
	}

	/**
	 * A medication statement: {@code prednisoneEquivalent} (mg/day) for a glucocorticoid the rules know, else null;
	 * {@code frequency} as doses per day when the timing says so.
	 */
	public record Medication(String reference, String name, String rxNorm, BigDecimal dose, String doseUnit,
			BigDecimal dosesPerDay, String route, String start, String end, BigDecimal prednisoneEquivalent) {
	}

	/**
	 * A laboratory test or vital sign as sent ({@code result} text, {@code value} and {@code unit}), with the
	 * standard value and unit (the canonical unit the response rules use for their measures, else as sent), the
	 * reference range in the sent unit, the LOINC code and the CDISC test when the codelist mapping knows it.
	 * {@code date} is when the collection began, {@code end} when a timed collection ended (else null).
	 */
	public record Finding(String reference, Terminology.Test test, String loinc, String name, String result, BigDecimal value, String unit,
			BigDecimal standardValue, String standardUnit, BigDecimal low, BigDecimal high, String date, String end,
			String specimen) {

		/** The day the value counts on, as the response rules count it: a timed collection's last day. */
		public Optional<LocalDate> day() {
			return IsoDates.day(end != null ? end : date);
		}

		/** The day the collection began (--DTC's day, from which --DY is counted). */
		public Optional<LocalDate> collectionDay() {
			return IsoDates.day(date);
		}

		/**
		 * The comparator a numeric result was reported with ({@code <}, {@code <=}, {@code >=}, {@code >}: below or
		 * above a limit of quantitation, FHIR's Quantity.comparator), or "" for an exact value.
		 */
		public String comparator() {
			if (value == null || result == null) {
				return "";
			}
			for (String comparator : COMPARATORS) {
				if (result.startsWith(comparator)) {
					return comparator;
				}
			}
			return "";
		}

		private static final List<String> COMPARATORS = List.of("<=", ">=", "<", ">");
	}

	/**
	 * An adverse event: {@code relatedness} to the MSC infusions as the safety summary judges it, {@code outcome} as
	 * a FHIR adverse-event-outcome code, {@code grade} CTCAE 1-5.
	 */
	public record Event(String reference, String term, String decodedTerm, String start, String end, Boolean serious,
			Integer grade, org.msclupus.fhir.safety.SafetyData.Relatedness relatedness, String outcome,
			java.util.Set<String> seriousnessCriteria) {

		/** An event whose seriousness criteria were not recorded. */
		public Event(String reference, String term, String decodedTerm, String start, String end, Boolean serious,
				Integer grade, org.msclupus.fhir.safety.SafetyData.Relatedness relatedness, String outcome) {
			this(reference, term, decodedTerm, start, end, serious, grade, relatedness, outcome, null);
		}
	}

	/**
	 * A disease-activity rating: a SLEDAI-2K total and its descriptors, a BILAG-2004 domain grade, a PGA: test code
	 * and name, the result as text and (when numeric) as a number.
	 */
	public record Rating(String reference, String category, String testCode, String testName, String result,
			BigDecimal value, String date) {
	}
}
