package org.msclupus.fhir.safety;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the safety summary reads of each subject, already taken out of the FHIR resources. */
public final class SafetyData {

	private SafetyData() {
	}

	/** How likely the MSC infusion caused an event, from the causality assessment of the suspect infusion. */
	public enum Relatedness {
		RELATED("related"), POSSIBLY("possibly"), UNRELATED("unrelated"), UNKNOWN("unknown");

		private final String code;

		Relatedness(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/**
	 * One subject: {@code day0} is the date of the first completed MSC infusion, or the enrolment date without one
	 * (null when neither is known).
	 */
	public record Subject(String subject, String arm, LocalDate day0, List<Infusion> infusions,
			List<AdverseEvent> events, List<LabResult> labs, List<VitalValue> vitals, List<GradedLab> graded) {

		/** A subject without laboratory values CTCAE grades. */
		public Subject(String subject, String arm, LocalDate day0, List<Infusion> infusions,
				List<AdverseEvent> events, List<LabResult> labs, List<VitalValue> vitals) {
			this(subject, arm, day0, infusions, events, labs, vitals, List.of());
		}

		/** A subject without vital signs. */
		public Subject(String subject, String arm, LocalDate day0, List<Infusion> infusions,
				List<AdverseEvent> events, List<LabResult> labs) {
			this(subject, arm, day0, infusions, events, labs, List.of());
		}

		/**
		 * By the subject's id and arm only: the summary keys maps by subject, and a record's own hashCode would walk
		 * every event and value of the subject at each lookup (a tenth of a 1,000-subject summary). Equal subjects
		 * still hash alike; equality stays the record's, component by component.
		 */
		@Override
		public int hashCode() {
			return java.util.Objects.hash(subject, arm);
		}
	}

	/**
	 * A laboratory value CTCAE v5.0 grades, in {@link LabToxicity#unit()}, with the limit of normal its laboratory
	 * gave (lower for a decrease, upper for an increase; null when it gave none).
	 */
	public record GradedLab(String reference, LabToxicity term, String loinc, LocalDate date, BigDecimal value,
			BigDecimal limit) {
	}

	/** A vital sign's value, in {@link VitalSign#unit()}. */
	public record VitalValue(String reference, VitalSign sign, LocalDate date, BigDecimal value) {
	}

	/** A completed MSC infusion; {@code number} 1 is day 0, 2 day 7. */
	public record Infusion(String reference, int number, Instant start) {
	}

	/**
	 * An adverse event; {@code serious} and {@code grade} (CTCAE 1-5) are null when not recorded. {@code fatal} is
	 * true when the outcome says the subject died; grade 5 means death too. {@code start} is the instant it began
	 * (for the hours after an infusion), {@code day} the day written at its site, which day 0 and the cut-off are
	 * compared with, as every other record's day is.
	 */
	public record AdverseEvent(String reference, Instant start, LocalDate day, Boolean serious, Integer grade,
			Relatedness relatedness, boolean fatal, Boolean expected, List<String> codes, String term) {

		/**
		 * An event without what expectedness needs: whether the study expects it ({@code expected}, from the AE
		 * Clinical Research IG's expected-in-research-study; null when not recorded), its codes ({@code system|code})
		 * and its term.
		 */
		public AdverseEvent(String reference, Instant start, LocalDate day, Boolean serious, Integer grade,
				Relatedness relatedness, boolean fatal) {
			this(reference, start, day, serious, grade, relatedness, fatal, null, List.of(), null);
		}

		public boolean isDeath() {
			return fatal || (grade != null && grade == 5);
		}
	}

	/**
	 * A safety laboratory value with the reporting laboratory's own reference range, in the value's unit
	 * ({@code low} or {@code high} null when the range has no such limit).
	 */
	public record LabResult(String reference, SafetyLab lab, LocalDate date, BigDecimal value, BigDecimal low,
			BigDecimal high) {

		public boolean above() {
			return high != null && value.compareTo(high) > 0;
		}

		public boolean below() {
			return low != null && value.compareTo(low) < 0;
		}

		/** A value exactly at a limit is within the range. */
		public boolean abnormal() {
			return above() || below();
		}
	}
}
