package org.msclupus.fhir.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventSourceComponent;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Writes the AuditEvents this server builds as FHIR JSON directly, character for character what HAPI's JSON parser
 * writes for them: every create, update and delete appends one, and HAPI's generic encoder (which first walks the
 * whole event looking for resources to contain) cost about 4 % of the CPU of an ingest. Only the elements the
 * server's events use are known here; an event holding anything else (an extension, an element id, a period, a
 * purpose of use...) is declined, and the caller encodes it with HAPI. {@code AuditEventJsonTest} holds the output to
 * HAPI's for every kind of event the server records and for events with each element the writer does not know.
 */
final class AuditEventJson {

	/** A plain Jackson factory, as HAPI's JSON writer uses: the same escaping of the same strings. */
	private static final JsonFactory JSON = new JsonFactory();

	private AuditEventJson() {
	}

	/** The event's JSON, or empty if it holds an element this writer does not know. */
	static Optional<String> write(AuditEvent event) {
		if (!known(event)) {
			return Optional.empty();
		}
		StringWriter out = new StringWriter(2048);
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringField("resourceType", "AuditEvent");
			if (event.getIdElement().getIdPart() != null) {
				json.writeStringField("id", event.getIdElement().getIdPart());
			}
			if (event.hasMeta()) {
				json.writeFieldName("meta");
				meta(json, event.getMeta());
			}
			if (event.hasText()) {
				json.writeFieldName("text");
				json.writeStartObject();
				primitive(json, "status", event.getText().getStatusElement());
				if (event.getText().hasDiv()) {
					json.writeStringField("div", event.getText().getDiv().getValueAsString());
				}
				json.writeEndObject();
			}
			if (event.hasType()) {
				json.writeFieldName("type");
				coding(json, event.getType());
			}
			if (event.hasSubtype()) {
				json.writeArrayFieldStart("subtype");
				for (Coding subtype : event.getSubtype()) {
					coding(json, subtype);
				}
				json.writeEndArray();
			}
			primitive(json, "action", event.getActionElement());
			primitive(json, "recorded", event.getRecordedElement());
			primitive(json, "outcome", event.getOutcomeElement());
			primitive(json, "outcomeDesc", event.getOutcomeDescElement());
			if (event.hasAgent()) {
				json.writeArrayFieldStart("agent");
				for (AuditEventAgentComponent agent : event.getAgent()) {
					agent(json, agent);
				}
				json.writeEndArray();
			}
			if (event.hasSource()) {
				json.writeFieldName("source");
				json.writeStartObject();
				reference(json, "observer", event.getSource().getObserver());
				json.writeEndObject();
			}
			if (event.hasEntity()) {
				json.writeArrayFieldStart("entity");
				for (AuditEventEntityComponent entity : event.getEntity()) {
					entity(json, entity);
				}
				json.writeEndArray();
			}
			json.writeEndObject();
		} catch (IOException e) {
			throw new UncheckedIOException(e); // a StringWriter does not fail
		}
		return Optional.of(out.toString());
	}

	private static void meta(JsonGenerator json, Meta meta) throws IOException {
		json.writeStartObject();
		primitive(json, "versionId", meta.getVersionIdElement());
		primitive(json, "lastUpdated", meta.getLastUpdatedElement());
		if (meta.hasProfile()) {
			json.writeArrayFieldStart("profile");
			for (PrimitiveType<?> profile : meta.getProfile()) {
				json.writeString(profile.getValueAsString());
			}
			json.writeEndArray();
		}
		json.writeEndObject();
	}

	private static void agent(JsonGenerator json, AuditEventAgentComponent agent) throws IOException {
		json.writeStartObject();
		if (agent.hasType()) {
			json.writeFieldName("type");
			codeableConcept(json, agent.getType());
		}
		reference(json, "who", agent.getWho());
		primitive(json, "requestor", agent.getRequestorElement());
		if (agent.hasNetwork()) {
			json.writeFieldName("network");
			json.writeStartObject();
			primitive(json, "address", agent.getNetwork().getAddressElement());
			primitive(json, "type", agent.getNetwork().getTypeElement());
			json.writeEndObject();
		}
		json.writeEndObject();
	}

	private static void entity(JsonGenerator json, AuditEventEntityComponent entity) throws IOException {
		json.writeStartObject();
		reference(json, "what", entity.getWhat());
		if (entity.hasType()) {
			json.writeFieldName("type");
			coding(json, entity.getType());
		}
		if (entity.hasRole()) {
			json.writeFieldName("role");
			coding(json, entity.getRole());
		}
		primitive(json, "description", entity.getDescriptionElement());
		primitive(json, "query", entity.getQueryElement());
		json.writeEndObject();
	}

	private static void codeableConcept(JsonGenerator json, CodeableConcept concept) throws IOException {
		json.writeStartObject();
		if (concept.hasCoding()) {
			json.writeArrayFieldStart("coding");
			for (Coding coding : concept.getCoding()) {
				coding(json, coding);
			}
			json.writeEndArray();
		}
		primitive(json, "text", concept.getTextElement());
		json.writeEndObject();
	}

	private static void coding(JsonGenerator json, Coding coding) throws IOException {
		json.writeStartObject();
		primitive(json, "system", coding.getSystemElement());
		primitive(json, "version", coding.getVersionElement());
		primitive(json, "code", coding.getCodeElement());
		primitive(json, "display", coding.getDisplayElement());
		primitive(json, "userSelected", coding.getUserSelectedElement());
		json.writeEndObject();
	}

	private static void reference(JsonGenerator json, String name, Reference reference) throws IOException {
		if (reference == null || reference.isEmpty()) {
			return;
		}
		json.writeObjectFieldStart(name);
		primitive(json, "reference", reference.getReferenceElement_());
		primitive(json, "type", reference.getTypeElement());
		if (reference.hasIdentifier()) {
			Identifier identifier = reference.getIdentifier();
			json.writeObjectFieldStart("identifier");
			primitive(json, "system", identifier.getSystemElement());
			primitive(json, "value", identifier.getValueElement());
			json.writeEndObject();
		}
		primitive(json, "display", reference.getDisplayElement());
		json.writeEndObject();
	}

	/** As HAPI writes a primitive: left out when blank, booleans as JSON booleans, the rest as strings. */
	private static void primitive(JsonGenerator json, String name, PrimitiveType<?> value) throws IOException {
		if (value == null) {
			return;
		}
		String text = value.getValueAsString();
		if (text == null || text.isBlank()) {
			return;
		}
		if (value.getValue() instanceof Boolean bool) {
			json.writeBooleanField(name, bool);
		} else {
			json.writeStringField(name, text);
		}
	}

	// What the writer knows. Anything else present (or an empty item in a list, which HAPI treats its own way)
	// sends the event to HAPI's encoder.

	private static boolean known(AuditEvent event) {
		return event.getContained().isEmpty() && !event.hasExtension() && !event.hasModifierExtension()
				&& !event.hasImplicitRules() && !event.hasLanguage() && !event.hasPeriod() && !event.hasPurposeOfEvent()
				&& (!event.getIdElement().hasIdPart() || !event.getIdElement().hasBaseUrl()
						&& !event.getIdElement().hasVersionIdPart() && !event.getIdElement().hasResourceType())
				&& (!event.hasMeta() || known(event.getMeta()))
				&& (!event.hasText() || known(event.getText()))
				&& (!event.hasType() || knownCoding(event.getType()))
				&& allKnown(event.getSubtype(), AuditEventJson::knownCoding)
				&& plainPrimitives(event.getActionElement(), event.getRecordedElement(), event.getOutcomeElement(),
						event.getOutcomeDescElement())
				&& allKnown(event.getAgent(), AuditEventJson::known)
				&& (!event.hasSource() || known(event.getSource()))
				&& allKnown(event.getEntity(), AuditEventJson::known);
	}

	private static boolean known(Meta meta) {
		return plain(meta) && !meta.hasSource() && !meta.hasSecurity() && !meta.hasTag()
				&& plainPrimitives(meta.getVersionIdElement(), meta.getLastUpdatedElement())
				&& allKnown(meta.getProfile(), profile -> plainPrimitives(profile) && !profile.isEmpty());
	}

	private static boolean known(Narrative text) {
		return plain(text) && plainPrimitives(text.getStatusElement());
	}

	private static boolean known(AuditEventAgentComponent agent) {
		return plain(agent) && !agent.hasRole() && !agent.hasAltId() && !agent.hasName() && !agent.hasLocation()
				&& !agent.hasPolicy() && !agent.hasMedia() && !agent.hasPurposeOfUse()
				&& (!agent.hasType() || known(agent.getType()))
				&& (!agent.hasWho() || known(agent.getWho()))
				&& plainPrimitives(agent.getRequestorElement())
				&& (!agent.hasNetwork() || known(agent.getNetwork()));
	}

	private static boolean known(AuditEventAgentNetworkComponent network) {
		return plain(network) && plainPrimitives(network.getAddressElement(), network.getTypeElement());
	}

	private static boolean known(AuditEventSourceComponent source) {
		return plain(source) && !source.hasSite() && !source.hasType()
				&& (!source.hasObserver() || known(source.getObserver()));
	}

	private static boolean known(AuditEventEntityComponent entity) {
		return plain(entity) && !entity.hasLifecycle() && !entity.hasSecurityLabel() && !entity.hasName()
				&& !entity.hasDetail()
				&& (!entity.hasWhat() || known(entity.getWhat()))
				&& (!entity.hasType() || knownCoding(entity.getType()))
				&& (!entity.hasRole() || knownCoding(entity.getRole()))
				&& plainPrimitives(entity.getDescriptionElement(), entity.getQueryElement());
	}

	private static boolean known(CodeableConcept concept) {
		return plain(concept) && allKnown(concept.getCoding(), AuditEventJson::knownCoding)
				&& plainPrimitives(concept.getTextElement());
	}

	private static boolean knownCoding(Coding coding) {
		return plain(coding) && plainPrimitives(coding.getSystemElement(), coding.getVersionElement(),
				coding.getCodeElement(), coding.getDisplayElement(), coding.getUserSelectedElement());
	}

	private static boolean known(Reference reference) {
		// A reference to a resource object (not by its id) is what HAPI's encoder would contain.
		return plain(reference) && reference.getResource() == null
				&& plainPrimitives(reference.getReferenceElement_(), reference.getTypeElement(),
						reference.getDisplayElement())
				&& (!reference.hasIdentifier() || known(reference.getIdentifier()));
	}

	private static boolean known(Identifier identifier) {
		return plain(identifier) && !identifier.hasUse() && !identifier.hasType() && !identifier.hasPeriod()
				&& !identifier.hasAssigner() && plainPrimitives(identifier.getSystemElement(), identifier.getValueElement());
	}

	private static <T extends Base> boolean allKnown(List<T> items, java.util.function.Predicate<T> known) {
		for (T item : items) {
			if (item == null || item.isEmpty() || !known.test(item)) {
				return false;
			}
		}
		return true;
	}

	/** No element id and no extensions (nor modifier extensions, for a backbone element). */
	private static boolean plain(Element element) {
		return element.getId() == null && !element.hasExtension()
				&& !(element instanceof BackboneElement backbone && backbone.hasModifierExtension());
	}

	private static boolean plainPrimitives(PrimitiveType<?>... values) {
		for (PrimitiveType<?> value : values) {
			if (value != null && !plain(value)) {
				return false;
			}
		}
		return true;
	}
}
