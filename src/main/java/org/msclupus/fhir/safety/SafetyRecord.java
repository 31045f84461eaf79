package org.msclupus.fhir.safety;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.msclupus.fhir.design.Day0;
import org.msclupus.fhir.design.Infusion;

/**
 * What one stored record gives the safety summary, taken out of it once, when it is written, so that a summary of a
 * large study reads these facts instead of parsing every record (ADR 0019). A fact that depends on the subject's
 * other records (which infusion an event was assessed against, the infusions' numbers, day 0) is kept in the form
 * that lets {@link #subject} work it out when the subject's facts are put together.
 *
 * @param event  an adverse event that actually happened, with a date
 * @param dose   an MSC infusion (MedicationAdministration of the cell product with a date)
 * @param lab    a counted safety laboratory value with a usable reference range
 * @param vitals the counted vital signs of an Observation (several for a panel)
 * @param graded a counted laboratory value CTCAE grades
 */
public record SafetyRecord(Event event, Dose dose, SafetyData.LabResult lab, List<SafetyData.VitalValue> vitals,
		SafetyData.GradedLab graded) {

	/** A record the safety summary does not use. */
	public static final SafetyRecord NONE = new SafetyRecord(null, null, null, List.of(), null);

	public SafetyRecord {
		vitals = vitals == null ? List.of() : List.copyOf(vitals);
	}

	/**
	 * An adverse event. {@code details.relatedness()} is not yet known: it is the strongest of {@code product} (the
	 * causality assessed against the cell product itself) and of {@code suspects} (causality by the id of the suspect
	 * record) for the suspects that are the subject's MSC infusions.
	 *
	 * @param studies the ids of the studies the event names; empty for an EHR's event of no study
	 */
	public record Event(SafetyData.AdverseEvent details, List<String> studies,
			Map<String, SafetyData.Relatedness> suspects, SafetyData.Relatedness product) {

		public Event {
			studies = List.copyOf(studies);
			suspects = Map.copyOf(suspects);
		}

		/** An event of this study, or of no study. */
		public boolean belongsTo(String studyId) {
			return studies.isEmpty() || studies.contains(studyId);
		}

		/** The event, related to the subject's MSC infusions (their ids) as assessed. */
		public SafetyData.AdverseEvent withInfusions(Set<String> infusionIds) {
			SafetyData.Relatedness strongest = relatedness(product, suspects, infusionIds);
			SafetyData.AdverseEvent e = details;
			return new SafetyData.AdverseEvent(e.reference(), e.start(), e.day(), e.serious(), e.grade(), strongest, e.fatal(),
					e.expected(), e.codes(), e.term());
		}

		/** The strongest of the product's assessment and of the suspects' that are the subject's infusions. */
		public static SafetyData.Relatedness relatedness(SafetyData.Relatedness product,
				Map<String, SafetyData.Relatedness> suspects, Set<String> infusionIds) {
			SafetyData.Relatedness strongest = product;
			for (Map.Entry<String, SafetyData.Relatedness> suspect : suspects.entrySet()) {
				if (infusionIds.contains(suspect.getKey())) {
					strongest = stronger(strongest, suspect.getValue());
				}
			}
			return strongest;
		}
	}

	/**
	 * An MSC infusion: what day 0 reads ({@code infusion}), and, when it was completed at a known moment, its start
	 * and the number its record gives (null: numbered by its order).
	 */
	public record Dose(Infusion infusion, Instant completedStart, Integer number) {
	}

	public boolean isEmpty() {
		return event == null && dose == null && lab == null && vitals.isEmpty() && graded == null;
	}

	/** Whether the summary of this study counts the record. */
	public boolean usedBy(String studyId) {
		return event != null ? event.belongsTo(studyId) : !isEmpty();
	}

	/** The stronger of two causality assessments (related before possibly before unrelated before unknown). */
	public static SafetyData.Relatedness stronger(SafetyData.Relatedness a, SafetyData.Relatedness b) {
		return b.ordinal() < a.ordinal() ? b : a;
	}

	/** Completed MSC infusions in time order, numbered by their record or else by their order. */
	public static List<SafetyData.Infusion> infusions(List<SafetyRecord> records) {
		List<SafetyRecord> given = records.stream().filter(r -> r.dose() != null && r.dose().completedStart() != null)
				.sorted(Comparator.comparing(r -> r.dose().completedStart())).toList();
		List<SafetyData.Infusion> infusions = new ArrayList<>(given.size());
		for (int i = 0; i < given.size(); i++) {
			Dose dose = given.get(i).dose();
			infusions.add(new SafetyData.Infusion(dose.infusion().evidence(),
					dose.number() != null ? dose.number() : i + 1, dose.completedStart()));
		}
		return infusions;
	}

	/**
	 * One subject's safety data from the facts of its records.
	 *
	 * @param enrolled the enrolment date; null when unknown
	 * @param asOf     the cut-off date: an infusion or enrolment after it has not happened yet
	 */
	public static SafetyData.Subject subject(String subject, String arm, LocalDate enrolled, LocalDate asOf,
			String studyId, List<SafetyRecord> records) {
		List<SafetyData.Infusion> infusions = infusions(records);
		Set<String> infusionIds = infusions.stream().map(i -> idPart(i.reference())).collect(Collectors.toSet());
		List<Infusion> doses = records.stream().map(SafetyRecord::dose).filter(Objects::nonNull)
				.map(Dose::infusion).toList();
		LocalDate day0 = Day0.of(doses, enrolled, asOf).orElse(null);
		List<SafetyData.AdverseEvent> events = new ArrayList<>();
		List<SafetyData.LabResult> labs = new ArrayList<>();
		List<SafetyData.VitalValue> vitals = new ArrayList<>();
		List<SafetyData.GradedLab> graded = new ArrayList<>();
		for (SafetyRecord record : records) {
			if (record.event() != null) {
				if (record.event().belongsTo(studyId)) {
					events.add(record.event().withInfusions(infusionIds));
				}
				continue;
			}
			if (record.lab() != null) {
				labs.add(record.lab());
			}
			vitals.addAll(record.vitals());
			if (record.graded() != null) {
				graded.add(record.graded());
			}
		}
		return new SafetyData.Subject(subject, arm, day0, infusions, events, labs, vitals, graded);
	}

	/** The id part of a reference such as {@code MedicationAdministration/7/_history/2}. */
	static String idPart(String reference) {
		String[] parts = reference.split("/");
		return parts.length >= 2 ? parts[1] : reference;
	}
}
