package org.msclupus.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msclupus.fhir.security.Caller;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail's own JSON writer writes what HAPI's parser writes, or declines and leaves the event to it. */
class AuditEventJsonTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Caller USER = new Caller("dr. O'Brien \"María\" <müller>", "ehr-feed\u0001",
			"https://idp.example/realm", List.of(), null, null, true);

	/** Every kind of event the server records, as stored (with the id, version and time the trail gives it). */
	static Stream<AuditEvent> events() {
		List<AuditEvent> events = new ArrayList<>();
		List<BiConsumer<BalpAuditCaptureInterceptor, IBaseResource>> writes = List.of(
				(i, r) -> i.hookStoragePrecommitResourceCreated(r, BalpWriteEventsTest.request(RestOperationTypeEnum.CREATE)),
				(i, r) -> i.hookStoragePrecommitResourceUpdated(r, r, BalpWriteEventsTest.request(RestOperationTypeEnum.UPDATE)),
				(i, r) -> i.hookStoragePrecommitResourceDeleted(r, BalpWriteEventsTest.request(RestOperationTypeEnum.DELETE)));
		BalpWriteEventsTest.resources().forEach(resource -> writes.forEach(write -> {
			write.accept(new BalpWriteEvents(events::add, new BalpContext()), resource);
			write.accept(new BalpAuditCaptureInterceptor(events::add, new BalpContext()), resource);
		}));
		for (int status : new int[] {200, 201, 403, 404, 500}) {
			events.add(AuditTrail.event(USER, "operation", AuditEventAction.E, status,
					status >= 400 ? "refused: \"scope\" missing \u2014 see /fhir/metadata?x=1&y=<2>" : null, "POST",
					"http://host/fhir/ResearchStudy/s1/$evaluate-response?endpoint=sri-4&\u00e9=\ud83d\ude00",
					"2001:db8::1", "http://host/fhir", status == 404 ? null : "ResearchStudy/s1",
					status == 200 ? "Patient/7" : null));
		}
		events.add(AuditTrail.event(Caller.LOCAL, "history-instance", AuditEventAction.R, 200, null, "GET",
				"http://host/fhir/Patient/7/_history", "10.0.0.1", "http://host/fhir", "Patient/7", "Patient/7"));
		events.add(new AuditEvent().setAction(AuditEventAction.E)); // the least an event can be
		for (int i = 0; i < events.size(); i++) {
			AuditEvent event = events.get(i);
			event.setRecorded(new Date(1_764_000_000_000L + i * 1_234L));
			AuditTrail.rowOf(event, new TimeOrderedIds().next(), FHIR.newJsonParser()); // gives id, version, time
		}
		return events.stream();
	}

	@ParameterizedTest
	@MethodSource("events")
	void writesWhatHapisParserWritesForEveryEventTheServerRecords(AuditEvent event) {
		assertThat(AuditEventJson.write(event)).contains(hapi(event));
	}

	@Test
	void writesEveryElementItKnowsAsHapiDoes() {
		AuditEvent event = events().findFirst().orElseThrow();
		event.getAgentFirstRep().getType().setText("a \"client\"\n\ttab");
		event.getAgentFirstRep().getType().getCodingFirstRep().setVersion("2024").setUserSelected(true);
		event.getAgentFirstRep().getWho().setReference("Device/d1").setType("Device");
		event.getEntityFirstRep().getWhat().getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:1");
		event.getAgentFirstRep().setRequestor(false);
		event.getSubtypeFirstRep().setUserSelected(false);
		event.setOutcomeDesc("   "); // blank: left out, as HAPI does
		event.getSource().getObserver().setDisplay("");
		assertThat(AuditEventJson.write(event)).contains(hapi(event));
	}

	@Test
	void declinesWhatItDoesNotKnowSoThatHapiEncodesIt() {
		Map<String, Consumer<AuditEvent>> unknown = new java.util.LinkedHashMap<>();
		unknown.put("an extension", e -> e.addExtension(new Extension("urn:x", new StringType("y"))));
		unknown.put("a modifier extension", e -> e.addModifierExtension(new Extension("urn:x", new StringType("y"))));
		unknown.put("a contained resource", e -> e.addContained(new Organization().setName("o")));
		unknown.put("a language", e -> e.setLanguage("en"));
		unknown.put("a period", e -> e.setPeriod(new Period().setStart(new Date())));
		unknown.put("a purpose of event", e -> e.addPurposeOfEvent(new CodeableConcept().setText("t")));
		unknown.put("a meta tag", e -> e.getMeta().addTag("urn:x", "t", null));
		unknown.put("a meta source", e -> e.getMeta().setSource("urn:x"));
		unknown.put("an id on the type", e -> e.getType().setId("t1"));
		unknown.put("an extension on a primitive", e -> e.getActionElement().addExtension("urn:x", new StringType("y")));
		unknown.put("an extension on a subtype", e -> e.getSubtypeFirstRep().addExtension("urn:x", new StringType("y")));
		unknown.put("an agent's role", e -> e.getAgentFirstRep().addRole().setText("r"));
		unknown.put("an agent's alt id", e -> e.getAgentFirstRep().setAltId("a"));
		unknown.put("an agent's name", e -> e.getAgentFirstRep().setName("n"));
		unknown.put("an agent's policy", e -> e.getAgentFirstRep().addPolicy("urn:p"));
		unknown.put("an agent's purpose of use", e -> e.getAgentFirstRep().addPurposeOfUse().setText("p"));
		unknown.put("an agent's location", e -> e.getAgentFirstRep().setLocation(new Reference("Location/1")));
		unknown.put("an agent's media", e -> e.getAgentFirstRep().setMedia(new Coding("urn:x", "m", null)));
		unknown.put("a modifier extension on an agent",
				e -> e.getAgentFirstRep().addModifierExtension(new Extension("urn:x", new StringType("y"))));
		unknown.put("an extension on the network", e -> e.getAgentFirstRep().getNetwork().addExtension("urn:x",
				new StringType("y")));
		unknown.put("an identifier's period", e -> e.getAgentFirstRep().getWho().getIdentifier()
				.setPeriod(new Period().setStart(new Date())));
		unknown.put("an identifier's use", e -> e.getAgentFirstRep().getWho().getIdentifier()
				.setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL));
		unknown.put("a reference to a resource object", e -> e.getEntityFirstRep().getWhat()
				.setResource(new Organization().setName("o")));
		unknown.put("a source site", e -> e.getSource().setSite("s"));
		unknown.put("a source type", e -> e.getSource().addType(new Coding("urn:x", "t", null)));
		unknown.put("an entity's detail", e -> e.getEntityFirstRep().addDetail().setType("t").setValue(new StringType("v")));
		unknown.put("an entity's name", e -> e.getEntityFirstRep().setName("n"));
		unknown.put("an entity's lifecycle", e -> e.getEntityFirstRep().setLifecycle(new Coding("urn:x", "l", null)));
		unknown.put("an entity's security label", e -> e.getEntityFirstRep().addSecurityLabel(new Coding("urn:x", "s", null)));
		unknown.put("an empty agent", e -> e.addAgent());
		unknown.put("an id with a version", e -> e.setId("AuditEvent/x/_history/2"));
		unknown.forEach((what, mutation) -> {
			AuditEvent event = events().findFirst().orElseThrow();
			mutation.accept(event);
			assertThat(AuditEventJson.write(event)).as(what).isEmpty();
		});
	}

	@Test
	void anEventHapiHadToEncodeIsStoredTheSame() {
		AuditEvent event = events().findFirst().orElseThrow();
		event.addExtension(new Extension("urn:x", new StringType("y")));
		AuditStore.Row row = AuditTrail.rowOf(event, "abc", FHIR.newJsonParser());
		assertThat(row.body()).isEqualTo(hapi(event)).contains("\"extension\"");
	}

	private static String hapi(AuditEvent event) {
		return FHIR.newJsonParser().encodeResourceToString(event.copy());
	}
}
