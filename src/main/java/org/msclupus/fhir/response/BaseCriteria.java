package org.msclupus.fhir.response;

import java.util.Map;
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

	/** Without day 0 no visit can be placed: NE (or no response where the set grades none), saying why. */
	protected CriteriaResult withoutDay0(SubjectTimeline timeline, CriteriaResult.Builder result, Response response) {
		return result.response(response).missing(timeline.day0MissingNote())
				.explanation((response == null ? "Not evaluable" : response.name())
						+ ": day 0 is unknown, so no visit can be placed.")
				.build();
	}
}
