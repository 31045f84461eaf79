package org.msclupus.fhir.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A study's eligibility criteria as data: the JSON document format of {@code terminology/eligibility/} (documented in
 * its README), parsed into rules the screen evaluates. Each criterion is an inclusion (met = the candidate qualifies)
 * or an exclusion (met = the candidate is excluded).
 */
public record EligibilityCriteria(String url, String version, String title, List<Criterion> criteria) {

	private static final ObjectMapper JSON = new ObjectMapper();

	public enum Kind { INCLUSION, EXCLUSION }

	public record Criterion(String id, Kind kind, String text, Rule rule) {
	}

	/** What a criterion checks. */
	public sealed interface Rule permits AgeRule, MeasureRule, AnyOfRule, CountOfRule, ConsentRule, RecordRule {
	}

	/** Age in completed years at screening; each bound optional. */
	public record AgeRule(Integer atLeast, Integer above, Integer atMost, Integer below) implements Rule {
	}

	/**
	 * The latest value of a trial measure (a {@code Measure} code such as {@code sledai-2k}, in its canonical unit)
	 * dated within {@code lookbackDays} before screening, compared with {@code value}.
	 */
	public record MeasureRule(String measure, String comparator, BigDecimal value, int lookbackDays) implements Rule {
	}

	/** Met when one alternative is met, not met when all are not met. */
	public record AnyOfRule(List<Rule> rules) implements Rule {
	}

	/**
	 * At least {@code atLeast} of the items present, each item a value set of Condition or Observation codes: met when
	 * enough are recorded present, not met when so many are recorded absent that too few could be.
	 */
	public record CountOfRule(int atLeast, List<CountItem> items) implements Rule {
	}

	public record CountItem(String id, String valueSet) {
	}

	/** An active research consent. */
	public record ConsentRule() implements Rule {
	}

	/**
	 * A record of one of {@code resourceTypes} with a code in {@code valueSet}, in the {@code lookbackDays} before
	 * screening (any time before it when null), either overlapping that window ({@code timing = overlaps}, the
	 * default), starting in it ({@code starts}), or starting or ending in it ({@code changes}). An Observation counts by its value: present when it has no value, a code in {@code positiveValueSet} or
	 * true; absent with a code in {@code negativeValueSet} or false. With no matching record the result is
	 * {@code whenNoRecord}: {@code not-met}, {@code unknown}, or {@code not-met-with-history} (not met when the
	 * candidate has any record of those types at all, else unknown). {@code gender}: the criterion only applies to
	 * that gender and is not met for another.
	 */
	public record RecordRule(List<String> resourceTypes, String valueSet, Integer lookbackDays, String timing,
			String positiveValueSet, String negativeValueSet, String whenNoRecord, String gender) implements Rule {
	}

	public static EligibilityCriteria parse(String json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		} catch (IOException e) {
			throw new IllegalArgumentException("Eligibility criteria are not valid JSON: " + e.getMessage());
		}
		String url = text(root, "url", true);
		List<Criterion> criteria = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		JsonNode list = root.path("criteria");
		if (!list.isArray() || list.isEmpty()) {
			throw new IllegalArgumentException(url + ": 'criteria' must be a non-empty array");
		}
		for (JsonNode node : list) {
			String id = text(node, "id", true);
			if (!ids.add(id)) {
				throw new IllegalArgumentException(url + ": criterion id " + id + " appears twice");
			}
			String kind = text(node, "kind", true);
			if (!kind.equals("inclusion") && !kind.equals("exclusion")) {
				throw new IllegalArgumentException(url + "#" + id + ": kind must be inclusion or exclusion");
			}
			criteria.add(new Criterion(id, Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
					text(node, "text", true), rule(node.path("rule"), url + "#" + id)));
		}
		return new EligibilityCriteria(url, text(root, "version", false), text(root, "title", false),
				List.copyOf(criteria));
	}

	private static Rule rule(JsonNode node, String where) {
		String type = text(node, "type", true);
		return switch (type) {
			case "age" -> new AgeRule(integer(node, "atLeast"), integer(node, "above"), integer(node, "atMost"),
					integer(node, "below"));
			case "measure" -> {
				String comparator = text(node, "comparator", true);
				if (!List.of(">", ">=", "<", "<=").contains(comparator)) {
					throw new IllegalArgumentException(where + ": comparator must be >, >=, < or <=");
				}
				if (!node.path("value").isNumber()) {
					throw new IllegalArgumentException(where + ": value must be a number");
				}
				yield new MeasureRule(text(node, "measure", true), comparator, node.path("value").decimalValue(),
						node.path("lookbackDays").asInt(30));
			}
			case "any-of" -> {
				List<Rule> rules = new ArrayList<>();
				node.path("rules").forEach(r -> rules.add(rule(r, where)));
				if (rules.isEmpty()) {
					throw new IllegalArgumentException(where + ": any-of needs rules");
				}
				yield new AnyOfRule(List.copyOf(rules));
			}
			case "count-of" -> {
				List<CountItem> items = new ArrayList<>();
				node.path("items").forEach(i -> items.add(new CountItem(text(i, "id", true), text(i, "valueSet", true))));
				int atLeast = node.path("atLeast").asInt(0);
				if (items.isEmpty() || atLeast < 1 || atLeast > items.size()) {
					throw new IllegalArgumentException(where + ": count-of needs items and 1 <= atLeast <= their number");
				}
				yield new CountOfRule(atLeast, List.copyOf(items));
			}
			case "consent" -> new ConsentRule();
			case "record" -> {
				List<String> types = new ArrayList<>();
				node.path("resourceTypes").forEach(t -> types.add(t.asText()));
				String whenNoRecord = node.path("whenNoRecord").asText("unknown");
				if (types.isEmpty() || !List.of("not-met", "unknown", "not-met-with-history").contains(whenNoRecord)) {
					throw new IllegalArgumentException(where + ": record needs resourceTypes and whenNoRecord "
							+ "not-met, unknown or not-met-with-history");
				}
				String timing = node.path("timing").asText("overlaps");
				if (!List.of("overlaps", "starts", "changes").contains(timing)) {
					throw new IllegalArgumentException(where + ": timing must be overlaps, starts or changes");
				}
				yield new RecordRule(List.copyOf(types), text(node, "valueSet", true), integer(node, "lookbackDays"),
						timing, text(node, "positiveValueSet", false),
						text(node, "negativeValueSet", false), whenNoRecord, text(node, "gender", false));
			}
			default -> throw new IllegalArgumentException(where + ": unknown rule type " + type);
		};
	}

	private static String text(JsonNode node, String field, boolean required) {
		JsonNode value = node.path(field);
		if (value.isTextual() && !value.asText().isBlank()) {
			return value.asText();
		}
		if (required) {
			throw new IllegalArgumentException("Eligibility criteria: '" + field + "' is required");
		}
		return null;
	}

	private static Integer integer(JsonNode node, String field) {
		return node.path(field).isIntegralNumber() ? node.path(field).asInt() : null;
	}
}
