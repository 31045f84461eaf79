package org.msclupus.fhir.design;

import java.util.List;
import java.util.Optional;

/**
 * A study's design as every operation reads it: its visit schedule with the windows of its visits, its arms and the
 * response criteria sets it evaluates. Built once per request from the ResearchStudy and its protocol PlanDefinition
 * ({@code design.fhir.StudyDesigns}); what a single subject adds (day 0, the arm actually had) is {@link Day0} and
 * {@link StudyArms#actualArm}.
 *
 * @param study    the study's reference ({@code ResearchStudy/<id>})
 * @param schedule the schedule; null for a study that has none
 * @param windows  the default window of a visit the schedule gives none
 * @param arms     the arms, with the experimental one
 * @param criteria the criteria set codes the study names (its response-criteria extensions), in its order
 * @param fromProtocol whether the schedule is the study's own (its protocol PlanDefinition) rather than a shipped
 *                 one it names by code
 */
public record StudyDesign(String study, VisitSchedule schedule, ScheduleWindows windows, StudyArms arms,
		List<String> criteria, boolean fromProtocol) {

	public StudyDesign {
		criteria = List.copyOf(criteria);
	}

	public Optional<VisitSchedule> visitSchedule() {
		return Optional.ofNullable(schedule);
	}

	/** Which visit each dated value belongs to; empty for a study without a schedule. */
	public Optional<VisitAttribution> attribution() {
		return visitSchedule().map(windows::attribution);
	}

	/** The default window of the schedule's visits; 0 without a schedule. */
	public int defaultWindow() {
		return schedule == null ? 0 : windows.of(schedule);
	}

	/**
	 * The criteria sets to evaluate when a caller names none: those the study names that are known, in its order;
	 * else every known set (a subject without a study, or a study naming none).
	 */
	public static List<String> criteriaOr(List<String> named, List<String> known) {
		List<String> own = named.stream().distinct().filter(known::contains).toList();
		return own.isEmpty() ? known : own;
	}
}
