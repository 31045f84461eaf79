package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The write events built here are HAPI's BALP events, element for element, narrative included. */
class BalpWriteEventsTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final Date RECORDED = new Date(1_700_000_000_000L);

	static Stream<IBaseResource> resources() {
		Patient patient = new Patient();
		patient.setId("Patient/p1/_history/2");
		Observation observation = new Observation();
		observation.setId("Observation/o1");
		observation.setSubject(new Reference("Patient/p1"));
		observation.addPerformer(new Reference("Patient/p2"));
		Encounter encounter = new Encounter();
		encounter.setId("Encounter/e1");
		encounter.setSubject(new Reference("Patient/p3"));
		Organization organization = new Organization();
		organization.setId("Organization/org1");
		return Stream.of(patient, observation, encounter, organization);
	}

	@ParameterizedTest
	@MethodSource("resources")
	void createUpdateAndDeleteEventsAreHapisOwn(IBaseResource resource) {
		List<BiConsumer<BalpAuditCaptureInterceptor, ServletRequestDetails>> hooks = List.of(
				(i, r) -> i.hookStoragePrecommitResourceCreated(resource, r),
				(i, r) -> i.hookStoragePrecommitResourceUpdated(resource, resource, r),
				(i, r) -> i.hookStoragePrecommitResourceDeleted(resource, r));
		List<RestOperationTypeEnum> operations = List.of(
				RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.DELETE);
		for (int h = 0; h < hooks.size(); h++) {
			List<AuditEvent> hapi = new ArrayList<>();
			List<AuditEvent> ours = new ArrayList<>();
			hooks.get(h).accept(new BalpAuditCaptureInterceptor(hapi::add, new BalpContext()), request(operations.get(h)));
			hooks.get(h).accept(new BalpWriteEvents(ours::add, new BalpContext()), request(operations.get(h)));
			assertThat(ours).hasSize(1).hasSameSizeAs(hapi);
			assertThat(json(ours.get(0))).as(operations.get(h).name()).isEqualTo(json(hapi.get(0)))
					.contains("Audit Event</div>", "XrequestId", "req-123",
							"10.1.2.3", AuditTrail.REFERENCE_BASE + resource.getIdElement().toUnqualifiedVersionless().getValue());
			if (!(resource instanceof Organization)) {
				assertThat(json(ours.get(0))).contains(AuditTrail.REFERENCE_BASE + "Patient/");
			}
		}
	}

	static ServletRequestDetails request(RestOperationTypeEnum operation) {
		MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/fhir/Observation");
		servlet.setRemoteAddr("10.1.2.3");
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServer(new RestfulServer(FHIR));
		request.setServletRequest(servlet);
		request.setFhirServerBase("http://localhost:8080/fhir");
		request.setRequestId("req-123");
		request.setRestOperationType(operation);
		return request;
	}

	static String json(AuditEvent event) {
		event.setRecorded(RECORDED);
		return FHIR.newJsonParser().encodeResourceToString(event);
	}
}
