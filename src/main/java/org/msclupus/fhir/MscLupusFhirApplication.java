package org.msclupus.fhir;

import org.msclupus.fhir.server.StartupTrace;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * msc-lupus-fhir: a FHIR R4 server for UC-MSC transplantation trials in SLE and lupus nephritis.
 *
 * <p>Auto-configurations that HAPI brings onto the classpath but does not use are excluded: the
 * Elasticsearch client (it would sniff for a cluster forever), Flyway (HAPI owns its schema), Quartz
 * (HAPI runs its own scheduler) and Thymeleaf (HAPI renders its own pages).
 */
@SpringBootApplication(
		exclude = {
			ElasticsearchRestClientAutoConfiguration.class,
			FlywayAutoConfiguration.class,
			QuartzAutoConfiguration.class,
			ThymeleafAutoConfiguration.class
		})
@ConfigurationPropertiesScan
public class MscLupusFhirApplication {

	public static void main(String[] args) {
		StartupTrace.run(new SpringApplication(MscLupusFhirApplication.class), args);
	}
}
