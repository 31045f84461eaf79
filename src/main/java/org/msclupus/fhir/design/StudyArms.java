package org.msclupus.fhir.design;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A study's arms and which of them is experimental: the one home of that decision.
 *
 * @param names        every arm's name, in the study's order
 * @param experimental the arms the study types {@code experimental} (research-study-arm-type)
 * @param descriptions each named arm's description, where it has one
 */
public record StudyArms(List<String> names, List<String> experimental, Map<String, String> descriptions) {

	public StudyArms {
		names = List.copyOf(names);
		experimental = List.copyOf(experimental);
		descriptions = Map.copyOf(descriptions);
	}

	public StudyArms(List<String> names, List<String> experimental) {
		this(names, experimental, Map.of());
	}

	/** The arm compared with the others: the study's one arm typed experimental; empty when it types none or several. */
	public Optional<String> experimentalArm() {
		return experimental.size() == 1 ? Optional.of(experimental.get(0)) : Optional.empty();
	}

	/**
	 * The arm given MSC, for the safety summary's odds ratio: the experimental arm, else (a study that types no arm)
	 * the one arm whose subjects received MSC infusions; empty when neither decides.
	 */
	public Optional<String> mscArm(Collection<String> infusedSubjectsArms) {
		if (experimentalArm().isPresent()) {
			return experimentalArm();
		}
		Set<String> infused = new TreeSet<>();
		infusedSubjectsArms.stream().filter(a -> a != null).forEach(infused::add);
		return infused.size() == 1 ? Optional.of(infused.iterator().next()) : Optional.empty();
	}

	/**
	 * Refuses an arm filter that names no arm of the study: neither one it declares nor one its subjects are assigned
	 * to (a subject assigned outside the design still answers to its arm's name). Names are compared exactly, as
	 * {@code ResearchSubject.assignedArm} matches {@code ResearchStudy.arm.name}; a mistyped arm would otherwise read
	 * as an arm without subjects, which a safety summary reports as "no events".
	 *
	 * @param study        the study, for the message
	 * @param assignedArms the arms the study's subjects are assigned to
	 * @throws IllegalArgumentException naming the study's arms
	 */
	public void requireKnown(String arm, String study, Collection<String> assignedArms) {
		if (arm == null || names.contains(arm) || assignedArms.contains(arm)) {
			return;
		}
		Set<String> known = new java.util.LinkedHashSet<>(names);
		assignedArms.stream().filter(a -> a != null).sorted().forEach(known::add);
		throw new IllegalArgumentException(study + " has no arm '" + arm + "'; its arms: "
				+ (known.isEmpty() ? "none" : String.join(", ", known)));
	}

	/**
	 * Refuses an enrolment's arm that the study does not declare ({@code ResearchSubject.assignedArm} or {@code
	 * actualArm} against {@code ResearchStudy.arm.name}, compared exactly): stored, a mistyped arm would be an arm of
	 * its own in every comparison, with one subject. A study that declares no arms accepts any; no arm is no error.
	 *
	 * @param element the enrolment's element, for the message
	 * @param study   the study, for the message
	 * @throws IllegalArgumentException naming the study's arms
	 */
	public void requireDeclared(String arm, String element, String study) {
		if (arm == null || names.isEmpty() || names.contains(arm)) {
			return;
		}
		throw new IllegalArgumentException(element + " '" + arm + "' is not an arm of " + study + "; its arms: "
				+ String.join(", ", names));
	}

	/**
	 * The arm a subject actually had: the one recorded as actual when sent, else the assigned arm once the subject
	 * was treated (has a day 0 or an infusion); null for a subject not yet treated.
	 */
	public static String actualArm(String recordedActual, String assigned, boolean treated) {
		if (recordedActual != null) {
			return recordedActual;
		}
		return treated ? assigned : null;
	}
}
