package org.msclupus.fhir.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.response.BilagDomain;

/**
 * Builds trial data as the trial profiles expect it, as one transaction Bundle of PUTs with readable ids
 * ({@code Observation/<subject>-creatinine-2026-06-27}), so loading it twice changes nothing. Used by the demo data,
 * the tests and the benchmarks.
 */
public final class TrialRecords {

	private static final String PROFILE = TrialCodes.BASE + "/StructureDefinition/";
	private static final String SNOMED = "http://snomed.info/sct";

	/** The eligibility criteria the server ships (terminology/eligibility), by registry id. */
	static final java.util.Map<String, String> SHIPPED_ELIGIBILITY_CRITERIA = java.util.Map.of("NCT05631717",
			TrialCodes.BASE + "/Library/eligibility-nct05631717");

	private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

	public Bundle bundle() {
		return bundle;
	}

	/** A study with the trial profile, its response criteria and visit schedule; arms uc-msc and control. */
	public String study(String id, String registryId, String visitSchedule, List<String> criteria) {
		return study(id, registryId, visitSchedule, criteria, "control", "Standard of care");
	}

	/**
	 * A study with the trial profile, its response criteria and visit schedule; arms uc-msc (experimental) and the
	 * comparator named {@code comparatorArm}, which the subjects of the comparator arm must be assigned to.
	 */
	public String study(String id, String registryId, String visitSchedule, List<String> criteria,
			String comparatorArm, String comparatorDescription) {
		ResearchStudy study = new ResearchStudy();
		study.setId(id);
		study.getMeta().addProfile(PROFILE + "msc-research-study");
		study.addIdentifier().setSystem("https://clinicaltrials.gov").setValue(registryId);
		study.setTitle("UC-MSC in lupus nephritis (" + registryId + ")");
		study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
		study.setPhase(concept("http://terminology.hl7.org/CodeSystem/research-study-phase", "phase-2", "Phase 2"));
		study.addCondition(concept(SNOMED, "68815009", "Lupus nephritis"));
		study.addArm().setName("uc-msc").setDescription("1 x 10^6 UC-MSC/kg IV on days 0 and 7")
				.setType(concept("http://terminology.hl7.org/CodeSystem/research-study-arm-type", "experimental",
						"Experimental"));
		study.addArm().setName(comparatorArm).setDescription(comparatorDescription);
		study.setPeriod(new Period().setStartElement(new DateTimeType("2025-01-01")));
		criteria.forEach(c -> study.addExtension(TrialCodes.RESPONSE_CRITERIA_EXTENSION, new CodeType(c)));
		if (SHIPPED_ELIGIBILITY_CRITERIA.containsKey(registryId)) {
			study.addExtension(TrialCodes.BASE + "/StructureDefinition/eligibility-criteria",
					new org.hl7.fhir.r4.model.CanonicalType(SHIPPED_ELIGIBILITY_CRITERIA.get(registryId)));
		}
		if (visitSchedule != null) {
			study.addExtension(TrialCodes.VISIT_SCHEDULE_EXTENSION, new CodeType(visitSchedule));
		}
		return put(study);
	}

	/** An enrolling site (a hospital), as an Organization. */
	public String site(String id, String name) {
		org.hl7.fhir.r4.model.Organization site = new org.hl7.fhir.r4.model.Organization();
		site.setId(id);
		site.setName(name);
		site.setActive(true);
		return put(site);
	}

	/** A subject enrolled through {@code site} ({@code Organization/<id>}). */
	public Subject subject(String id, String studyReference, String arm, LocalDate enrolled, String site) {
		Subject subject = subject(id, studyReference, arm, enrolled);
		ResearchSubject enrolment = (ResearchSubject) bundle.getEntry().get(bundle.getEntry().size() - 1).getResource();
		enrolment.addExtension(TrialCodes.BASE + "/StructureDefinition/enrolling-site", new Reference(site));
		return subject;
	}

