package org.msclupus.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * What encoding one audit record costs, HAPI's JSON parser against the audit trail's own writer
 * ({@link AuditEventJson}), on the kinds of event the server records (a create, update or delete of each kind of
 * resource: one per stored resource). Prints microseconds per event for six rounds of 120,000 events each way, after
 * the JIT has seen both. {@code ./mvnw -Pbench verify -Dit.test=AuditEventEncodingBenchmark}
 */
class AuditEventEncodingBenchmark {

	@Test
	void encodeAuditEvents() {
		FhirContext fhir = FhirContext.forR4Cached();
		List<AuditEvent> events = AuditEventJsonTest.events().limit(6).toList();
		long characters = 0;
		for (int round = 0; round < 6; round++) {
			int count = 0;
			long start = System.nanoTime();
			for (int i = 0; i < 20_000; i++) {
				for (AuditEvent event : events) {
					characters += fhir.newJsonParser().encodeResourceToString(event).length();
					count++;
				}
			}
			long hapi = System.nanoTime();
			for (int i = 0; i < 20_000; i++) {
				for (AuditEvent event : events) {
					characters += AuditEventJson.write(event).orElseThrow().length();
				}
			}
			long direct = System.nanoTime();
			System.out.printf("round %d: HAPI's parser %.1f us per event, the trail's writer %.1f us per event%n", round,
					(hapi - start) / 1e3 / count, (direct - hapi) / 1e3 / count);
		}
		assertThat(characters).isPositive();
	}
}
