package org.msclupus.fhir.server;

import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * HAPI's batch jobs (bulk export) advance on a maintenance pass that runs once a minute by default, so a small
 * export waits a minute or two before its first step starts. A pass costs a few queries, so a shorter interval is
 * cheap; jobs still coordinate through the database, so every node may run it.
 */
@Configuration
public class BatchJobConfiguration {

	static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(10);

	@Bean
	static BeanPostProcessor batchMaintenanceIntervalSetter() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof JobMaintenanceServiceImpl maintenance) {
					maintenance.setScheduledJobFrequencyMillis(MAINTENANCE_INTERVAL.toMillis());
				}
				return bean;
			}
		};
	}
}
