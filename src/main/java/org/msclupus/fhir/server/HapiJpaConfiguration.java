package org.msclupus.fhir.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Properties;

/**
 * HAPI FHIR JPA storage for R4: HAPI's own configuration classes plus the few beans HAPI expects the host
 * application to provide (storage settings, entity manager factory, transaction manager).
 *
 * <p>HAPI's {@code HapiJpaConfig} is deliberately not imported: it also defines the Hibernate Search (Lucene or
 * Elasticsearch) full-text service, whose mere presence makes HAPI expand ValueSets and run some searches through
 * an index. A local Lucene index would be state private to each node, which breaks several nodes on one
 * PostgreSQL, so this server runs without full-text search and defines HAPI's other beans from that class here.
 */
@Configuration
@Import({
	JpaR4Config.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionChannelConfig.class,
	ThreadPoolFactoryConfig.class
})
public class HapiJpaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HapiJpaConfiguration.class);

	@Bean
	public JpaStorageSettings jpaStorageSettings(FhirServerProperties fhir,
			ObjectProvider<StorageSettingsCustomizer> customizers) {
		JpaStorageSettings settings = new JpaStorageSettings();
		// A reused cached search could miss a write another node just made; trial data must never look stale.
		settings.setReuseCachedSearchResultsForMillis(null);
		settings.setEnableTaskBulkExportJobExecution(fhir.bulkExportEnabled());
		// Let batch jobs (bulk export) move to their next step as soon as one finishes, not on the next minute tick.
		settings.setJobFastTrackingEnabled(true);
		// References to resources that do not exist are rejected (4xx), never silently created as placeholders.
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setAllowExternalReferences(false);
		settings.setDefaultSearchParamsCanBeOverridden(false);
		// HAPI 8 records each search parameter's hash in HFJ_SPIDX_IDENTITY, one transaction per parameter on a
		// thread beside start-up (about 1,000 on a new database) and again for each new one a search or write meets.
		// Nothing in HAPI 8.8 or here reads the table back; HAPI's own tests turn it off too (docs/benchmarks.md).
		settings.setWriteToSearchParamIdentityTable(false);
		// Pre-expansion stores expansions through Hibernate Search, which this server does not run; the trial's
		// value sets are small and expand in memory on request.
		settings.setPreExpandValueSets(false);
		// Deletes keep every prior version (FHIR history); removing data for good ($expunge, DELETE ?_expunge=true)
		// is an administrator's tool, off unless msc.fhir.admin-operations-enabled is set.
		settings.setExpungeEnabled(fhir.adminOperationsEnabled());
		settings.setDeleteExpungeEnabled(fhir.adminOperationsEnabled());
		customizers.orderedStream().forEach(customizer -> customizer.customize(settings));
		return settings;
	}

	@Bean
	public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
		return new StaleSearchDeletingSvcImpl();
	}

	@Bean
	public DatabaseBackedPagingProvider databaseBackedPagingProvider() {
		return new DatabaseBackedPagingProvider();
	}

	@Bean
	public IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
		return new DaoRegistryResourceSupportedSvc(daoRegistry);
	}

	@Bean(name = "myResourceCountsCache")
	public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
		return ResourceCountCacheUtil.newResourceCountCache(systemDao);
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	public SubscriptionSettings subscriptionSettings() {
		return new SubscriptionSettings();
	}

	@Bean
	@Primary
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			DataSource dataSource,
			JpaProperties jpaProperties,
			StorageProperties storage,
			ObjectProvider<PersistenceUnitPostProcessor> moreEntities) {
		String jdbcUrl = jdbcUrlOf(dataSource);
		String dialect = HibernateDialects.choose(storage.hibernateDialect(), jdbcUrl);
		boolean schemaLock = storage.schema() == StorageProperties.SchemaMode.UPDATE
				&& dialect.equals(HapiFhirPostgresDialect.class.getName());
		SchemaLockingEntityManagerFactoryBean factory = new SchemaLockingEntityManagerFactoryBean(beanFactory, schemaLock);
		HapiEntityManagerFactoryUtil.configureEntityManagerFactory(factory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		// The product's own tables (beside HAPI's) join the same persistence unit, schema and transactions.
		factory.setPersistenceUnitPostProcessors(moreEntities.orderedStream().toArray(PersistenceUnitPostProcessor[]::new));
		factory.setDataSource(dataSource);
		factory.setJpaProperties(hibernateProperties(jpaProperties, storage, dialect));
		return factory;
	}

	/** Asked of the DataSource itself, so a DataSource bean defined in code is judged by what it really is. */
	private static String jdbcUrlOf(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData database = connection.getMetaData();
			log.info("Storage: {} {}", database.getDatabaseProductName(), database.getDatabaseProductVersion());
			return database.getURL();
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot connect to the configured database: " + e.getMessage(), e);
		}
	}

	static Properties hibernateProperties(JpaProperties jpaProperties, StorageProperties storage, String dialect) {
		Properties properties = new Properties();
		properties.putAll(jpaProperties.getProperties());
		properties.put("hibernate.dialect", dialect);
		properties.put(
				"hibernate.hbm2ddl.auto", storage.schema() == StorageProperties.SchemaMode.UPDATE ? "update" : "none");
		// Full-text indexing needs Lucene/Elasticsearch, which this server does not run.
		properties.put("hibernate.search.enabled", "false");
		if (dialect.equals(HapiFhirH2Dialect.class.getName())) {
			// H2 reads the whole resource table for HAPI's reference lookup as written; a row-value list uses the index.
			properties.putIfAbsent(AvailableSettings.STATEMENT_INSPECTOR, new H2ResourceLookupRewrite());
		}
		return properties;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
