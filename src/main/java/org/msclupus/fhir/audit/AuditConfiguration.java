package org.msclupus.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.msclupus.fhir.server.RestfulServerCustomizer;
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
	public AuditTrail auditTrail(DaoRegistry daos, IHapiTransactionService transactions) {
		return new AuditTrail(daos, transactions);
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
