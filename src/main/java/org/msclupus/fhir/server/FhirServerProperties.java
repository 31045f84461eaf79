package org.msclupus.fhir.server;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The FHIR endpoint itself ({@code msc.fhir.*}).
 *
 * @param serverAddress public base URL (for example behind a reverse proxy); empty means: taken from each request
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize largest {@code _count} honoured
 * @param maxRequestSize request bodies above this get 413 with an OperationOutcome
 * @param bulkExportEnabled whether {@code $export} (system, Patient, Group) is offered
 * @param adminOperationsEnabled whether HAPI's maintenance operations ($expunge, reindexing, merge) are offered
 */
@Validated
@ConfigurationProperties("msc.fhir")
public record FhirServerProperties(
		@DefaultValue("") String serverAddress,
		@Min(1) @DefaultValue("20") int defaultPageSize,
		@Min(1) @DefaultValue("500") int maxPageSize,
		@DefaultValue("20MB") DataSize maxRequestSize,
		@DefaultValue("true") boolean bulkExportEnabled,
		@DefaultValue("false") boolean adminOperationsEnabled) {}
