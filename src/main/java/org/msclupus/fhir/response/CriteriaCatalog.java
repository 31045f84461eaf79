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

	public Optional<ResponseCriteria> find(String code) {
		return Optional.ofNullable(byCode.get(code));
	}

	public List<String> codes() {
		return List.copyOf(byCode.keySet());
	}

	/**
	 * The criteria sets named by codes, in order, without repeats; a code may also hold several comma-separated
	 * codes, as a GET query may send them.
	 *
	 * @throws IllegalArgumentException naming the unknown codes and the known ones
	 */
	public List<ResponseCriteria> select(List<String> codes) {
		java.util.Set<String> wanted = new java.util.LinkedHashSet<>();
		List<String> unknown = new java.util.ArrayList<>();
		for (String code : codes) {
			for (String single : code == null ? new String[0] : code.split(",")) {
				String trimmed = single.trim();
				if (trimmed.isEmpty()) {
					continue;
				}
				(byCode.containsKey(trimmed) ? wanted : unknown).add(trimmed);
			}
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown criteria code(s) " + String.join(", ", unknown)
					+ "; known codes: " + String.join(", ", codes()));
		}
		return wanted.stream().map(byCode::get).toList();
	}

	public List<ResponseCriteria> all() {
		return List.copyOf(byCode.values());
	}
}
