package org.msclupus.fhir.operation;

import java.time.Clock;
import java.util.List;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trial operations: every {@link TrialOperationProvider} component registered with the FHIR endpoint, and the
 * {@link OperationCatalog} that authorization reads. An operation needs nothing here to be added.
 */
@Configuration
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

	/**
	 * The server's clock, in the sites' zone ({@code msc.operations.time-zone}): "today" for an absent {@code asOf} or
	 * {@code screeningDate}, and the time jobs and exports are stamped with.
	 */
	@Bean
	public Clock clock(OperationsProperties properties) {
		return Clock.system(properties.zone());
	}

	@Bean
	public OperationCatalog operationCatalog(List<TrialOperationProvider> providers) {
		return new OperationCatalog(providers.stream().<Class<?>>map(p -> org.springframework.aop.support.AopUtils
				.getTargetClass(p)).toList());
	}

	@Bean
	public RestfulServerCustomizer registerTrialOperations(List<TrialOperationProvider> providers,
			OperationCatalog catalog) {
		return server -> {
			providers.forEach(server::registerProvider);
			server.registerInterceptor(new OperationParameterChecks(catalog));
		};
	}
}
