// Valid examples: the server accepts each of these (see ConformanceIT). They reference Patient/example-subject,
// Organization/example-site and ResearchStudy/example-study, which the tests create first.

Instance: example-study
InstanceOf: MscResearchStudy
Usage: #example
* identifier[+].system = "https://clinicaltrials.gov"
* identifier[=].value = "NCT05631717"
* title = "UC-MSC versus low-dose IL-2 in lupus nephritis"
* status = #active
* phase = http://terminology.hl7.org/CodeSystem/research-study-phase#phase-2 "Phase 2"
* condition = $sct#68815009 "Lupus nephritis"
* period.start = "2023-01-01"
* arm[+].name = "uc-msc"
* arm[=].description = "1 x 10^6 UC-MSC/kg IV on days 0 and 7"
* arm[+].name = "il-2"
* arm[=].description = "Low-dose interleukin-2"
* extension[responseCriteria][+].valueCode = #ln-renal-response
* extension[responseCriteria][+].valueCode = #sri-4
* extension[visitSchedule].valueCode = #weeks-24
* extension[eligibilityCriteria].valueCanonical = "http://msc-lupus.org/fhir/Library/eligibility-nct05631717"
* arm[0].type = http://terminology.hl7.org/CodeSystem/research-study-arm-type#experimental "Experimental"

Instance: example-subject-enrolment
InstanceOf: MscResearchSubject
Usage: #example
* status = #on-study
* study = Reference(ResearchStudy/example-study)
* individual = Reference(Patient/example-subject)
* period.start = "2023-03-01"
* assignedArm = "uc-msc"
* extension[enrollingSite].valueReference = Reference(Organization/example-site)

Instance: example-sledai-2k
InstanceOf: Sledai2k
Usage: #example
* status = #final
* category[survey] = $obs-category#survey
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-03-01"
* valueInteger = 14
* component[+].code = $trial#sledai-arthritis
* component[=].valueBoolean = true
* component[+].code = $trial#sledai-proteinuria
* component[=].valueBoolean = true
* component[+].code = $trial#sledai-rash
* component[=].valueBoolean = true
* component[+].code = $trial#sledai-low-complement
* component[=].valueBoolean = true
* component[+].code = $trial#sledai-fever
* component[=].valueBoolean = true
* component[+].code = $trial#sledai-leukopenia
* component[=].valueBoolean = true
* component[+].code = $trial#sledai-seizure
* component[=].valueBoolean = false

Instance: example-sledai-2k-total-only
InstanceOf: Sledai2k
Usage: #example
* status = #final
* category[survey] = $obs-category#survey
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-08-16"
* valueInteger = 4

Instance: example-bilag-2004
InstanceOf: Bilag2004
Usage: #example
* status = #final
* category[survey] = $obs-category#survey
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-03-01"
* component[+].code = $trial#bilag-constitutional
* component[=].valueCodeableConcept = $bilag-grade#C
* component[+].code = $trial#bilag-mucocutaneous
* component[=].valueCodeableConcept = $bilag-grade#B
* component[+].code = $trial#bilag-neuropsychiatric
* component[=].valueCodeableConcept = $bilag-grade#E
* component[+].code = $trial#bilag-musculoskeletal
* component[=].valueCodeableConcept = $bilag-grade#B
* component[+].code = $trial#bilag-cardiorespiratory
* component[=].valueCodeableConcept = $bilag-grade#D
* component[+].code = $trial#bilag-gastrointestinal
* component[=].valueCodeableConcept = $bilag-grade#E
* component[+].code = $trial#bilag-ophthalmic
* component[=].valueCodeableConcept = $bilag-grade#E
* component[+].code = $trial#bilag-renal
* component[=].valueCodeableConcept = $bilag-grade#A
* component[+].code = $trial#bilag-hematological
* component[=].valueCodeableConcept = $bilag-grade#C

