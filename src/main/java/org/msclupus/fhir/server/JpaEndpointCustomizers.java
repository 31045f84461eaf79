package org.msclupus.fhir.server;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.DiffProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The standard FHIR REST API over HAPI's JPA storage: resource providers, system operations, paging and the
 * CapabilityStatement. Deliberately not registered: the terminology uploader, the reindex provider and partition
 * management. The maintenance operations that come with HAPI's resource and system providers ($expunge, reindexing,
 * $hapi.fhir.merge) are refused by {@link AdminOperationGuard} unless an administrator turns them on.
 */
@Configuration
public class JpaEndpointCustomizers {

	@Bean
	@Order(0)
	public RestfulServerCustomizer restApiCustomizer(
			ResourceProviderFactory resourceProviders,
			@Qualifier("mySystemProviderR4") JpaSystemProvider<?, ?> systemProvider,
			ValueSetOperationProvider valueSetOperations,
			DiffProvider diffProvider) {
		return server -> {
			server.registerProviders(resourceProviders.createProviders());
			server.registerProviders(systemProvider, valueSetOperations, diffProvider);
		};
	}

	@Bean
	@Order(1)
	public RestfulServerCustomizer protocolCustomizer(
			FhirServerProperties properties, DatabaseBackedPagingProvider pagingProvider) {
		return server -> {
			server.setETagSupport(ETagSupportEnum.ENABLED);
			server.setDefaultResponseEncoding(EncodingEnum.JSON);
			server.getFhirContext().setNarrativeGenerator(new NullNarrativeGenerator());
			pagingProvider.setDefaultPageSize(properties.defaultPageSize());
			pagingProvider.setMaximumPageSize(properties.maxPageSize());
			server.setPagingProvider(pagingProvider);
			// Clients that send "X-Retry-On-Version-Conflict: retry; max-retries=n" have a write retried on the
			// server when a concurrent write to the same resource wins the race, instead of getting a 409.
			server.registerInterceptor(new ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor());
			// Without the header, conditional writes and transactions are retried too: a lost race to an identical
			// conditional create then returns the winner, as conditional create promises, rather than a 409.
			server.registerInterceptor(new ConditionalWriteRetry());
			// Writes of the same match URLs wait for each other instead of racing in their own orders.
			server.registerInterceptor(new MatchUrlLocks(MatchUrlLocks.MAX_WAIT));
			// HAPI's parser is lenient by default: a value of the wrong type would be dropped with a warning and the
			// rest stored. A trial server refuses such a resource instead (400 naming the element).
			server.getFhirContext().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
			server.registerInterceptor(new RequestInputGuard());
			server.setServerAddressStrategy(
					properties.serverAddress().isBlank()
							? new IncomingRequestAddressStrategy()
							: new HardcodedServerAddressStrategy(properties.serverAddress()));
		};
	}

	@Bean
	@Order(2)
	public RestfulServerCustomizer capabilityStatementCustomizer(
			IFhirSystemDao<?, ?> systemDao,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport) {
		return server -> {
			JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
					server, systemDao, storageSettings, searchParamRegistry, validationSupport);
			capabilities.setImplementationDescription("msc-lupus-fhir: UC-MSC lupus trial FHIR server");
			server.setServerConformanceProvider(capabilities);
			server.registerInterceptor(new CapabilityStatementCompleter());
			server.setServerName("msc-lupus-fhir");
		};
	}

	@Bean
	@Order(3)
	public RestfulServerCustomizer adminOperationGuardCustomizer(FhirServerProperties properties) {
		return server -> {
			if (!properties.adminOperationsEnabled()) {
				server.registerInterceptor(new AdminOperationGuard());
			}
		};
	}

	@Bean
	@Order(10)
	@ConditionalOnProperty(name = "msc.fhir.bulk-export-enabled", havingValue = "true", matchIfMissing = true)
	public RestfulServerCustomizer bulkExportCustomizer(BulkDataExportProvider bulkDataExportProvider) {
		return server -> server.registerProvider(bulkDataExportProvider);
	}
}
