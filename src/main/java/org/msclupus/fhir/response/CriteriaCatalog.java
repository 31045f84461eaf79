package org.msclupus.fhir.response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The criteria sets a deployment evaluates, by code, with the thresholds it configured. */
public final class CriteriaCatalog {

	private final Map<String, ResponseCriteria> byCode = new LinkedHashMap<>();

	public CriteriaCatalog(List<ResponseCriteria> criteria) {
		criteria.forEach(c -> byCode.put(c.code(), c));
	}

	/** The four criteria sets of the specification with its default thresholds. */
	public static CriteriaCatalog withDefaults() {
		return new CriteriaCatalog(List.of(new LnRenalResponse(LnRenalResponse.Thresholds.DEFAULTS),
				new Sri4(Sri4.Thresholds.DEFAULTS), new BilagMcrPcr(BilagMcrPcr.Thresholds.DEFAULTS),
				new ChangeFromBaseline(ChangeFromBaseline.Thresholds.DEFAULTS)));
	}

	public Optional<ResponseCriteria> find(String code) {
		return Optional.ofNullable(byCode.get(code));
	}

	public List<String> codes() {
		return List.copyOf(byCode.keySet());
	}

	public List<ResponseCriteria> all() {
		return List.copyOf(byCode.values());
	}
}