Instance: example-pga
InstanceOf: PhysicianGlobalAssessment
Usage: #example
* status = #final
* category[survey] = $obs-category#survey
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-03-01"
* valueQuantity = 1.8 '{score}'

Instance: example-urine-protein-24h
InstanceOf: UrineProtein24h
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 2505 'mg/(24.h)' "mg/24h"

Instance: example-upcr
InstanceOf: UrineProteinCreatinineRatio
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 2.1 'g/g'

Instance: example-serum-creatinine
InstanceOf: SerumCreatinine
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* code = $loinc#2160-0
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 1.4 'mg/dL'
* referenceRange.high = 1.2 'mg/dL'

Instance: example-serum-creatinine-si
InstanceOf: SerumCreatinine
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* code = $loinc#14682-9
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-08-14"
* valueQuantity = 97 'umol/L'

Instance: example-complement-c3
InstanceOf: ComplementC3
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 0.62 'g/L'
* referenceRange.low = 0.9 'g/L'
* referenceRange.high = 1.8 'g/L'

Instance: example-complement-c4
InstanceOf: ComplementC4
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 9 'mg/dL'

Instance: example-anti-dsdna
InstanceOf: AntiDsDna
Usage: #example
* status = #final
* category[laboratory] = $obs-category#laboratory
* code = $loinc#33799-8
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 185 '[IU]/mL'

Instance: example-trial-lab-alt
InstanceOf: TrialLabResult
Usage: #example
* status = #final
* category = $obs-category#laboratory
* code = $loinc#1742-6
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-02-27"
* valueQuantity = 24 'U/L'

Instance: example-trial-lab-weight
InstanceOf: TrialLabResult
Usage: #example
* status = #final
* category = $obs-category#vital-signs
* code = $loinc#29463-7
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-03-01"
* valueQuantity = 58.5 'kg'

Instance: example-msc-infusion-day-0
InstanceOf: MscInfusion
Usage: #example
* status = #completed
* medicationCodeableConcept = $trial#uc-msc
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-03-02T09:30:00Z"
* dosage.route = $sct#47625008 "Intravenous route"
* dosage.dose = 1 '10*6/kg'
* extension[infusionNumber].valuePositiveInt = 1

Instance: example-msc-product-lot
InstanceOf: Medication
Usage: #inline
* code = $trial#uc-msc
* batch.lotNumber = "UCMSC-2023-0042"

Instance: example-msc-infusion-day-7
InstanceOf: MscInfusion
Usage: #example
* contained[+] = example-msc-product-lot
* status = #completed
* medicationReference = Reference(example-msc-product-lot)
* subject = Reference(Patient/example-subject)
* effectiveDateTime = "2023-03-09T09:30:00Z"
* dosage.route = $sct#47625008 "Intravenous route"
* dosage.dose = 1 '10*6/kg'
* extension[infusionNumber].valuePositiveInt = 2

Instance: example-glucocorticoid-dose
InstanceOf: GlucocorticoidDose
Usage: #example
* status = #active
* medicationCodeableConcept = $rxnorm#8640 "prednisone"
* subject = Reference(Patient/example-subject)
* effectivePeriod.start = "2023-03-01"
* dosage[+].timing.repeat.frequency = 1
* dosage[=].timing.repeat.period = 1
* dosage[=].timing.repeat.periodUnit = #d
* dosage[=].doseAndRate[+].doseQuantity = 10 'mg'

Instance: example-adverse-event
InstanceOf: TrialAdverseEvent
Usage: #example
* actuality = #actual
* subject = Reference(Patient/example-subject)
* date = "2023-03-02T15:00:00Z"
* seriousness = $ae-seriousness#Non-serious "Non-serious"
* event.text = "Fever after infusion"
* study = Reference(ResearchStudy/example-study)
* extension[ctcaeGrade].valueInteger = 1
* suspectEntity[+].instance = Reference(MedicationAdministration/example-msc-infusion-day-0)
* suspectEntity[=].causality[+].assessment = $ae-causality#Probably-Likely "Probably/Likely"
