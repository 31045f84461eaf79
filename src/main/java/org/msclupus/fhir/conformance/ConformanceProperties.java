package org.msclupus.fhir.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trial conformance ({@code msc.conformance.*}).
 *
 * @param validateOnWrite validate trial resources against their profiles when they are stored (normalising local
 *     codes and unit spellings first); switch off only to measure its cost or to bulk-load data checked elsewhere
 * @param acceptedShapes how many shapes of resource the validator accepted are remembered, so that a resource of
 *     one of them is stored without validating it again (ADR 0021); 0 validates every write in full
 */
@ConfigurationProperties("msc.conformance")
public record ConformanceProperties(
		@DefaultValue("true") boolean validateOnWrite,
		@DefaultValue("4096") int acceptedShapes) {}
