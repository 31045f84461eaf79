package org.msclupus.fhir.eligibility.operation;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.msclupus.fhir.eligibility.Candidate;
import org.msclupus.fhir.eligibility.Candidate.ClinicalRecord;
import org.msclupus.fhir.eligibility.Candidate.Code;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.response.GlucocorticoidCourse;
import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.response.Measurement;
import org.msclupus.fhir.response.TimelineSink;

/**
 * Takes what the eligibility screen needs out of a candidate's FHIR records. Trial measures go through the same
 * mapping as {@code $evaluate-response} (unit conversion included); other records keep their codes and dates.
 */
public class CandidateMapper {

	private static final Set<String> ENDED_CONDITIONS = Set.of("inactive", "remission", "resolved");

	private final TimelineMapper timelineMapper;

	public CandidateMapper(TimelineMapper timelineMapper) {
		this.timelineMapper = timelineMapper;
	}

	/** @param criteriaUrl the URL whose codes are investigators' attestations */
	public Candidate candidate(Patient patient, List<IBaseResource> records, String criteriaUrl) {
		List<Candidate.MeasureValue> measures = new ArrayList<>();
		List<ClinicalRecord> clinical = new ArrayList<>();
		List<Candidate.ConsentRecord> consents = new ArrayList<>();
		List<Candidate.Attestation> attestations = new ArrayList<>();
		TimelineSink sink = measureSink(measures);
		for (IBaseResource record : records) {
			if (record instanceof Observation o) {
				if (!o.hasStatus() || !Measurement.COUNTABLE_STATUSES.contains(o.getStatus().toCode())) {
					continue;
				}
				Optional<Candidate.Attestation> attestation = attestation(o, criteriaUrl);
				if (attestation.isPresent()) {
					attestations.add(attestation.get());
					continue;
				}
				timelineMapper.mapRecord(o, sink);
				observation(o).ifPresent(clinical::add);
			} else if (record instanceof Consent c) {
				consent(c).ifPresent(consents::add);
			} else if (record instanceof Resource resource) {
				clinicalRecord(resource).ifPresent(clinical::add);
			}
		}
		LocalDate earliest = null;
		LocalDate latest = null;
		if (patient.hasBirthDateElement() && patient.getBirthDateElement().getValue() != null) {
			var birth = patient.getBirthDateElement();
			TemporalPrecisionEnum precision = birth.getPrecision();
			int year = birth.getYear();
			if (precision == TemporalPrecisionEnum.YEAR) {
				earliest = LocalDate.of(year, 1, 1);
				latest = LocalDate.of(year, 12, 31);
			} else if (precision == TemporalPrecisionEnum.MONTH) {
				YearMonth month = YearMonth.of(year, birth.getMonth() + 1);
				earliest = month.atDay(1);
				latest = month.atEndOfMonth();
			} else {
				earliest = LocalDate.of(year, birth.getMonth() + 1, birth.getDay());
				latest = earliest;
			}
		}
		return new Candidate(earliest, latest, patient.hasGender() ? patient.getGender().toCode() : null, measures,
				clinical, consents, attestations);
	}

	private static TimelineSink measureSink(List<Candidate.MeasureValue> measures) {
		return new TimelineSink() {
			@Override
			public TimelineSink measurement(Measurement m) {
				if (m.status() != null && Measurement.COUNTABLE_STATUSES.contains(m.status())) {
					measures.add(new Candidate.MeasureValue(m.measure().code(), m.time().toLocalDate(), m.value(),
							m.measure().canonicalUnit(), m.evidence()));
				}
				return this;
			}

			@Override
			public TimelineSink infusion(Infusion infusion) {
				return this;
			}

			@Override
			public TimelineSink course(GlucocorticoidCourse course) {
				return this;
			}

			@Override
			public TimelineSink ignored(String note) {
				return this;
			}
		};
	}

	private static Optional<Candidate.Attestation> attestation(Observation observation, String criteriaUrl) {
		return observation.getCode().getCoding().stream().filter(c -> criteriaUrl.equals(c.getSystem()) && c.hasCode())
				.findFirst().flatMap(c -> observation.getValue() instanceof BooleanType b && b.getValue() != null
						? Optional.of(new Candidate.Attestation(criteriaUrl, c.getCode(), b.getValue(),
								TimelineMapper.effectiveDay(observation).orElse(null), reference(observation)))
						: Optional.empty());
	}

	private static Optional<ClinicalRecord> observation(Observation o) {
		LocalDate date = TimelineMapper.effectiveDay(o).orElse(null);
		if (date == null) {
			return Optional.empty();
		}
		Boolean bool = o.getValue() instanceof BooleanType b ? b.getValue() : null;
		List<Code> values = o.getValue() instanceof CodeableConcept c ? codes(c) : List.of();
		return Optional.of(new ClinicalRecord("Observation", reference(o), codes(o.getCode()), date, date, bool, values));
	}

