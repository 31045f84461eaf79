// Observation profiles of the UC-MSC lupus trials. Measures, codes and canonical units follow the trial
// specification; SLEDAI-2K weights are those of Gladman DD et al., J Rheumatol 2002;29:288.

Profile: TrialObservation
Parent: Observation
Id: trial-observation
Title: "Trial observation (common rules)"
Description: "What every trial Observation carries: a final-or-better status, a category, the patient it is about and when it was observed. The concrete trial profiles derive from this one."
* ^abstract = true
* status MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category ^slicing.description = "The trial's category, beside any the sender adds"
* code MS
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The patient (trial subject) observed"
* effective[x] 1..1 MS
* effective[x] only dateTime or Period
* effective[x] ^short = "When the sample was taken or the assessment made"

RuleSet: LaboratoryCategory
* category contains laboratory 1..1
* category[laboratory] = $obs-category#laboratory

RuleSet: SurveyCategory
* category contains survey 1..1
* category[survey] = $obs-category#survey

// A numeric result in UCUM, with its unit code required and limited to the given value set.
RuleSet: UcumQuantity(units)
* value[x] only Quantity
* valueQuantity 1..1 MS
* valueQuantity.value 1..1 MS
* valueQuantity.system 1..1 MS
* valueQuantity.system = $ucum
* valueQuantity.code 1..1 MS
* valueQuantity.code from {units} (required)

Invariant: msc-non-negative
Description: "The result must not be negative."
Expression: "value.ofType(Quantity).value.all($this >= 0)"
Severity: #error

Profile: Sledai2k
Parent: TrialObservation
Id: sledai-2k
Title: "SLEDAI-2K"
Description: "SLEDAI-2K total score (0 to 105), optionally with the 24 descriptors as boolean components. When descriptors are sent, the total must equal the sum of the weights of those present."
* insert SurveyCategory
* code = $trial#sledai-2k
* value[x] only integer
* valueInteger 1..1 MS
* valueInteger ^minValueInteger = 0
* valueInteger ^maxValueInteger = 105
* component MS
* component ^short = "A SLEDAI-2K descriptor: true when present"
* component.code from SledaiDescriptorValueSet (required)
* component.value[x] 1..1
* component.value[x] only boolean
* obeys msc-sledai-sum and msc-distinct-components

Invariant: msc-sledai-sum
Description: "When SLEDAI-2K descriptors are sent, the total must equal the sum of the weights of the descriptors present (8: seizure, psychosis, organic brain syndrome, visual disturbance, cranial nerve disorder, lupus headache, CVA, vasculitis; 4: arthritis, myositis, urinary casts, hematuria, proteinuria, pyuria; 2: rash, alopecia, mucosal ulcers, pleurisy, pericarditis, low complement, increased DNA binding; 1: fever, thrombocytopenia, leukopenia)."
Expression: "component.exists() implies value = 8 * component.where(value = true and code.coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial' and (code in ('sledai-seizure' | 'sledai-psychosis' | 'sledai-organic-brain-syndrome' | 'sledai-visual-disturbance' | 'sledai-cranial-nerve-disorder' | 'sledai-lupus-headache' | 'sledai-cva' | 'sledai-vasculitis'))).exists()).count() + 4 * component.where(value = true and code.coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial' and (code in ('sledai-arthritis' | 'sledai-myositis' | 'sledai-urinary-casts' | 'sledai-hematuria' | 'sledai-proteinuria' | 'sledai-pyuria'))).exists()).count() + 2 * component.where(value = true and code.coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial' and (code in ('sledai-rash' | 'sledai-alopecia' | 'sledai-mucosal-ulcers' | 'sledai-pleurisy' | 'sledai-pericarditis' | 'sledai-low-complement' | 'sledai-increased-dna-binding'))).exists()).count() + component.where(value = true and code.coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial' and (code in ('sledai-fever' | 'sledai-thrombocytopenia' | 'sledai-leukopenia'))).exists()).count()"
Severity: #error

Invariant: msc-distinct-components
Description: "Each component code may appear only once."
Expression: "component.code.coding.where(system = 'http://msc-lupus.org/fhir/CodeSystem/lupus-trial').code.isDistinct()"
Severity: #error

