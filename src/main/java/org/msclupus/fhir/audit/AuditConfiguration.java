package org.msclupus.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.context.FhirContext;
import java.util.HashSet;
import java.util.Set;
import org.msclupus.fhir.server.RestfulServerCustomizer;
import org.msclupus.fhir.server.StorageSettingsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The audit trail. There is deliberately no setting to turn it off: every create, update, delete, read, search,
 * history read and operation, and every refused request, is recorded as an AuditEvent.
 */
@Configuration
public class AuditConfiguration {

	@Bean
	public AuditTrail auditTrail(DaoRegistry daos, IHapiTransactionService transactions, FhirContext fhirContext) {
		return new AuditTrail(daos, transactions, fhirContext);
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
			server.registerInterceptor(new AuditEventWriteGuard());
			server.registerInterceptor(new BalpAuditCaptureInterceptor(trail, new BalpContext()));
			server.registerInterceptor(new RequestAudit(trail));
		};
	}
}
