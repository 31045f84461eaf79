package org.msclupus.fhir.verification.operation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.msclupus.fhir.records.TimelineMapper;

/** What a monitor sees of a queued record: what was measured, the value as sent with its unit, and when. */
final class QueuedRecords {

	private QueuedRecords() {
	}

	/** The record's code: an Observation's, a medication's, an adverse event's; null when it has none. */
	static Coding measure(IBaseResource record) {
		CodeableConcept code = null;
		if (record instanceof Observation o) {
			code = o.getCode();
		} else if (record instanceof MedicationAdministration m && m.hasMedicationCodeableConcept()) {
			code = m.getMedicationCodeableConcept();
		} else if (record instanceof MedicationStatement m && m.hasMedicationCodeableConcept()) {
			code = m.getMedicationCodeableConcept();
		} else if (record instanceof AdverseEvent a) {
			code = a.getEvent();
		}
		return code == null || !code.hasCoding() ? null : code.getCodingFirstRep().copy();
	}

	/** The value exactly as the sender wrote it, with its unit; null when the record carries none. */
	static String value(IBaseResource record) {
		if (record instanceof Observation o) {
			return o.hasValue() ? text(o.getValue()) : o.getComponent().stream()
					.filter(c -> c.hasValue())
					.map(c -> (c.getCode().hasCoding() ? c.getCode().getCodingFirstRep().getCode() + " " : "")
							+ text(c.getValue()))
					.collect(Collectors.collectingAndThen(Collectors.joining("; "), s -> s.isEmpty() ? null : s));
		}
		if (record instanceof MedicationAdministration m) {
			return m.getDosage().hasDose() ? text(m.getDosage().getDose()) : null;
		}
		if (record instanceof MedicationStatement m) {
			return m.getDosage().stream().filter(Dosage::hasDoseAndRate)
					.map(d -> d.getDoseAndRateFirstRep()).filter(d -> d.hasDoseQuantity())
					.map(d -> text(d.getDoseQuantity())).findFirst().orElse(null);
		}
		if (record instanceof AdverseEvent a) {
			return a.getEvent().hasText() ? a.getEvent().getText()
					: a.getEvent().hasCoding() ? a.getEvent().getCodingFirstRep().getDisplay() : null;
		}
		return null;
	}

	/** When the value was taken (an event's onset); empty when the record gives no day. */
	static Optional<LocalDate> date(IBaseResource record) {
		if (record instanceof Observation o) {
			return TimelineMapper.effectiveDay(o); // the day its visit and the response rules count it on
		}
		BaseDateTimeType when = null;
		if (record instanceof MedicationAdministration m) {
			when = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType()
					: m.hasEffectivePeriod() ? m.getEffectivePeriod().getStartElement() : null;
		} else if (record instanceof MedicationStatement m) {
			when = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType()
					: m.hasEffectivePeriod() ? m.getEffectivePeriod().getStartElement() : null;
		} else if (record instanceof AdverseEvent a && a.hasDateElement()) {
			when = a.getDateElement();
		}
		return TimelineMapper.toDay(when).map(t -> t.toLocalDate());
	}

	private static String text(Type value) {
		if (value instanceof Quantity q) {
			BigDecimal number = q.getValue();
			String unit = q.hasUnit() ? q.getUnit() : q.getCode();
			return (number == null ? "" : number.toPlainString()) + (unit == null ? "" : " " + unit);
		}
		if (value instanceof CodeableConcept c) {
			return c.hasText() ? c.getText() : c.getCodingFirstRep().hasDisplay() ? c.getCodingFirstRep().getDisplay()
					: c.getCodingFirstRep().getCode();
		}
		return value.primitiveValue();
	}
}
