package org.msclupus.fhir.server;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminOperationGuardTest {

	private final AdminOperationGuard guard = new AdminOperationGuard();

	private static ServletRequestDetails operation(String name) {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setRestOperationType(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);
		request.setOperation(name);
		return request;
	}

	@Test
	void expungeIsRefused() {
		assertThatThrownBy(() -> guard.refuseAdminOperation(operation("$expunge")))
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining("$expunge");
	}

	@Test
	void ordinaryOperationsPass() {
		assertThatCode(() -> guard.refuseAdminOperation(operation("$validate"))).doesNotThrowAnyException();
		assertThatCode(() -> guard.refuseAdminOperation(operation(null))).doesNotThrowAnyException();
	}

	@Test
	void adminOperationsAreRemovedFromTheCapabilityStatement() {
		CapabilityStatement cs = new CapabilityStatement();
		CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest();
		rest.addOperation().setName("expunge");
		rest.addOperation().setName("export");
		CapabilityStatement.CapabilityStatementRestResourceComponent patient = rest.addResource().setType("Patient");
		patient.addOperation().setName("hapi.fhir.merge");
		patient.addOperation().setName("validate");

		guard.hideAdminOperations(cs);

		assertThat(rest.getOperation()).extracting(op -> op.getName()).containsExactly("export");
		assertThat(patient.getOperation()).extracting(op -> op.getName()).containsExactly("validate");
	}
}
