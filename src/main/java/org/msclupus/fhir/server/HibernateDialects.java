package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

/**
 * Picks HAPI's Hibernate dialect from the JDBC URL, so that pointing {@code spring.datasource.url} at PostgreSQL is
 * enough to run on PostgreSQL (no separate dialect setting to forget).
 */
final class HibernateDialects {

	private HibernateDialects() {}

	static String choose(String configured, String jdbcUrl) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		if (jdbcUrl == null) {
			throw new IllegalStateException("No JDBC URL configured (spring.datasource.url)");
		}
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return HapiFhirPostgresDialect.class.getName();
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return HapiFhirH2Dialect.class.getName();
		}
		// Only the scheme goes into the message: the rest of a URL may carry credentials.
		String scheme = jdbcUrl.split(":", 3).length > 1 ? jdbcUrl.split(":", 3)[1] : jdbcUrl;
		throw new IllegalStateException("Cannot choose a HAPI dialect for JDBC scheme '" + scheme
				+ "'; set msc.storage.hibernate-dialect (supported here: h2 and postgresql)");
	}
}