	/** A patient and their enrolment in the study; returns a builder for the subject's data. */
	public Subject subject(String id, String studyReference, String arm, LocalDate enrolled) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.addIdentifier().setSystem(TrialCodes.BASE + "/identifier/trial-subject").setValue(id);
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		String patientRef = put(patient);
		ResearchSubject subject = new ResearchSubject();
		subject.setId(id + "-enrolment");
		subject.getMeta().addProfile(PROFILE + "msc-research-subject");
		subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		subject.setStudy(new Reference(studyReference));
		subject.setIndividual(new Reference(patientRef));
		subject.setAssignedArm(arm);
		subject.setPeriod(new Period().setStartElement(new DateTimeType(enrolled.toString())));
		return new Subject(id, patientRef, put(subject));
	}

	private String put(Resource resource) {
		String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		bundle.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
		return url;
	}

	private static CodeableConcept concept(String system, String code, String display) {
		return new CodeableConcept().addCoding(new Coding(system, code, display));
	}

	private static Quantity ucum(String value, String unit) {
		return new Quantity().setValue(new BigDecimal(value)).setSystem(TrialCodes.UCUM).setCode(unit).setUnit(unit);
	}

	/** Adds one subject's infusions, measurements and glucocorticoid courses. */
	public final class Subject {
		private final String key;
		private final String patient;
		private final String reference;
		private int sequence;

		private Subject(String key, String patient, String reference) {
			this.key = key;
			this.patient = patient;
			this.reference = reference;
		}

		/** The ResearchSubject reference. */
		public String reference() {
			return reference;
		}

		public String infusion(LocalDate date, int number) {
			MedicationAdministration infusion = new MedicationAdministration();
			infusion.setId(key + "-infusion-" + number);
			infusion.getMeta().addProfile(PROFILE + "msc-infusion");
			infusion.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
			infusion.setMedication(concept(TrialCodes.LUPUS_TRIAL, TrialCodes.UC_MSC, "Umbilical cord MSC"));
			infusion.setSubject(new Reference(patient));
			infusion.setEffective(new DateTimeType(date + "T09:00:00Z"));
			infusion.addExtension(TrialCodes.BASE + "/StructureDefinition/infusion-number", new PositiveIntType(number));
			infusion.getDosage().setDose(ucum("1", "10*6/kg"))
					.setRoute(concept(SNOMED, "47625008", "Intravenous route"));
			return put(infusion);
		}

		public String creatinine(LocalDate date, String value, String unit) {
			Observation o = lab("serum-creatinine", "umol/L".equals(unit) ? "14682-9" : "2160-0", date, value, unit);
			o.addReferenceRange().setHigh("umol/L".equals(unit) ? ucum("106", unit) : ucum("1.2", unit));
			return put(o);
		}

		public String upcr(LocalDate date, String value, String unit) {
			return put(lab("urine-protein-creatinine-ratio", "2890-2", date, value, unit));
		}

		public String protein24h(LocalDate date, String value, String unit) {
			return put(lab("urine-protein-24h", "2889-4", date, value, unit));
		}

		public String complementC3(LocalDate date, String value, String unit) {
			return put(lab("complement-c3", "4485-9", date, value, unit));
		}

		public String complementC4(LocalDate date, String value, String unit) {
			return put(lab("complement-c4", "4498-2", date, value, unit));
		}

		/** Any other laboratory value of the trial-lab-result profile, by LOINC code. */
		public String trialLab(String name, String loinc, LocalDate date, String value, String unit) {
			Observation o = lab("trial-lab-result", loinc, date, value, unit);
			o.setId(key + "-" + name + "-" + date);
			return put(o);
		}

		/** A safety laboratory value (trial-lab-result) with the laboratory's own reference range. */
		public String safetyLab(String name, String loinc, LocalDate date, String value, String unit, String low,
				String high) {
			Observation o = lab("trial-lab-result", loinc, date, value, unit);
			o.setId(key + "-" + name + "-" + date);
			Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
			if (low != null) {
				range.setLow(ucum(low, unit));
			}
			if (high != null) {
				range.setHigh(ucum(high, unit));
			}
			return put(o);
		}

		/**
		 * A blood-pressure panel (LOINC 85354-9) with its systolic and diastolic components in mm[Hg], as EHRs send
		 * vital signs under the FHIR vital-signs profile.
		 */
		public String bloodPressure(LocalDate date, String systolic, String diastolic) {
			Observation o = vitalSign("85354-9", "Blood pressure panel", date);
			o.addComponent().setCode(concept(TrialCodes.LOINC, "8480-6", "Systolic blood pressure"))
					.setValue(ucum(systolic, "mm[Hg]"));
			o.addComponent().setCode(concept(TrialCodes.LOINC, "8462-4", "Diastolic blood pressure"))
					.setValue(ucum(diastolic, "mm[Hg]"));
			return put(o);
		}

		/** A single vital sign (heart rate 8867-4, body temperature 8310-5, body weight 29463-7, ...). */
		public String vitalSign(String loinc, String name, LocalDate date, String value, String unit) {
			Observation o = vitalSign(loinc, name, date);
			o.setValue(ucum(value, unit));
			return put(o);
		}

		private Observation vitalSign(String loinc, String name, LocalDate date) {
			Observation o = new Observation();
			o.setId(key + "-vital-" + loinc + "-" + date);
			o.setStatus(Observation.ObservationStatus.FINAL);
			o.addCategory(concept(TrialCodes.OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"));
			o.setCode(concept(TrialCodes.LOINC, loinc, name));
			o.setSubject(new Reference(patient));
			o.setEffective(new DateTimeType(date.toString()));
			return o;
		}

		/**
		 * An adverse event of this subject in a study, with its CTCAE grade; {@code suspect} is the MSC infusion it
		 * is assessed against (null for none), {@code causality} a code of adverse-event-causality-assess
		 * (Certain, Probably-Likely, Possible, Unlikely, ...).
		 */
		public String adverseEvent(String studyReference, String text, java.time.LocalDateTime start, boolean serious,
				int ctcaeGrade, String suspect, String causality) {
			AdverseEvent event = new AdverseEvent();
			event.setId(key + "-ae-" + (++sequence));
			event.getMeta().addProfile(PROFILE + "trial-adverse-event");
			event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
			event.setSubject(new Reference(patient));
			event.addStudy(new Reference(studyReference));
			event.setDateElement(new DateTimeType(start.withSecond(0).withNano(0) + ":00Z"));
			event.getEvent().setText(text);
			String seriousness = serious ? "Serious" : "Non-serious";
			event.setSeriousness(concept("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness",
					seriousness, seriousness));
			if (serious) {
				// a serious event says why (AE Clinical Research IG): here, hospitalisation
				seriousnessCriterion(event, ctcaeGrade == 5 ? TrialCodes.SERIOUS_DEATH : TrialCodes.SERIOUS_HOSPITALISATION,
						ctcaeGrade == 5 ? "Death" : "Hospitalization (initial or prolonged)");
			}
			event.addExtension(TrialCodes.BASE + "/StructureDefinition/ctcae-grade", new IntegerType(ctcaeGrade));
			if (suspect != null) {
				event.addSuspectEntity().setInstance(new Reference(suspect)).addCausality().setAssessment(concept(
						"http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess", causality, null));
			}
			return put(event);
		}

		/** Adds a seriousness criterion that is present (NCIt code, as THO's value set codes them). */
		public static void seriousnessCriterion(AdverseEvent event, String ncitCode, String display) {
			Extension criterion = event.addExtension().setUrl(TrialCodes.SERIOUSNESS_CRITERIA_EXTENSION);
			criterion.addExtension("criterionCode", concept(TrialCodes.NCIT, ncitCode, display));
			criterion.addExtension("criterionPresent", new org.hl7.fhir.r4.model.BooleanType(true));
		}

		public String antiDsdna(LocalDate date, String value) {
			return put(lab("anti-dsdna", "33799-8", date, value, "[IU]/mL"));
		}

		public String sledai(LocalDate date, int total) {
			Observation o = survey("sledai-2k", date);
			o.setValue(new IntegerType(total));
			return put(o);
		}

		public String pga(LocalDate date, String value) {
			Observation o = survey("physician-global-assessment", date);
			o.setCode(concept(TrialCodes.LUPUS_TRIAL, "pga", null));
			o.setValue(ucum(value, "{score}"));
			return put(o);
		}

		/** BILAG-2004 with the nine domain grades in specification order, e.g. "CBDEEEECD". */
		public String bilag(LocalDate date, String grades) {
			Observation o = survey("bilag-2004", date);
			BilagDomain[] domains = BilagDomain.values();
			for (int i = 0; i < domains.length; i++) {
				o.addComponent().setCode(concept(TrialCodes.LUPUS_TRIAL, domains[i].code(), null))
						.setValue(concept(TrialCodes.BILAG_GRADE, String.valueOf(grades.charAt(i)), null));
			}
			return put(o);
		}

		/** A glucocorticoid course: RxNorm ingredient, mg once a day, from start to end (null: ongoing). */
		public String glucocorticoid(String rxnorm, String name, String mgPerDay, LocalDate start, LocalDate end) {
			MedicationStatement statement = new MedicationStatement();
			statement.setId(key + "-gc-" + (++sequence));
			statement.getMeta().addProfile(PROFILE + "glucocorticoid-dose");
			statement.setStatus(end == null
					? MedicationStatement.MedicationStatementStatus.ACTIVE
					: MedicationStatement.MedicationStatementStatus.COMPLETED);
			statement.setMedication(concept(TrialCodes.RXNORM, rxnorm, name));
			statement.setSubject(new Reference(patient));
			Period period = new Period().setStartElement(new DateTimeType(start.toString()));
			if (end != null) {
				period.setEndElement(new DateTimeType(end.toString()));
			}
			statement.setEffective(period);
			statement.addDosage().addDoseAndRate().setDose(ucum(mgPerDay, "mg"));
			return put(statement);
		}

		private Observation lab(String profile, String loinc, LocalDate date, String value, String unit) {
			Observation o = observation(profile, date);
			o.addCategory(concept(TrialCodes.OBSERVATION_CATEGORY, "laboratory", "Laboratory"));
			o.setCode(concept(TrialCodes.LOINC, loinc, null));
			o.setValue(ucum(value, unit));
			return o;
		}

		private Observation survey(String code, LocalDate date) {
			Observation o = observation(code, date);
			o.addCategory(concept(TrialCodes.OBSERVATION_CATEGORY, "survey", "Survey"));
			o.setCode(concept(TrialCodes.LUPUS_TRIAL, code, null));
			return o;
		}

		private Observation observation(String profile, LocalDate date) {
			Observation o = new Observation();
			o.setId(key + "-" + profile + "-" + date);
			o.getMeta().addProfile(PROFILE + profile);
			o.setStatus(Observation.ObservationStatus.FINAL);
			o.setSubject(new Reference(patient));
			o.setEffective(new DateTimeType(date.toString()));
			return o;
		}
	}
}
