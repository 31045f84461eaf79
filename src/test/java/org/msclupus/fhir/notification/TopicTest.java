package org.msclupus.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicTest {

	@Test
	void theCanonicalsArePublishedExactly() {
		assertThat(Topic.canonicals()).containsExactly(
				"http://msc-lupus.org/fhir/SubscriptionTopic/serious-adverse-event",
				"http://msc-lupus.org/fhir/SubscriptionTopic/response-changed");
		assertThat(Topic.SERIOUS_ADVERSE_EVENT.filters()).containsExactly("study");
		assertThat(Topic.RESPONSE_CHANGED.filters()).containsExactly("study", "criteria");
	}

	@Test
	void aCanonicalIsFoundWithOrWithoutAVersion() {
		assertThat(Topic.ofCanonical("http://msc-lupus.org/fhir/SubscriptionTopic/response-changed|1"))
				.contains(Topic.RESPONSE_CHANGED);
		assertThat(Topic.ofCanonical("http://msc-lupus.org/fhir/SubscriptionTopic/serious-adverse-event"))
				.contains(Topic.SERIOUS_ADVERSE_EVENT);
		assertThat(Topic.ofCanonical("http://msc-lupus.org/fhir/SubscriptionTopic/other")).isEmpty();
		assertThat(Topic.ofCanonical("Observation?code=1234-5")).isEmpty();
		assertThat(Topic.ofCanonical(null)).isEmpty();
	}

	@Test
	void idOnlyIsTheDefaultPayload() {
		assertThat(PayloadContent.DEFAULT).isEqualTo(PayloadContent.ID_ONLY);
		assertThat(PayloadContent.ofCode("full-resource")).contains(PayloadContent.FULL_RESOURCE);
		assertThat(PayloadContent.ofCode("everything")).isEmpty();
	}
}