Profile: Bilag2004
Parent: TrialObservation
Id: bilag-2004
Title: "BILAG-2004"
Description: "A BILAG-2004 assessment: exactly the nine organ domains, each graded A to E."
* insert SurveyCategory
* code = $trial#bilag-2004
* value[x] 0..0
* component 9..9 MS
* component ^short = "One BILAG-2004 domain and its grade"
* component.code from BilagDomainValueSet (required)
* component.value[x] 1..1
* component.value[x] only CodeableConcept
* component.valueCodeableConcept from BilagGradeValueSet (required)
* obeys msc-distinct-components

Profile: PhysicianGlobalAssessment
Parent: TrialObservation
Id: physician-global-assessment
Title: "Physician global assessment"
Description: "Physician's global assessment of lupus activity on a 0 to 3 scale."
* insert SurveyCategory
* code = $trial#pga
* value[x] only Quantity
* valueQuantity 1..1 MS
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code = #{score}
* obeys msc-pga-range

Invariant: msc-pga-range
Description: "The physician global assessment must lie between 0 and 3."
Expression: "value.ofType(Quantity).value.all($this >= 0 and $this <= 3)"
Severity: #error

Profile: UrineProtein24h
Parent: TrialObservation
Id: urine-protein-24h
Title: "24-hour urine protein"
Description: "Protein excreted in urine over 24 hours (LOINC 2889-4), in g/(24.h) or mg/(24.h); never negative."
* insert LaboratoryCategory
* code = $loinc#2889-4
* insert UcumQuantity(UrineProtein24hUnits)
* obeys msc-non-negative

Profile: UrineProteinCreatinineRatio
Parent: TrialObservation
Id: urine-protein-creatinine-ratio
Title: "Urine protein/creatinine ratio"
Description: "Spot urine protein/creatinine ratio (LOINC 2890-2) in g/g, mg/mg, mg/g or mg/mmol; never negative."
* insert LaboratoryCategory
* code = $loinc#2890-2
* insert UcumQuantity(UpcrUnits)
* obeys msc-non-negative

Profile: SerumCreatinine
Parent: TrialObservation
Id: serum-creatinine
Title: "Serum creatinine"
Description: "Serum or plasma creatinine: LOINC 2160-0 in mg/dL or 14682-9 in umol/L."
* insert LaboratoryCategory
* code from SerumCreatinineValueSet (required)
* insert UcumQuantity(SerumCreatinineUnits)
* obeys msc-non-negative and msc-creatinine-unit

Invariant: msc-creatinine-unit
Description: "LOINC 2160-0 is reported in mg/dL and 14682-9 in umol/L."
Expression: "(code.coding.where(system = 'http://loinc.org' and code = '2160-0').exists() implies value.ofType(Quantity).code = 'mg/dL') and (code.coding.where(system = 'http://loinc.org' and code = '14682-9').exists() implies value.ofType(Quantity).code = 'umol/L')"
Severity: #error

Profile: ComplementC3
Parent: TrialObservation
Id: complement-c3
Title: "Complement C3"
Description: "Serum complement C3 (LOINC 4485-9) in g/L or mg/dL, with the laboratory's reference range when it has one."
* insert LaboratoryCategory
* code = $loinc#4485-9
* insert UcumQuantity(ComplementUnits)
* referenceRange MS
* obeys msc-non-negative

Profile: ComplementC4
Parent: TrialObservation
Id: complement-c4
Title: "Complement C4"
Description: "Serum complement C4 (LOINC 4498-2) in g/L or mg/dL, with the laboratory's reference range when it has one."
* insert LaboratoryCategory
* code = $loinc#4498-2
* insert UcumQuantity(ComplementUnits)
* referenceRange MS
* obeys msc-non-negative

Profile: AntiDsDna
Parent: TrialObservation
Id: anti-dsdna
Title: "Anti-dsDNA antibodies"
Description: "Anti-double-stranded DNA antibodies: a concentration in [IU]/mL, or a titer (a Ratio such as 1:160, or a Quantity in {titer})."
* insert LaboratoryCategory
* code from AntiDsdnaValueSet (required)
* value[x] 1..1
* value[x] only Quantity or Ratio
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code from AntiDsdnaUnits (required)
* referenceRange MS
* obeys msc-non-negative

