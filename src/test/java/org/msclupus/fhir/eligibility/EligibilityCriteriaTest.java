package org.msclupus.fhir.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Binding a criteria document: defaults, and each kind of broken document refused with its place named. */
class EligibilityCriteriaTest {

	private static String document(String rule) {
		return "{\"url\": \"u\", \"study\": \"NCT0\", \"criteria\": [{\"id\": \"a\", \"kind\": \"exclusion\", "
				+ "\"text\": \"t\", \"rule\": " + rule + "}]}";
	}

	@Test
	void omittedOptionsTakeTheirDocumentedDefaults() {
		EligibilityCriteria criteria = EligibilityCriteria.parse(document(
				"{\"type\": \"any-of\", \"rules\": [{\"type\": \"measure\", \"measure\": \"sledai-2k\", "
						+ "\"comparator\": \">=\", \"value\": 6}, {\"type\": \"record\", "
						+ "\"resourceTypes\": [\"Condition\"], \"valueSet\": \"http://x/vs\"}]}"));
		EligibilityCriteria.AnyOfRule anyOf = (EligibilityCriteria.AnyOfRule) criteria.criteria().get(0).rule();
		assertThat(((EligibilityCriteria.MeasureRule) anyOf.rules().get(0)).lookbackDays()).isEqualTo(30);
		EligibilityCriteria.RecordRule record = (EligibilityCriteria.RecordRule) anyOf.rules().get(1);
		assertThat(record.timing()).isEqualTo("overlaps");
		assertThat(record.whenNoRecord()).isEqualTo("unknown");
		assertThat(record.lookbackDays()).isNull();
		assertThat(criteria.criteria().get(0).kind()).isEqualTo(EligibilityCriteria.Kind.EXCLUSION);
	}

	@Test
	void brokenDocumentsAreRefusedNamingTheProblem() {
		assertThatThrownBy(() -> EligibilityCriteria.parse(document("{\"type\": \"horoscope\"}")))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rule type horoscope");
		assertThatThrownBy(() -> EligibilityCriteria.parse(document("{\"type\": \"measure\", \"measure\": \"x\", "
				+ "\"comparator\": \">\", \"value\": \"6\"}")))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value");
		assertThatThrownBy(() -> EligibilityCriteria.parse(document("{\"type\": \"count-of\", \"atLeast\": 2, "
				+ "\"items\": [{\"id\": \"i\", \"valueSet\": \"v\"}]}")))
				.hasMessageContaining("u#a: count-of needs items");
		assertThatThrownBy(() -> EligibilityCriteria.parse(document("{\"type\": \"record\", "
				+ "\"resourceTypes\": [\"Condition\"], \"valueSet\": \"v\", \"timing\": \"sometimes\"}")))
				.hasMessageContaining("u#a: timing");
		assertThatThrownBy(() -> EligibilityCriteria.parse(document("null"))).hasMessageContaining("u#a: 'rule'");
		assertThatThrownBy(() -> EligibilityCriteria.parse("{\"url\": \"u\", \"url\": \"v\", \"criteria\": []}"))
				.hasMessageContaining("not valid JSON");
		assertThatThrownBy(() -> EligibilityCriteria.parse(""))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
