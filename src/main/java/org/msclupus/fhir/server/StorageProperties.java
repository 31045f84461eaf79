package org.msclupus.fhir.server;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Where and how resources are stored ({@code msc.storage.*}).
 *
 * @param dataDir directory of the embedded H2 database file (ignored when {@code spring.datasource.url} points
 *     elsewhere)
 * @param hibernateDialect HAPI dialect class; empty means: chosen from the JDBC URL
 * @param schema how the schema is brought up to date at start-up
 * @param readHelpers threads one set-based study read may use beside the request's own (shared by all requests);
 *     unset: one fewer than the processors, 0: none
 */
@Validated
@ConfigurationProperties("msc.storage")
public record StorageProperties(
		@NotNull @DefaultValue("./data") Path dataDir,
		@DefaultValue("") String hibernateDialect,
		@NotNull @DefaultValue("update") SchemaMode schema,
		@Min(0) Integer readHelpers) {

	/** {@link #readHelpers}, or one fewer than the processors when unset. */
	public int readHelpersOrDefault() {
		return readHelpers != null ? readHelpers : Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
	}

	public enum SchemaMode {
		/** Hibernate adds missing tables, columns and indexes; never drops anything. */
		UPDATE,
		/** The schema is managed outside the server (for example with HAPI's migrate-database CLI). */
		NONE
	}
}