	private static Optional<ClinicalRecord> clinicalRecord(Resource resource) {
		if (resource instanceof Condition c) {
			String verification = c.getVerificationStatus().getCodingFirstRep().getCode();
			if ("refuted".equals(verification) || "entered-in-error".equals(verification)) {
				return Optional.empty();
			}
			LocalDate start = Optional.ofNullable(date(c.getOnset())).orElse(date(c.getRecordedDateElement()));
			LocalDate end = date(c.getAbatement());
			if (end == null && c.getClinicalStatus().getCoding().stream().anyMatch(x -> ENDED_CONDITIONS.contains(
					String.valueOf(x.getCode())))) {
				end = start; // ended, on a day not recorded: it counts for history, not as ongoing
			}
			return record("Condition", c, codes(c.getCode()), start, end);
		}
		if (resource instanceof MedicationStatement m) {
			String status = m.hasStatus() ? m.getStatus().toCode() : "";
			if (status.equals("entered-in-error") || status.equals("not-taken")) {
				return Optional.empty();
			}
			Period period = m.hasEffectivePeriod() ? m.getEffectivePeriod() : null;
			LocalDate start = period != null ? date(period.getStartElement()) : date(m.getEffective());
			LocalDate end = period != null ? (period.hasEnd() ? date(period.getEndElement())
					: status.equals("completed") || status.equals("stopped") ? start : null) : start;
			return record("MedicationStatement", m, medicationCodes(m.getMedication(), m.getContained()), start, end);
		}
		if (resource instanceof MedicationAdministration a) {
			String status = a.hasStatus() ? a.getStatus().toCode() : "";
			if (status.equals("entered-in-error") || status.equals("not-done")) {
				return Optional.empty();
			}
			LocalDate start = a.hasEffectivePeriod() ? date(a.getEffectivePeriod().getStartElement()) : date(a.getEffective());
			LocalDate end = a.hasEffectivePeriod() && a.getEffectivePeriod().hasEnd()
					? date(a.getEffectivePeriod().getEndElement()) : start;
			return record("MedicationAdministration", a, medicationCodes(a.getMedication(), a.getContained()), start, end);
		}
		if (resource instanceof MedicationRequest r) {
			String status = r.hasStatus() ? r.getStatus().toCode() : "";
			if (status.equals("entered-in-error") || status.equals("cancelled") || status.equals("draft")) {
				return Optional.empty();
			}
			LocalDate start = date(r.getAuthoredOnElement());
			LocalDate end = r.getDispenseRequest().hasValidityPeriod() && r.getDispenseRequest().getValidityPeriod().hasEnd()
					? date(r.getDispenseRequest().getValidityPeriod().getEndElement())
					: status.equals("active") ? null : start;
			return record("MedicationRequest", r, medicationCodes(r.getMedication(), r.getContained()), start, end);
		}
		if (resource instanceof Procedure p) {
			String status = p.hasStatus() ? p.getStatus().toCode() : "";
			if (!status.equals("completed") && !status.equals("in-progress")) {
				return Optional.empty();
			}
			LocalDate start = p.hasPerformedPeriod() ? date(p.getPerformedPeriod().getStartElement()) : date(p.getPerformed());
			LocalDate end = p.hasPerformedPeriod() && p.getPerformedPeriod().hasEnd()
					? date(p.getPerformedPeriod().getEndElement()) : status.equals("completed") ? start : null;
			return record("Procedure", p, codes(p.getCode()), start, end);
		}
		if (resource instanceof Immunization i) {
			if (i.getStatus() != Immunization.ImmunizationStatus.COMPLETED) {
				return Optional.empty();
			}
			LocalDate date = date(i.getOccurrence());
			return record("Immunization", i, codes(i.getVaccineCode()), date, date);
		}
		return Optional.empty();
	}

	private static Optional<ClinicalRecord> record(String type, Resource resource, List<Code> codes, LocalDate start,
			LocalDate end) {
		return start == null ? Optional.empty()
				: Optional.of(new ClinicalRecord(type, reference(resource), codes, start, end, null, List.of()));
	}

	private static Optional<Candidate.ConsentRecord> consent(Consent consent) {
		boolean research = consent.getScope().getCoding().stream().anyMatch(c -> "research".equals(c.getCode()));
		if (!research || !consent.hasStatus()) {
			return Optional.empty();
		}
		return Optional.of(new Candidate.ConsentRecord(reference(consent), consent.getStatus().toCode(),
				date(consent.getDateTimeElement())));
	}

	/** The medication's codes, given directly or by a contained Medication. */
	private static List<Code> medicationCodes(Type medication, List<Resource> contained) {
		if (medication instanceof CodeableConcept concept) {
			return codes(concept);
		}
		if (medication instanceof Reference reference && reference.getReference() != null) {
			for (Resource resource : contained) {
				if (resource instanceof Medication m && reference.getReference().equals("#" + resource.getIdPart())) {
					return codes(m.getCode());
				}
			}
		}
		return List.of();
	}

	private static List<Code> codes(CodeableConcept concept) {
		return concept.getCoding().stream().map(c -> new Code(c.getSystem(), c.getCode())).toList();
	}

	private static LocalDate date(Type value) {
		if (value instanceof Period period) {
			return date(period.getStartElement());
		}
		return value instanceof BaseDateTimeType dateTime
				? TimelineMapper.toDay(dateTime).map(LocalDateTime::toLocalDate).orElse(null)
				: null;
	}

	private static String reference(Resource resource) {
		return resource.getIdElement().toUnqualified().getValue();
	}
}
