package org.msclupus.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseChangesTest {

	@Test
	void aCategoryThatMovesIsAChange() {
		assertThat(ResponseChanges.between(Map.of("ln-renal-response", "NR"), Map.of("ln-renal-response", "PR")))
				.containsExactly(new ResponseChanges.Change("ln-renal-response", "NR", "PR"));
		assertThat(ResponseChanges.between(Map.of("sri-4", "R"), Map.of("sri-4", "NR")))
				.containsExactly(new ResponseChanges.Change("sri-4", "R", "NR"));
	}

	@Test
	void theSameCategoryOrNoEarlierOneIsNoChange() {
		assertThat(ResponseChanges.between(Map.of("ln-renal-response", "PR"), Map.of("ln-renal-response", "PR"))).isEmpty();
		assertThat(ResponseChanges.between(Map.of(), Map.of("ln-renal-response", "PR"))).as("first category").isEmpty();
		assertThat(ResponseChanges.between(Map.of("sri-4", "R"), Map.of("ln-renal-response", "PR"))).isEmpty();
	}

	@Test
	void eachCriteriaSetIsComparedOnItsOwn() {
		Map<String, String> before = new LinkedHashMap<>();
		before.put("ln-renal-response", "NR");
		before.put("sri-4", "R");
		before.put("bilag-mcr-pcr", "NE");
		Map<String, String> now = new LinkedHashMap<>();
		now.put("ln-renal-response", "CR");
		now.put("sri-4", "R");
		now.put("bilag-mcr-pcr", "PCR");
		assertThat(ResponseChanges.between(before, now)).containsExactly(
				new ResponseChanges.Change("ln-renal-response", "NR", "CR"),
				new ResponseChanges.Change("bilag-mcr-pcr", "NE", "PCR"));
	}
}