Profile: TrialLabResult
Parent: TrialObservation
Id: trial-lab-result
Title: "Trial laboratory result"
Description: "Any other laboratory test or body measurement of the trial (safety laboratory, tumour markers, body weight), as a UCUM quantity or, for qualitative tests such as ANA, a coded result."
* obeys msc-lab-or-vital-category
* code from TrialLaboratoryValueSet (required)
* value[x] 1..1
* value[x] only Quantity or CodeableConcept
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code from http://hl7.org/fhir/ValueSet/ucum-units (required)
* referenceRange MS

Profile: ResponseAssessment
Parent: TrialObservation
Id: response-assessment
Title: "Response assessment"
Description: "The result of evaluating one response criteria set for one subject: the criteria code, the response category and the exact versions of the resources it was derived from."
* insert SurveyCategory
* code from ResponseCriteriaValueSet (required)
* code ^short = "The criteria set evaluated"
* value[x] 0..1
* value[x] only CodeableConcept
* valueCodeableConcept from ResponseValueSet (required)
* valueCodeableConcept ^short = "The response category; absent only for change-from-baseline, which grades none"
* derivedFrom MS
* derivedFrom ^short = "The Observations used, as versioned references; the Provenance lists every resource used"
* focus MS
* focus ^short = "The ResearchSubject evaluated"
* obeys msc-versioned-evidence and msc-response-present

Invariant: msc-response-present
Description: "A response category is required, except for change-from-baseline, which grades none."
Expression: "value.exists() or code.coding.where(code = 'change-from-baseline').exists()"
Severity: #error

Invariant: msc-versioned-evidence
Description: "Evidence references must name the exact version they used (Type/id/_history/version)."
Expression: "derivedFrom.all(reference.contains('/_history/'))"
Severity: #error

ValueSet: UrineProtein24hUnits
Id: urine-protein-24h-units
Title: "Units of 24-hour urine protein"
Description: "UCUM units accepted for 24-hour urine protein."
* ^url = "http://msc-lupus.org/fhir/ValueSet/urine-protein-24h-units"
* ^status = #active
* $ucum#g/(24.h) "gram per 24 hour"
* $ucum#mg/(24.h) "milligram per 24 hour"

ValueSet: UpcrUnits
Id: upcr-units
Title: "Units of urine protein/creatinine ratio"
Description: "UCUM units accepted for the urine protein/creatinine ratio."
* ^url = "http://msc-lupus.org/fhir/ValueSet/upcr-units"
* ^status = #active
* $ucum#g/g "gram per gram"
* $ucum#mg/mg "milligram per milligram"
* $ucum#mg/g "milligram per gram"
* $ucum#mg/mmol "milligram per millimole"

ValueSet: SerumCreatinineUnits
Id: serum-creatinine-units
Title: "Units of serum creatinine"
Description: "UCUM units accepted for serum creatinine."
* ^url = "http://msc-lupus.org/fhir/ValueSet/serum-creatinine-units"
* ^status = #active
* $ucum#mg/dL "milligram per deciliter"
* $ucum#umol/L "micromole per liter"

ValueSet: ComplementUnits
Id: complement-units
Title: "Units of complement C3 and C4"
Description: "UCUM units accepted for complement C3 and C4."
* ^url = "http://msc-lupus.org/fhir/ValueSet/complement-units"
* ^status = #active
* $ucum#g/L "gram per liter"
* $ucum#mg/dL "milligram per deciliter"

ValueSet: AntiDsdnaUnits
Id: anti-dsdna-units
Title: "Units of anti-dsDNA antibodies"
Description: "UCUM units accepted for anti-dsDNA antibodies: international units per millilitre, or a titer."
* ^url = "http://msc-lupus.org/fhir/ValueSet/anti-dsdna-units"
* ^status = #active
* $ucum#[IU]/mL "international unit per milliliter"
* $ucum#{titer} "titer"

Invariant: msc-lab-or-vital-category
Description: "A trial laboratory result carries the laboratory category; body weight, which EHRs send as a vital sign, may carry vital-signs instead."
Expression: "category.coding.where(system = 'http://terminology.hl7.org/CodeSystem/observation-category' and (code = 'laboratory' or code = 'vital-signs')).exists()"
Severity: #error
