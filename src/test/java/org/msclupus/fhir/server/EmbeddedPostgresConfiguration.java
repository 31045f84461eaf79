package org.msclupus.fhir.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * A real PostgreSQL server (binaries from Maven Central, no Docker) owned by the Spring context, so it lives exactly
 * as long as the cached context that uses it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	public EmbeddedPostgres embeddedPostgres() throws IOException {
		return EmbeddedPostgres.builder().start();
	}

	@Bean(destroyMethod = "close")
	public DataSource dataSource(EmbeddedPostgres postgres) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl(postgres));
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(20);
		config.setExceptionOverrideClassName(org.msclupus.fhir.server.LockTimeoutsKeepConnections.class.getName());
		return new HikariDataSource(config);
	}

	public static String jdbcUrl(EmbeddedPostgres postgres) {
		return postgres.getJdbcUrl("postgres", "postgres");
	}
}
