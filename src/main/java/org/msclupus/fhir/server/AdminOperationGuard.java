package org.msclupus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

import java.util.Set;

/**
 * HAPI's JPA providers bring maintenance operations (expunge, reindexing, merge and reference replacement) that
 * rewrite or remove stored data in bulk. On a trial server those are an administrator's tools: unless
 * {@code msc.fhir.admin-operations-enabled} is set they are refused with 403 and left out of the
 * CapabilityStatement, so clients are never told they exist.
 */
@Interceptor
public class AdminOperationGuard {

	static final Set<String> ADMIN_OPERATIONS = Set.of(
			"$expunge",
			"$mark-all-resources-for-reindexing",
			"$perform-reindexing-pass",
			"$reindex-terminology",
			"$hapi.fhir.replace-references",
			"$hapi.fhir.undo-replace-references",
			"$hapi.fhir.merge",
			"$hapi.fhir.undo-merge");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void refuseAdminOperation(RequestDetails request) {
		String operation = request.getOperation();
		if (operation != null && ADMIN_OPERATIONS.contains(operation)) {
			throw new ForbiddenOperationException("Operation " + operation
					+ " is an administrative operation and is disabled on this server (msc.fhir.admin-operations-enabled)");
		}
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void hideAdminOperations(IBaseConformance capabilityStatement) {
		for (CapabilityStatement.CapabilityStatementRestComponent rest :
				((CapabilityStatement) capabilityStatement).getRest()) {
			rest.getOperation().removeIf(op -> isAdmin(op.getName()));
			rest.getResource().forEach(resource -> resource.getOperation().removeIf(op -> isAdmin(op.getName())));
		}
	}

	private static boolean isAdmin(String operationName) {
		return ADMIN_OPERATIONS.contains(operationName.startsWith("$") ? operationName : "$" + operationName);
	}
}
