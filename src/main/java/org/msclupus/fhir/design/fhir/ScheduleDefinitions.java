package org.msclupus.fhir.design.fhir;

import org.msclupus.fhir.design.TrialCodes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionRelatedActionComponent;
import org.hl7.fhir.r4.model.Range;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;

/**
 * Reads a study's visit schedule from a Schedule of Activities PlanDefinition, in the form of HL7's Vulcan SoA IG
 * (hl7.fhir.uv.vulcan-schedule 1.0.0, STU1, e.g. its H2Q-MC-LZZT-ProtocolDesign): one action per visit, named by its
 * {@code title}; the day-0 visit is the action the others' {@code relatedAction.actionId} name; a visit's target day
 * is its {@code relatedAction.offsetDuration} (UCUM {@code d} or {@code wk}) after ({@code after}, {@code after-start},
 * {@code after-end}) or before ({@code before…}) the action it names, which may itself be timed from another; its
 * window is the {@code AcceptableOffsetRangeSoa} extension on that relatedAction, in the same units and direction as
 * the offset; its epoch is the CDISC EPOCH term in the first coding (any system) or the text of its {@code code};
 * the measures expected there are its activities: nested {@code action}s coded with measure codes, or the IG's nested
 * StudyVisitSoa PlanDefinition ({@code definitionCanonical}) whose actions are coded or point at ActivityDefinitions.
 * Activity codes that are not measures of the trial specification are not checked.
 */
public final class ScheduleDefinitions {

	public static final String ACCEPTABLE_OFFSET_RANGE =
			"http://hl7.org/fhir/uv/vulcan-schedule/StructureDefinition/AcceptableOffsetRangeSoa";
	/** Where the shipped schedules live: a visit-schedule code names the PlanDefinition of that id. */
	public static final String SHIPPED_BASE = TrialCodes.BASE + "/PlanDefinition/";

	private ScheduleDefinitions() {
	}

