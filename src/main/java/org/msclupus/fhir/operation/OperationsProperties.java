package org.msclupus.fhir.operation;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operations' settings ({@code msc.operations.*}).
 *
 * @param timeZone the zone whose date is "today" for an operation asked without a date ({@code asOf},
 *                 {@code screeningDate}): the trial sites' zone. Records are dated as written at the site, so a
 *                 server whose own zone is another (a container in UTC at a site eight hours ahead) would otherwise
 *                 leave out the morning's values and screen as of yesterday until 08:00. Unset: the server's zone.
 */
@ConfigurationProperties("msc.operations")
public record OperationsProperties(ZoneId timeZone) {

	/** The zone "today" is taken in. */
	public ZoneId zone() {
		return timeZone != null ? timeZone : ZoneId.systemDefault();
	}
}
