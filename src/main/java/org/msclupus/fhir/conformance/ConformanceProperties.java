package org.msclupus.fhir.conformance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trial conformance ({@code msc.conformance.*}).
 *
 * @param validateOnWrite validate trial resources against their profiles when they are stored (normalising local
 *     codes and unit spellings first); switch off only to measure its cost or to bulk-load data checked elsewhere
 * @param acceptedShapes how many shapes of resource the validator accepted are remembered, so that a resource of
 *     one of them is stored without validating it again (ADR 0021); 0 validates every write in full
 * @param definitionsWait how long a request that reads or writes the trial's definitions waits for them to be stored
 *     after a start (ADR 0035) before it is answered 503 with Retry-After
 * @param definitionsRetryInterval how long after a failed store of the definitions (the database unreachable for a
 *     moment) the next attempt begins; attempts go on until one succeeds or the server stops
 */
@ConfigurationProperties("msc.conformance")
public record ConformanceProperties(
		@DefaultValue("true") boolean validateOnWrite,
		@DefaultValue("4096") int acceptedShapes,
		@DefaultValue("60s") Duration definitionsWait,
		@DefaultValue("15s") Duration definitionsRetryInterval) {}
