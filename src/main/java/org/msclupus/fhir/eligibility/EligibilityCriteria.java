package org.msclupus.fhir.eligibility;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A study's eligibility criteria as data: the JSON document format of {@code terminology/eligibility/} (documented in
 * its README), bound by Jackson into rules the screen evaluates. Each criterion is an inclusion (met = the candidate
 * qualifies) or an exclusion (met = the candidate is excluded).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EligibilityCriteria(String url, String version, String title, List<Criterion> criteria) {

	/** Strict where it matters: no numbers in strings, no duplicate keys, no trailing tokens. */
	private static final ObjectReader READER = JsonMapper.builder()
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build().readerFor(EligibilityCriteria.class);

	public enum Kind {
		@JsonProperty("inclusion") INCLUSION,
		@JsonProperty("exclusion") EXCLUSION
	}

	public record Criterion(String id, Kind kind, String text, Rule rule) {
	}

	/** What a criterion checks; the JSON names its kind in {@code type}. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({@JsonSubTypes.Type(value = AgeRule.class, name = "age"),
			@JsonSubTypes.Type(value = MeasureRule.class, name = "measure"),
			@JsonSubTypes.Type(value = AnyOfRule.class, name = "any-of"),
			@JsonSubTypes.Type(value = CountOfRule.class, name = "count-of"),
			@JsonSubTypes.Type(value = ConsentRule.class, name = "consent"),
			@JsonSubTypes.Type(value = RecordRule.class, name = "record")})
	public sealed interface Rule permits AgeRule, MeasureRule, AnyOfRule, CountOfRule, ConsentRule, RecordRule {
	}

	/** Age in completed years at screening; each bound optional. */
	public record AgeRule(Integer atLeast, Integer above, Integer atMost, Integer below) implements Rule {
	}

	/**
	 * The latest value of a trial measure (a {@code Measure} code such as {@code sledai-2k}, in its canonical unit)
	 * dated within {@code lookbackDays} (default 30) before screening, compared with {@code value}.
	 */
	public record MeasureRule(String measure, String comparator, BigDecimal value, int lookbackDays) implements Rule {

		static final int DEFAULT_LOOKBACK_DAYS = 30;

		@JsonCreator
		MeasureRule(@JsonProperty("measure") String measure, @JsonProperty("comparator") String comparator,
				@JsonProperty("value") BigDecimal value, @JsonProperty("lookbackDays") Integer lookbackDays) {
			this(measure, comparator, value, lookbackDays == null ? DEFAULT_LOOKBACK_DAYS : lookbackDays);
		}
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
	 * default), starting in it ({@code starts}), or starting or ending in it ({@code changes}). An Observation counts
	 * by its value: present when it has no value, a code in {@code positiveValueSet} or true; absent with a code in
	 * {@code negativeValueSet} or false. With no matching record the result is {@code whenNoRecord}: {@code not-met},
	 * {@code unknown} (the default), or {@code not-met-with-history} (not met when the candidate has any record of
	 * those types at all, else unknown). {@code gender}: the criterion only applies to that gender and is not met for
	 * another.
	 */
	public record RecordRule(List<String> resourceTypes, String valueSet, Integer lookbackDays, String timing,
			String positiveValueSet, String negativeValueSet, String whenNoRecord, String gender) implements Rule {

		public RecordRule {
			timing = timing == null ? "overlaps" : timing;
			whenNoRecord = whenNoRecord == null ? "unknown" : whenNoRecord;
		}
	}

	/**
	 * Reads a criteria document: Jackson binds the structure (types, rule kinds), then every criterion is checked,
	 * each problem named with its place ({@code <url>#<criterion id>}).
	 *
	 * @throws IllegalArgumentException naming the first problem
	 */
	public static EligibilityCriteria parse(String json) {
		EligibilityCriteria bound;
		try {
			bound = READER.readValue(json);
		} catch (InvalidTypeIdException e) {
			throw new IllegalArgumentException("Eligibility criteria: unknown rule type " + e.getTypeId() + " at "
					+ e.getPathReference());
		} catch (MismatchedInputException e) {
			throw new IllegalArgumentException("Eligibility criteria: " + e.getOriginalMessage() + " at "
					+ e.getPathReference());
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("Eligibility criteria are not valid JSON: " + e.getOriginalMessage());
		}
		if (bound == null) {
			throw new IllegalArgumentException("Eligibility criteria are not valid JSON: an empty document");
		}
		return bound.checked();
	}

	private EligibilityCriteria checked() {
		require(url, "url", "Eligibility criteria");
		if (criteria == null || criteria.isEmpty()) {
			throw new IllegalArgumentException(url + ": 'criteria' must be a non-empty array");
		}
		Set<String> ids = new HashSet<>();
		for (Criterion criterion : criteria) {
			require(criterion.id(), "id", url);
			String where = url + "#" + criterion.id();
			if (!ids.add(criterion.id())) {
				throw new IllegalArgumentException(url + ": criterion id " + criterion.id() + " appears twice");
			}
			if (criterion.kind() == null) {
				throw new IllegalArgumentException(where + ": kind must be inclusion or exclusion");
			}
			require(criterion.text(), "text", where);
			check(criterion.rule(), where);
		}
		return new EligibilityCriteria(url, blankToNull(version), blankToNull(title), List.copyOf(criteria));
	}

	private static void check(Rule rule, String where) {
		if (rule == null) {
			throw new IllegalArgumentException(where + ": 'rule' is required");
		}
		if (rule instanceof MeasureRule measure) {
			require(measure.measure(), "measure", where);
			if (!COMPARATORS.contains(String.valueOf(measure.comparator()))) {
				throw new IllegalArgumentException(where + ": comparator must be >, >=, < or <=");
			}
			if (measure.value() == null) {
				throw new IllegalArgumentException(where + ": value must be a number");
			}
		} else if (rule instanceof AnyOfRule anyOf) {
			if (anyOf.rules() == null || anyOf.rules().isEmpty()) {
				throw new IllegalArgumentException(where + ": any-of needs rules");
			}
			anyOf.rules().forEach(r -> check(r, where));
		} else if (rule instanceof CountOfRule countOf) {
			if (countOf.items() == null || countOf.items().isEmpty() || countOf.atLeast() < 1
					|| countOf.atLeast() > countOf.items().size()) {
				throw new IllegalArgumentException(where + ": count-of needs items and 1 <= atLeast <= their number");
			}
			countOf.items().forEach(i -> {
				require(i.id(), "id", where);
				require(i.valueSet(), "valueSet", where);
			});
		} else if (rule instanceof RecordRule record) {
			if (record.resourceTypes() == null || record.resourceTypes().isEmpty()
					|| !WHEN_NO_RECORD.contains(record.whenNoRecord())) {
				throw new IllegalArgumentException(where + ": record needs resourceTypes and whenNoRecord "
						+ "not-met, unknown or not-met-with-history");
			}
			if (!TIMINGS.contains(record.timing())) {
				throw new IllegalArgumentException(where + ": timing must be overlaps, starts or changes");
			}
			require(record.valueSet(), "valueSet", where);
		}
		// AgeRule: every bound optional; ConsentRule: nothing to check
	}

	private static final List<String> COMPARATORS = List.of(">", ">=", "<", "<=");
	private static final List<String> WHEN_NO_RECORD = List.of("not-met", "unknown", "not-met-with-history");
	private static final List<String> TIMINGS = List.of("overlaps", "starts", "changes");

	private static void require(String value, String field, String where) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(where + ": '" + field + "' is required");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
