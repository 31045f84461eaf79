package org.msclupus.fhir.server;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msclupus.fhir.support.H2ServerTest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract on the embedded default (H2 in a file), plus every Synthea EHR sample bundle as is. */
@H2ServerTest
class H2FhirServerIT extends AbstractFhirServerIT {

	static List<Path> ehrSampleBundles() throws IOException {
		try (Stream<Path> files = Files.list(EHR_SAMPLES)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	ca.uhn.fhir.jpa.api.dao.DaoRegistry daos;

	@org.springframework.beans.factory.annotation.Autowired
	org.msclupus.fhir.audit.LegacyAuditEvents legacyAuditEvents;

	/** AuditEvents that an earlier version stored as HAPI resources are copied to the audit table, ids kept. */
	@org.junit.jupiter.api.Test
	void auditEventsOfAnEarlierVersionAreServedFromTheAuditTable() throws Exception {
		org.hl7.fhir.r4.model.AuditEvent old = new org.hl7.fhir.r4.model.AuditEvent();
		old.getType().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110110");
		old.setAction(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.R);
		old.setRecorded(new java.util.Date(1_700_000_000_000L));
		old.getSource().getObserver().setDisplay("an earlier version");
		old.addEntity().getWhat().setReference("http://msc-lupus.org/fhir/audited/Patient/earlier-" + unique());
		String id = daos.getResourceDao(org.hl7.fhir.r4.model.AuditEvent.class)
				.create(old, new ca.uhn.fhir.rest.api.server.SystemRequestDetails()).getId().getIdPart();
		assertThat(send("GET", "/AuditEvent/" + id, null, null).statusCode()).isEqualTo(404);

		// The copy after start-up may be running still, and may or may not have seen this one.
		assertThat(legacyAuditEvents.copyAll()).isBetween(0, 1);
		assertThat(legacyAuditEvents.copyAll()).isZero();
		HttpResponse<String> copied = send("GET", "/AuditEvent/" + id, null, null);
		assertThat(copied.statusCode()).isEqualTo(200);
		assertThat(copied.body()).contains("an earlier version");
		String patient = old.getEntityFirstRep().getWhat().getReference();
		assertThat(send("GET", "/AuditEvent?entity=" + patient, null, null).body()).contains("\"total\":1");
	}

	@ParameterizedTest
	@MethodSource("ehrSampleBundles")
	void everyEhrSampleBundleIsAcceptedAsIs(Path bundle) throws Exception {
		Bundle sent = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(bundle));
		HttpResponse<String> response = send("POST", "", "application/fhir+json", Files.readString(bundle));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Bundle result = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
		assertThat(result.getEntry()).hasSameSizeAs(sent.getEntry())
				.allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
	}
}
