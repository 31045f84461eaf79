package org.msclupus.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {

	static final List<String> CRITERIA = List.of("ln-renal-response", "sri-4", "bilag-mcr-pcr", "change-from-baseline");

	static SubscriptionFilter parse(Topic topic, String... filters) {
		return SubscriptionFilter.parse(topic, List.of(filters), CRITERIA);
	}

	@Test
	void theBackportShapeTheBareShapeAndABareIdAllNameTheSameStudy() {
		Map<String, Set<String>> expected = Map.of("study", Set.of("ResearchStudy/s1"));
		assertThat(parse(Topic.SERIOUS_ADVERSE_EVENT, "AdverseEvent?study=ResearchStudy/s1").values()).isEqualTo(expected);
		assertThat(parse(Topic.SERIOUS_ADVERSE_EVENT, "study=ResearchStudy/s1").values()).isEqualTo(expected);
		assertThat(parse(Topic.SERIOUS_ADVERSE_EVENT, "?study=s1").values()).isEqualTo(expected);
	}

	@Test
	void noFilterMatchesEveryEvent() {
		SubscriptionFilter none = parse(Topic.SERIOUS_ADVERSE_EVENT);
		assertThat(none.matches(Map.of())).isTrue();
		assertThat(none.matches(Map.of("study", List.of("ResearchStudy/any")))).isTrue();
		assertThat(none.studies()).isEmpty();
	}

	@Test
	void everyParameterMustHoldAndACommaMeansAny() {
		SubscriptionFilter filter = parse(Topic.RESPONSE_CHANGED,
				"ResearchSubject?study=s1,s2&criteria=ln-renal-response");
		assertThat(filter.matches(Map.of("study", List.of("ResearchStudy/s2"), "criteria", List.of("ln-renal-response"))))
				.isTrue();
		assertThat(filter.matches(Map.of("study", List.of("ResearchStudy/s3"), "criteria", List.of("ln-renal-response"))))
				.as("another study").isFalse();
		assertThat(filter.matches(Map.of("study", List.of("ResearchStudy/s1"), "criteria", List.of("sri-4"))))
				.as("another criteria set").isFalse();
		assertThat(filter.matches(Map.of("study", List.of("ResearchStudy/s1")))).as("an event without criteria")
				.isFalse();
	}

	@Test
	void twoFiltersOnOneKeyMustBothHold() {
		SubscriptionFilter filter = parse(Topic.SERIOUS_ADVERSE_EVENT, "study=s1,s2", "study=s2,s3");
		assertThat(filter.studies()).containsExactly("ResearchStudy/s2");
		assertThat(filter.matches(Map.of("study", List.of("ResearchStudy/s1")))).isFalse();
		assertThat(filter.matches(Map.of("study", List.of("ResearchStudy/s1", "ResearchStudy/s2")))).isTrue();
	}

	@Test
	void aKeyTheTopicDoesNotDefineIsRefusedNotIgnored() {
		assertThatThrownBy(() -> parse(Topic.SERIOUS_ADVERSE_EVENT, "AdverseEvent?studdy=s1"))
				.hasMessageContaining("Unknown filter 'studdy'").hasMessageContaining("filters on study");
		assertThatThrownBy(() -> parse(Topic.SERIOUS_ADVERSE_EVENT, "criteria=sri-4"))
				.as("criteria is response-changed's").hasMessageContaining("Unknown filter 'criteria'");
	}

	@Test
	void aFilterOnAnotherResourceTypeAnEmptyValueOrAnUnknownCriteriaSetIsRefused() {
		assertThatThrownBy(() -> parse(Topic.SERIOUS_ADVERSE_EVENT, "Observation?study=s1"))
				.hasMessageContaining("is on Observation");
		assertThatThrownBy(() -> parse(Topic.SERIOUS_ADVERSE_EVENT, "study=")).hasMessageContaining("no value");
		assertThatThrownBy(() -> parse(Topic.SERIOUS_ADVERSE_EVENT, "AdverseEvent?")).hasMessageContaining("no parameter");
		assertThatThrownBy(() -> parse(Topic.RESPONSE_CHANGED, "criteria=sri-5")).hasMessageContaining("sri-5")
				.hasMessageContaining("ln-renal-response");
		assertThatThrownBy(() -> parse(Topic.SERIOUS_ADVERSE_EVENT, "study=Group/g1")).hasMessageContaining("study must");
	}

	@Test
	void valuesAreUrlDecoded() {
		assertThat(parse(Topic.SERIOUS_ADVERSE_EVENT, "study=ResearchStudy%2Fs1").studies())
				.containsExactly("ResearchStudy/s1");
	}
}
