package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.persistence.EntityManager;
import org.msclupus.fhir.server.FhirServerProperties;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.msclupus.fhir.server.StorageSettingsCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.orm.jpa.persistenceunit.PersistenceUnitPostProcessor;

import javax.sql.DataSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The audit trail. There is deliberately no setting to turn it off: every create, update, delete, read, search,
 * history read and operation, and every refused request, is recorded as an AuditEvent in the audit table and
 * served read-only at {@code /AuditEvent} (ADR 0009, ADR 0014).
 */
@Configuration
public class AuditConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

	/** The audit table joins HAPI's persistence unit, so it is created and migrated with HAPI's schema. */
	@Bean
	public static PersistenceUnitPostProcessor auditTable() {
		return unit -> unit.addManagedClassName(AuditRecord.class.getName());
	}

	@Bean
	public AuditTrail auditTrail(EntityManager entityManager, IHapiTransactionService transactions,
			FhirContext fhirContext) {
		return new AuditTrail(entityManager, transactions, fhirContext);
	}

	@Bean
	public RefusalAudit refusalAudit(AuditTrail trail) {
		return new RefusalAudit(trail);
	}

	/**
	 * The audit trail names what was accessed with logical references, never resolved: a record must not stop the
	 * resource it names from being deleted, nor fail because that resource is gone.
	 */
	@Bean
	public StorageSettingsCustomizer auditReferencesAreLogical() {
		return settings -> {
			Set<String> logical = new HashSet<>(settings.getTreatReferencesAsLogical());
			logical.add(AuditTrail.REFERENCE_BASE + "*");
			settings.setTreatReferencesAsLogical(logical);
		};
	}

	@Bean
	@Order(-9)
	public RestfulServerCustomizer auditCustomizer(AuditTrail trail) {
		return server -> {
			server.registerInterceptor(new AuditEventRequests());
			server.registerInterceptor(new AuditEventWriteGuard());
			server.registerInterceptor(new BalpWriteEvents(trail, new BalpContext()));
			server.registerInterceptor(new RequestAudit(trail));
		};
	}

	/** After HAPI's resource providers: the audit table's read-only provider replaces HAPI's for AuditEvent. */
	@Bean
	@Order(10)
	public RestfulServerCustomizer auditEventProviderCustomizer(DataSource dataSource, FhirContext fhirContext,
			FhirServerProperties properties) {
		return server -> {
			List<IResourceProvider> hapis = server.getResourceProviders().stream()
					.filter(provider -> "AuditEvent".equals(fhirContext.getResourceType(provider.getResourceType())))
					.toList();
			server.unregisterProviders(List.copyOf(hapis));
			server.registerProvider(new AuditEventProvider(dataSource, fhirContext, properties.defaultPageSize(),
					properties.maxPageSize()));
		};
	}

	@Bean
	public LegacyAuditEvents legacyAuditEvents(DaoRegistry daos, IHapiTransactionService transactions,
			EntityManager entityManager, FhirContext fhirContext) {
		return new LegacyAuditEvents(daos, transactions, entityManager, fhirContext);
	}

	/** Once the server answers: copying older records must not hold up start-up. */
	@Bean
	public ApplicationListener<ApplicationReadyEvent> legacyAuditEventCopy(LegacyAuditEvents legacy) {
		return ready -> {
			Thread copy = new Thread(() -> {
				try {
					legacy.copyAll();
				} catch (RuntimeException e) {
					log.error("Could not copy the AuditEvents of an earlier version into the audit table; they stay "
							+ "stored as HAPI resources and the copy is tried again at the next start", e);
				}
			}, "legacy-audit-copy");
			copy.setDaemon(true);
			copy.start();
		};
	}
}