	/**
	 * @param definitions resolves a canonical URL (a nested StudyVisitSoa PlanDefinition or an ActivityDefinition)
	 * @throws IllegalArgumentException naming the action when the PlanDefinition is not a coherent schedule
	 */
	public static VisitSchedule read(PlanDefinition plan, Function<String, Optional<MetadataResource>> definitions) {
		String name = plan.hasName() ? plan.getName() : plan.getIdElement().getIdPart();
		List<PlanDefinitionActionComponent> actions = plan.getAction();
		if (actions.isEmpty()) {
			throw new IllegalArgumentException("PlanDefinition " + name + " has no action: a schedule needs one per visit");
		}
		Map<String, PlanDefinitionActionComponent> byId = new HashMap<>();
		for (PlanDefinitionActionComponent action : actions) {
			if (action.hasId()) {
				byId.put(action.getId(), action);
			}
		}
		Map<PlanDefinitionActionComponent, Integer> days = new HashMap<>();
		List<Visit> visits = new ArrayList<>();
		for (PlanDefinitionActionComponent action : actions) {
			String title = title(action, actions.indexOf(action));
			int targetDay = targetDay(action, byId, days, new LinkedHashSet<>(), title);
			int[] window = window(action, title);
			visits.add(new Visit(title, targetDay, window == null ? null : window[0], window == null ? null : window[1],
					epoch(action.getCodeFirstRep()), measures(action, definitions)));
		}
		List<String> problems = VisitSchedule.problems(visits);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("PlanDefinition " + name + " is not a coherent schedule: "
					+ String.join("; ", problems));
		}
		if (visits.stream().noneMatch(v -> v.targetDay() == 0)) {
			throw new IllegalArgumentException("PlanDefinition " + name + " has no day-0 visit: no action is named by "
					+ "the others' relatedAction.actionId");
		}
		return new VisitSchedule(name, visits);
	}

	private static String title(PlanDefinitionActionComponent action, int index) {
		if (action.hasTitle()) {
			return action.getTitle();
		}
		throw new IllegalArgumentException("Action " + (action.hasId() ? "'" + action.getId() + "'" : "#" + (index + 1))
				+ " has no title: the title is the visit's name");
	}

	/** Days from day 0, following relatedAction to the action with none (day 0). */
	private static int targetDay(PlanDefinitionActionComponent action, Map<String, PlanDefinitionActionComponent> byId,
			Map<PlanDefinitionActionComponent, Integer> days, Set<PlanDefinitionActionComponent> path, String title) {
		Integer known = days.get(action);
		if (known != null) {
			return known;
		}
		if (!path.add(action)) {
			throw new IllegalArgumentException("Action '" + title + "' is timed from itself through relatedAction");
		}
		if (!action.hasRelatedAction()) {
			days.put(action, 0);
			return 0;
		}
		PlanDefinitionActionRelatedActionComponent related = action.getRelatedActionFirstRep();
		PlanDefinitionActionComponent anchor = byId.get(related.getActionId());
		if (anchor == null) {
			throw new IllegalArgumentException("Action '" + title + "' is timed from action '" + related.getActionId()
					+ "', which the PlanDefinition does not have");
		}
		int offset = related.hasOffsetDuration() ? days(related.getOffsetDuration(), title) : 0;
		int day = targetDay(anchor, byId, days, path, anchor.getTitle()) + direction(related, title) * offset;
		days.put(action, day);
		return day;
	}

	private static int direction(PlanDefinitionActionRelatedActionComponent related, String title) {
		String code = related.hasRelationship() ? related.getRelationship().toCode() : "after";
		if (code.startsWith("after")) {
			return 1;
		}
		if (code.startsWith("before")) {
			return -1;
		}
		if (code.startsWith("concurrent")) {
			return 0;
		}
		throw new IllegalArgumentException("Action '" + title + "' has relationship " + code);
	}

	/** A UCUM duration in whole days: {@code d}, or {@code wk} times 7. */
	private static int days(Duration duration, String title) {
		return days(duration.getValue(), duration.hasCode() ? duration.getCode() : duration.getUnit(), title);
	}

	private static int days(BigDecimal value, String unit, String title) {
		if (value == null) {
			throw new IllegalArgumentException("Action '" + title + "' has an offset without a value");
		}
		BigDecimal factor = switch (unit == null ? "" : unit) {
			case "d", "day", "days" -> BigDecimal.ONE;
			case "wk", "week", "weeks" -> BigDecimal.valueOf(7);
			default -> throw new IllegalArgumentException("Action '" + title + "' has an offset in '" + unit
					+ "'; use UCUM d or wk");
		};
		BigDecimal inDays = value.multiply(factor);
		if (inDays.stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException("Action '" + title + "' has an offset of " + inDays.toPlainString()
					+ " days; a visit is on a whole day");
		}
		return inDays.intValueExact();
	}

	/** {days before, days after} the target day, from AcceptableOffsetRangeSoa; null when the visit has none. */
	private static int[] window(PlanDefinitionActionComponent action, String title) {
		if (!action.hasRelatedAction()) {
			return null;
		}
		PlanDefinitionActionRelatedActionComponent related = action.getRelatedActionFirstRep();
		Extension extension = related.getExtensionByUrl(ACCEPTABLE_OFFSET_RANGE);
		if (extension == null) {
			return null;
		}
		if (!(extension.getValue() instanceof Range range) || !range.hasLow() || !range.hasHigh()) {
			throw new IllegalArgumentException("Action '" + title + "' has an AcceptableOffsetRangeSoa without a "
					+ "valueRange with low and high");
		}
		int offset = related.hasOffsetDuration() ? days(related.getOffsetDuration(), title) : 0;
		int low = days(range.getLow().getValue(), range.getLow().hasCode() ? range.getLow().getCode()
				: range.getLow().getUnit(), title);
		int high = days(range.getHigh().getValue(), range.getHigh().hasCode() ? range.getHigh().getCode()
				: range.getHigh().getUnit(), title);
		// After day 0 a larger offset is later; before it, a larger offset is earlier.
		return direction(related, title) >= 0 ? new int[] {offset - low, high - offset}
				: new int[] {high - offset, offset - low};
	}

	/** SCREENING, TREATMENT or FOLLOW-UP as written (upper case), from the first coding's code or the text. */
	static String epoch(CodeableConcept code) {
		String value = code.hasCoding() && code.getCodingFirstRep().hasCode() ? code.getCodingFirstRep().getCode()
				: code.getText();
		return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
	}

	private static List<String> measures(PlanDefinitionActionComponent action,
			Function<String, Optional<MetadataResource>> definitions) {
		Set<String> measures = new LinkedHashSet<>();
		for (PlanDefinitionActionComponent activity : action.getAction()) {
			addActivity(activity, definitions, measures);
		}
		if (action.hasDefinitionCanonicalType()) {
			definitions.apply(action.getDefinitionCanonicalType().getValue())
					.filter(PlanDefinition.class::isInstance).map(PlanDefinition.class::cast)
					.ifPresent(visit -> visit.getAction().forEach(a -> addActivity(a, definitions, measures)));
		}
		return List.copyOf(measures);
	}

	private static void addActivity(PlanDefinitionActionComponent activity,
			Function<String, Optional<MetadataResource>> definitions, Set<String> measures) {
		activity.getCode().forEach(code -> addCodes(code, measures));
		if (activity.hasDefinitionCanonicalType()) {
			definitions.apply(activity.getDefinitionCanonicalType().getValue())
					.filter(ActivityDefinition.class::isInstance).map(ActivityDefinition.class::cast)
					.ifPresent(definition -> addCodes(definition.getCode(), measures));
		}
		activity.getAction().forEach(nested -> addActivity(nested, definitions, measures));
	}

	private static void addCodes(CodeableConcept code, Set<String> measures) {
		for (Coding coding : code.getCoding()) {
			Measure measure = TrialCodes.MEASURE_BY_CODE.get(coding.getSystem() + "|" + coding.getCode());
			if (measure != null) {
				measures.add(measure.code());
			}
		}
	}
}
