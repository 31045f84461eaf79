package org.msclupus.fhir.response;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/** What every criteria set has: its code, version and thresholds record, and the result when day 0 is unknown. */
abstract class BaseCriteria<T extends Record> implements ResponseCriteria {

	protected final T thresholds;
	private final String code;
	private final String version;

	BaseCriteria(String code, String version, T thresholds) {
		this.code = code;
		this.version = version;
		this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
	}

	@Override
	public final String code() {
		return code;
	}

	@Override
	public final String version() {
		return version;
	}

	@Override
	public final Map<String, Object> thresholds() {
		return ResponseCriteria.namedValues(thresholds);
	}

	/**
	 * Without day 0 no visit can be placed: the result is {@link #notEvaluable()}, saying why. With it, day 0's
	 * infusion is evidence and the criteria set takes over.
	 */
	@Override
	public final CriteriaResult evaluate(SubjectTimeline timeline) {
		CriteriaResult.Builder result = CriteriaResult.builder(this).ignored(timeline.ignored());
		Optional<LocalDate> day0 = timeline.day0();
		if (day0.isEmpty()) {
			Response response = notEvaluable();
			return result.response(response).missing(timeline.day0MissingNote())
					.explanation((response == null ? "Not evaluable" : response.name())
							+ ": day 0 is unknown, so no visit can be placed.")
					.build();
		}
		result.day0(day0.get()).evidence(timeline.day0Evidence().orElse(null));
		return evaluateFromDay0(timeline, day0.get(), result);
	}

	/** The response of a subject the set cannot evaluate: NE, or null where the set grades no response. */
	protected Response notEvaluable() {
		return Response.NE;
	}

	protected abstract CriteriaResult evaluateFromDay0(SubjectTimeline timeline, LocalDate day0,
			CriteriaResult.Builder result);
}
