package org.msclupus.fhir.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.support.PropertiesBinding;

class OperationsPropertiesTest {

	@Test
	void theSitesZoneIsSetByPropertyOrEnvironmentElseTheServersIsUsed() {
		assertThat(PropertiesBinding.bind("msc.operations", OperationsProperties.class, Map.of(), Map.of()).zone())
				.isEqualTo(ZoneId.systemDefault());
		assertThat(PropertiesBinding.bind("msc.operations", OperationsProperties.class,
				Map.of("MSC_OPERATIONS_TIMEZONE", "Asia/Shanghai"), Map.of()).zone())
				.isEqualTo(ZoneId.of("Asia/Shanghai"));
		assertThat(PropertiesBinding.bind("msc.operations", OperationsProperties.class, Map.of(),
				Map.of("msc.operations.time-zone", "Europe/Paris")).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
	}

	/**
	 * At 23:30 UTC it is already the next morning at a site eight hours ahead: an operation asked without a date
	 * takes the site's date, so the morning's values count and a screening is as of that day.
	 */
	@Test
	void todayIsTheSitesDate() {
		Clock server = new OperationsConfiguration().clock(new OperationsProperties(ZoneId.of("Asia/Shanghai")));
		assertThat(server.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
		Clock at = Clock.fixed(Instant.parse("2026-12-07T23:30:00Z"), server.getZone());
		assertThat(OperationParameters.lastDayOrToday(null, at)).isEqualTo(LocalDate.parse("2026-12-08"));
		assertThat(OperationParameters.lastDayOrToday(null, Clock.fixed(Instant.parse("2026-12-07T23:30:00Z"),
				ZoneId.of("UTC")))).isEqualTo(LocalDate.parse("2026-12-07"));
	}
}
