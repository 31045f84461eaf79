package org.msclupus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;

/**
 * HAPI serves batch and transaction Bundles through one provider method but advertises only {@code transaction};
 * clients that check the CapabilityStatement before sending a batch need {@code batch} listed too.
 */
@Interceptor
public class CapabilityStatementCompleter {

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addBatchInteraction(IBaseConformance capabilityStatement) {
		for (CapabilityStatement.CapabilityStatementRestComponent rest :
				((CapabilityStatement) capabilityStatement).getRest()) {
			boolean transaction = rest.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);
			boolean batch = rest.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
			if (transaction && !batch) {
				rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
			}
		}
	}
}
