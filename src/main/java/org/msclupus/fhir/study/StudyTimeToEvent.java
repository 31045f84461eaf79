package org.msclupus.fhir.study;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.VisitResult;
import org.msclupus.fhir.statistics.ArmGroups;
import org.msclupus.fhir.statistics.KaplanMeier;

/**
 * Time to response, to complete response and to relapse, per criteria set and arm, as Kaplan-Meier curves, and the
 * log-rank test of two arms. A subject's time is in days from day 0 to the date the subject-level result reports for
 * the visit at which the event first held; a subject without the event is censored at the last visit at which the
 * criteria could be evaluated (a response other than NE); a subject with no such visit after day 0 is left out and
 * counted as not evaluable. Relapse is timed from the first response, among responders.
 */
public final class StudyTimeToEvent {

	private StudyTimeToEvent() {
	}

	/** One curve: {@code arm} is an arm's name or {@link ArmGroups#ALL}. */
	public record TimeToEvent(String criteria, String event, String arm, int notEvaluable, KaplanMeier.Curve curve) {
	}

	/** One log-rank test of {@code arms.arm()} against {@code arms.referenceArm()}. */
	public record LogRankTest(String criteria, String event, ArmComparison arms, KaplanMeier.LogRank test) {
	}

	/**
	 * One subject's time to an event: from {@code origin} (day 0, or the first response for relapse) to the event,
	 * or to the censoring date when {@code observation} is not an event.
	 */
	public record Timed(LocalDate origin, KaplanMeier.Observation observation) {

		/** The date of the event or of censoring. */
		public LocalDate date() {
			return origin.plusDays(Math.round(observation.time()));
		}
	}

	/** What one subject contributes to one event's curve: an observation, or none (not evaluable). */
	static Optional<KaplanMeier.Observation> observation(CriteriaResult result, String event, Set<Response> having) {
		return timed(result, event, having).map(Timed::observation);
	}

	/** {@link #observation} with its origin: the one rule for times to event, which ADTTE also writes. */
	public static Optional<Timed> timed(CriteriaResult result, String event, Set<Response> having) {
		List<VisitResult> evaluable = result.visits().stream()
				.filter(v -> v.response() != null && v.response() != Response.NE && v.date() != null)
				.filter(v -> positive(result.daysFromDay0(v.date())))
				.toList();
		if (evaluable.isEmpty()) {
			return Optional.empty();
		}
		if (ResponseCriteria.RELAPSE_EVENT.equals(event)) {
			Optional<VisitResult> firstResponse = evaluable.stream().filter(v -> v.response().isResponse()).findFirst();
			if (firstResponse.isEmpty()) {
				return Optional.empty(); // relapse is timed among responders only
			}
			LocalDate origin = firstResponse.get().date();
			if (Boolean.TRUE.equals(result.relapse()) && result.relapseDate() != null) {
				return Optional.of(new Timed(origin, new KaplanMeier.Observation(days(origin, result.relapseDate()),
						true)));
			}
			return Optional.of(new Timed(origin, new KaplanMeier.Observation(days(origin,
					evaluable.get(evaluable.size() - 1).date()), false)));
		}
		for (VisitResult visit : evaluable) {
			if (having.contains(visit.response())) {
				return Optional.of(new Timed(result.day0(), new KaplanMeier.Observation(
						result.daysFromDay0(visit.date()), true)));
			}
		}
		return Optional.of(new Timed(result.day0(), new KaplanMeier.Observation(
				result.daysFromDay0(evaluable.get(evaluable.size() - 1).date()), false)));
	}

	private static boolean positive(Long days) {
		return days != null && days > 0;
	}

	private static double days(LocalDate from, LocalDate to) {
		return java.time.temporal.ChronoUnit.DAYS.between(from, to);
	}

	/** The events a set times: its own, and relapse when it judges one. */
	public static Map<String, Set<Response>> events(ResponseCriteria rule) {
		Map<String, Set<Response>> events = new LinkedHashMap<>(rule.timedEvents());
		if (!rule.relapseVisits().isEmpty() && !events.isEmpty()) {
			events.put(ResponseCriteria.RELAPSE_EVENT, Set.of());
		}
		return events;
	}

	/** Curves per criteria set, event and arm ({@code all} first, then each arm in the order subjects came). */
	public static List<TimeToEvent> curves(List<ResponseCriteria> rules, List<SubjectOutcome> outcomes) {
		List<TimeToEvent> curves = new ArrayList<>();
		for (ResponseCriteria rule : rules) {
			List<SubjectOutcome> ofRule = outcomes.stream().filter(o -> o.result().criteria().equals(rule.code()))
					.toList();
			if (ofRule.isEmpty()) {
				continue;
			}
			for (Map.Entry<String, Set<Response>> event : events(rule).entrySet()) {
				for (Map.Entry<String, List<SubjectOutcome>> arm : ArmGroups.byArm(ofRule, SubjectOutcome::arm)
						.entrySet()) {
					List<KaplanMeier.Observation> observations = new ArrayList<>();
					int notEvaluable = 0;
					for (SubjectOutcome o : arm.getValue()) {
						Optional<KaplanMeier.Observation> observation =
								observation(o.result(), event.getKey(), event.getValue());
						if (observation.isPresent()) {
							observations.add(observation.get());
						} else if (!ResponseCriteria.RELAPSE_EVENT.equals(event.getKey())) {
							notEvaluable++;
						}
					}
					curves.add(new TimeToEvent(rule.code(), event.getKey(), arm.getKey(), notEvaluable,
							KaplanMeier.estimate(observations)));
				}
			}
		}
		return curves;
	}

	/** The log-rank test of the compared arms, per criteria set and event. */
	public static List<LogRankTest> logRanks(List<ResponseCriteria> rules, List<SubjectOutcome> outcomes,
			ArmComparison arms) {
		List<LogRankTest> tests = new ArrayList<>();
		for (ResponseCriteria rule : rules) {
			for (Map.Entry<String, Set<Response>> event : events(rule).entrySet()) {
				List<KaplanMeier.Observation> arm = observations(outcomes, rule.code(), arms.arm(), event);
				List<KaplanMeier.Observation> reference = observations(outcomes, rule.code(), arms.referenceArm(), event);
				if (!arm.isEmpty() && !reference.isEmpty()) {
					tests.add(new LogRankTest(rule.code(), event.getKey(), arms, KaplanMeier.logRank(arm, reference)));
				}
			}
		}
		return tests;
	}

	private static List<KaplanMeier.Observation> observations(List<SubjectOutcome> outcomes, String criteria,
			String arm, Map.Entry<String, Set<Response>> event) {
		return outcomes.stream().filter(o -> o.result().criteria().equals(criteria) && arm.equals(o.arm()))
				.map(o -> observation(o.result(), event.getKey(), event.getValue())).flatMap(Optional::stream)
				.toList();
	}
}
