package org.msclupus.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.security.Caller;

import java.util.Date;

/** What an AuditEvent becomes in the audit table, and how searches name the resources an event refers to. */
class AuditRowsTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void aRowCarriesTheSearchedColumnsAndTheWholeEventWithItsNewId() {
		AuditEvent event = AuditTrail.event(Caller.LOCAL, "read", AuditEventAction.R, 403, "no scope", "GET",
				"http://host/fhir/Patient/7", "10.0.0.1", "http://host/fhir", "Patient/7", "Patient/7");
		event.setRecorded(new Date(1_764_000_000_000L));

		AuditStore.Row row = AuditTrail.rowOf(event, "abc-1", FHIR.newJsonParser());

		assertThat(row.id()).isEqualTo("abc-1");
		assertThat(row.recorded().toEpochMilli()).isEqualTo(1_764_000_000_000L);
		assertThat(row.action()).isEqualTo("R");
		assertThat(row.subtype()).isEqualTo("read");
		assertThat(row.outcome()).isEqualTo("4");
		// The target and the patient are one resource here: one reference row. The query entity names nothing.
		assertThat(row.references()).containsExactly("http://msc-lupus.org/fhir/audited/Patient/7");
		AuditEvent stored = FHIR.newJsonParser().parseResource(AuditEvent.class, row.body());
		assertThat(stored.getIdElement().getIdPart()).isEqualTo("abc-1");
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertThat(stored.getMeta().getLastUpdated()).isEqualTo(new Date(1_764_000_000_000L));
		assertThat(stored.getOutcomeDesc()).isEqualTo("HTTP 403: no scope");
	}

	@Test
	void anEventWithoutATimeIsGivenOne() {
		AuditEvent event = new AuditEvent().setAction(AuditEventAction.E);
		long before = System.currentTimeMillis();
		AuditStore.Row row = AuditTrail.rowOf(event, "x", FHIR.newJsonParser());
		assertThat(row.recorded().toEpochMilli()).isBetween(before, System.currentTimeMillis());
		assertThat(row.subtype()).isNull();
		assertThat(row.outcome()).isNull();
		assertThat(row.references()).isEmpty();
	}

	@Test
	void searchReferencesBecomeTheTrailsLogicalReferences() {
		assertThat(AuditSearchParameters.logicalReference(new ReferenceParam("Patient/12"), null))
				.isEqualTo("http://msc-lupus.org/fhir/audited/Patient/12");
		assertThat(AuditSearchParameters.logicalReference(new ReferenceParam("12"), "Patient"))
				.isEqualTo("http://msc-lupus.org/fhir/audited/Patient/12");
		assertThat(AuditSearchParameters.logicalReference(
				new ReferenceParam("http://msc-lupus.org/fhir/audited/ResearchStudy/s1"), null))
				.isEqualTo("http://msc-lupus.org/fhir/audited/ResearchStudy/s1");
		assertThatThrownBy(() -> AuditSearchParameters.logicalReference(new ReferenceParam("12"), null))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("typed reference");
	}
}
