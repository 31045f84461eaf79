package org.msclupus.fhir.response.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.Sri4;

/** docs/configuration.md lists every threshold of every criteria set with its default, and nothing else. */
class ConfigurationDocsTest {

	private static final Pattern ROW = Pattern.compile(
			"^\\|\\s*(`([a-z0-9-]+)`)?\\s*\\|\\s*`([a-z-]+)`\\s*\\|\\s*([0-9.]+)\\s*\\|$");

	@Test
	void theThresholdTableIsTheCode() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		String criteria = null;
		for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				criteria = row.group(2) != null ? row.group(2) : criteria;
				documented.put(criteria + "." + row.group(3), new BigDecimal(row.group(4)).stripTrailingZeros()
						.toPlainString());
			}
		}
		Map<String, String> actual = new LinkedHashMap<>();
		for (ResponseCriteria set : new ResponseCriteria[] {new LnRenalResponse(LnRenalResponse.Thresholds.DEFAULTS),
				new Sri4(Sri4.Thresholds.DEFAULTS), new BilagMcrPcr(BilagMcrPcr.Thresholds.DEFAULTS),
				new ChangeFromBaseline(ChangeFromBaseline.Thresholds.DEFAULTS)}) {
			set.thresholds().forEach((name, value) -> actual.put(set.code() + "." + kebab(name),
					new BigDecimal(value.toString()).stripTrailingZeros().toPlainString()));
		}
		assertThat(documented).isEqualTo(actual);
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
				.toLowerCase(java.util.Locale.ROOT);
	}
}
