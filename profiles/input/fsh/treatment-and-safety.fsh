Profile: MscInfusion
Parent: MedicationAdministration
Id: msc-infusion
Title: "UC-MSC infusion"
Description: "One intravenous infusion of umbilical-cord mesenchymal stem cells, dosed in million cells per kilogram (1 x 10^6 cells/kg on days 0 and 7 in Wang D et al., Clin Exp Med 2017;17:333). The product is named directly or through a contained Medication that carries the lot number."
* status MS
* status ^short = "completed for an infusion that was given; day 0 is the first completed one"
* medication[x] MS
* medication[x] ^short = "lupus-trial#uc-msc, or a reference to a contained Medication with that code and batch.lotNumber"
* subject 1..1 MS
* subject only Reference(Patient)
* effective[x] only dateTime
* effectiveDateTime 1..1 MS
* dosage 1..1 MS
* dosage.route 1..1 MS
* dosage.route = $sct#47625008
* dosage.route ^short = "Intravenous route (SNOMED CT 47625008)"
* dosage.dose 1..1 MS
* dosage.dose.value 1..1
* dosage.dose.system 1..1
* dosage.dose.system = $ucum
* dosage.dose.code 1..1
* dosage.dose.code = #10*6/kg
* dosage.dose ^short = "Million cells per kilogram of body weight (UCUM 10*6/kg)"
* extension contains InfusionNumber named infusionNumber 1..1 MS
* obeys msc-uc-msc-product and msc-positive-dose

Invariant: msc-uc-msc-product
Description: "The medication must be the UC-MSC product (lupus-trial#uc-msc), given directly or as a contained Medication with that code and a lot number."
Expression: "medication.ofType(CodeableConcept).coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial' and code = 'uc-msc').exists() or medication.ofType(Reference).resolve().where(code.coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial' and code = 'uc-msc').exists() and batch.lotNumber.exists()).exists()"
Severity: #error

Invariant: msc-positive-dose
Description: "The cell dose must be greater than zero."
Expression: "dosage.dose.value.all($this > 0)"
Severity: #error

Profile: GlucocorticoidDose
Parent: MedicationStatement
Id: glucocorticoid-dose
Title: "Glucocorticoid dose"
Description: "A period of systemic glucocorticoid treatment (prednisone, prednisolone, methylprednisolone, dexamethasone or hydrocortisone) with its daily dose in mg, from which the prednisone-equivalent dose on any date is computed."
* status MS
* medication[x] only CodeableConcept
* medicationCodeableConcept 1..1 MS
* medicationCodeableConcept from GlucocorticoidValueSet (required)
* subject 1..1 MS
* subject only Reference(Patient)
* effective[x] only Period
* effectivePeriod 1..1 MS
* effectivePeriod.start 1..1 MS
* effectivePeriod.end MS
* effectivePeriod.end ^short = "Last day of treatment, inclusive; absent while ongoing"
* dosage 1..* MS
* dosage.doseAndRate 1..* MS
* dosage.timing MS
* dosage.timing ^short = "How often per day the dose is taken; once a day when absent"
* obeys msc-glucocorticoid-units

Invariant: msc-glucocorticoid-units
Description: "Each dose is a UCUM quantity in mg (per administration), or a rate in mg/d."
Expression: "dosage.doseAndRate.all((dose.exists() and dose.ofType(Quantity).system = 'http://unitsofmeasure.org' and dose.ofType(Quantity).code = 'mg' and dose.ofType(Quantity).value > 0) or (rate.exists() and rate.ofType(Quantity).system = 'http://unitsofmeasure.org' and rate.ofType(Quantity).code = 'mg/d' and rate.ofType(Quantity).value >= 0))"
Severity: #error

Invariant: msc-serious-criteria
Description: "A serious event (R4's Serious or THO's serious) names at least one seriousness criterion that is present, as the AE Clinical Research IG's aeClinRes-seriousness-1 asks."
Severity: #error
Expression: "seriousness.coding.where(system = 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness' and (code = 'Serious' or code = 'serious')).exists() implies extension('http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/seriousness-criteria').where(extension('criterionPresent').value = true).exists()"

Profile: TrialAdverseEvent
Parent: AdverseEvent
Id: trial-adverse-event
Title: "Trial adverse event"
Description: "An adverse event of a trial subject: when it happened, whether it was serious, its CTCAE grade, and how likely the MSC infusion caused it."
* actuality MS
* subject 1..1 MS
* subject only Reference(Patient)
* date 1..1 MS
* date ^short = "When the event started"
* seriousness 1..1 MS
* event MS
* study 1..* MS
* study only Reference(ResearchStudy)
* outcome MS
* extension contains CtcaeGrade named ctcaeGrade 1..1 MS and
    SeriousnessCriteria named seriousnessCriteria 0..* MS and
    ExpectedInResearchStudy named expectedInResearchStudy 0..1 MS and
    SuspectEntity named suspectProduct 0..* MS
* obeys msc-serious-criteria
* suspectEntity MS
* suspectEntity ^short = "The MSC infusion suspected, with the assessed causality"
* suspectEntity.instance only Reference(MedicationAdministration or Medication or Substance or Device or Procedure or Immunization or MedicationStatement)
* suspectEntity.causality MS
* suspectEntity.causality.assessment MS
* suspectEntity.causality.assessment ^short = "Certain or Probably-Likely: related; Possible: possibly related; Unlikely: unrelated"
* suspectEntity.causality.method MS
* suspectEntity.causality.method ^short = "How causality was assessed (probability scale, Bayesian, checklist)"
* suspectEntity.causality.author MS
* suspectEntity.causality.author ^short = "Who assessed causality (the investigator)"
