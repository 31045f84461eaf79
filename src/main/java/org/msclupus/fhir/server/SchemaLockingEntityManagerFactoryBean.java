package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.config.HapiFhirLocalContainerEntityManagerFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * HAPI's entity manager factory, built while holding a PostgreSQL advisory lock. Building it is when Hibernate creates
 * or extends the schema; with the lock, several nodes started together on a new database take turns instead of
 * racing to create the same tables. H2 needs no lock: its database file belongs to one process.
 */
class SchemaLockingEntityManagerFactoryBean extends HapiFhirLocalContainerEntityManagerFactoryBean {

	private static final Logger log = LoggerFactory.getLogger(SchemaLockingEntityManagerFactoryBean.class);

	/** Arbitrary but fixed: every node of this product must use the same key. ("MSCLUPUS" in ASCII.) */
	static final long SCHEMA_LOCK_KEY = 0x4d53434c55505553L;

	private final boolean lockNeeded;

	SchemaLockingEntityManagerFactoryBean(ConfigurableListableBeanFactory beanFactory, boolean lockNeeded) {
		super(beanFactory);
		this.lockNeeded = lockNeeded;
	}

	@Override
	public void afterPropertiesSet() {
		DataSource dataSource = getDataSource();
		if (!lockNeeded || dataSource == null) {
			super.afterPropertiesSet();
			return;
		}
		// A session-level lock on a connection of its own, held for the whole build and released on close.
		try (Connection lockConnection = dataSource.getConnection()) {
			execute(lockConnection, "SELECT pg_advisory_lock(?)");
			log.info("Holding the schema lock while the schema is checked and updated");
			try {
				super.afterPropertiesSet();
			} finally {
				execute(lockConnection, "SELECT pg_advisory_unlock(?)");
			}
		} catch (SQLException e) {
			throw new IllegalStateException("Could not take the schema lock: " + e.getMessage(), e);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, SCHEMA_LOCK_KEY);
			statement.execute();
		}
	}
}
