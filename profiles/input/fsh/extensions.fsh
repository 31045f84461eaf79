Extension: ResponseCriteria
Id: response-criteria
Title: "Response criteria sets"
Description: "A response criteria set the study evaluates its subjects with; $evaluate-response uses these when the caller names none."
Context: ResearchStudy
* value[x] only code
* valueCode 1..1
* valueCode from ResponseCriteriaValueSet (required)

Extension: VisitSchedule
Id: visit-schedule
Title: "Visit schedule"
Description: "The study's visit schedule, which change-from-baseline evaluates at (months-12 when absent)."
Context: ResearchStudy
* value[x] only code
* valueCode 1..1
* valueCode from VisitScheduleValueSet (required)

Extension: EnrollingSite
Id: enrolling-site
Title: "Enrolling site"
Description: "The site (hospital) that enrolled the subject; access to the subject's data is granted per site."
Context: ResearchSubject
* value[x] only Reference(Organization)
* valueReference 1..1

Extension: InfusionNumber
Id: infusion-number
Title: "Infusion number"
Description: "Which infusion of the treatment schedule this is: 1 on day 0, 2 on day 7, and so on."
Context: MedicationAdministration
* value[x] only positiveInt
* valuePositiveInt 1..1

Extension: CtcaeGrade
Id: ctcae-grade
Title: "CTCAE grade"
Description: "Severity grade of the adverse event by the Common Terminology Criteria for Adverse Events: 1 mild to 5 death."
Context: AdverseEvent
* value[x] only integer
* valueInteger 1..1
* valueInteger ^minValueInteger = 1
* valueInteger ^maxValueInteger = 5

Extension: EvaluationCriteria
Id: evaluation-criteria
Title: "Evaluation criteria"
Description: "On the Provenance of a stored response assessment: the criteria set, its version and every threshold value the evaluation used, so the result can be reproduced."
Context: Provenance
* extension contains criteria 1..1 and version 1..1 and threshold 0..*
* extension[criteria] ^short = "The criteria set code"
* extension[criteria].value[x] only code
* extension[criteria].valueCode 1..1
* extension[criteria].valueCode from ResponseCriteriaValueSet (required)
* extension[version] ^short = "The criteria set version"
* extension[version].value[x] only string
* extension[version].valueString 1..1
* extension[threshold] ^short = "One threshold as name=value, for example creatinineMaxMgPerDl=1.2"
* extension[threshold].value[x] only string
* extension[threshold].valueString 1..1

Extension: EligibilityCriteria
Id: eligibility-criteria
Title: "Eligibility criteria"
Description: "The canonical URL of the study's eligibility criteria: a Library (type logic-library) whose application/json attachment holds the criteria in the format of terminology/eligibility/README.md. $check-eligibility screens candidates against it."
Context: ResearchStudy
* value[x] only canonical
* valueCanonical 1..1

Extension: SourceVerification
Id: source-verification
Title: "Source-data verification"
Description: "Whether the study's EHR values wait for a monitor's verification: none (the default; every value counts as sent), endpoint-values (the values its criteria sets, safety summary or visit schedule use) or all (every record of its subjects). Answers with verifiedOnly=true count only verified values."
Context: ResearchStudy
* value[x] only code
* valueCode 1..1
* valueCode from SourceVerificationValueSet (required)

// Two extensions of HL7's Adverse Event Clinical Research IG, R4 backport 1.0.1 (hl7.fhir.uv.ae-research-backport-ig,
// input/fsh/adverseEventResearchProfile.fsh), kept here with the IG's canonical URLs so that nothing is fetched.
Extension: SeriousnessCriteria
Id: seriousness-criteria
Title: "Criteria reviewed in determining serious adverse event"
Description: "From the AE Clinical Research IG (R4 backport 1.0.1): the presence or absence of one criterion that makes an adverse event serious (death, life-threatening, hospitalisation, disability, congenital anomaly, other medically important condition)."
* ^url = "http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/seriousness-criteria"
* ^context.type = #element
* ^context.expression = "AdverseEvent"
* extension contains
    criterionCode 1..1 MS and
    criterionPresent 1..1
* extension[criterionCode].value[x] only CodeableConcept
* extension[criterionCode].valueCodeableConcept 1..1
* extension[criterionCode].valueCodeableConcept from SeriousnessCriteriaValueSet (extensible)
* extension[criterionPresent].value[x] only boolean
* extension[criterionPresent].value[x] 1..1

Extension: ExpectedInResearchStudy
Id: expected-in-research-study
Title: "Expected In Research Study"
Description: "From the AE Clinical Research IG (R4 backport 1.0.1): whether the event is one the study considers known or likely for its subjects."
* ^url = "http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/expected-in-research-study"
* ^context.type = #element
* ^context.expression = "AdverseEvent"
* value[x] only boolean

Extension: ExpectedAdverseEvent
Id: expected-adverse-event
Title: "Expected adverse event"
Description: "An adverse event the study expects (its reference safety information). A serious event related to the MSC infusion that matches none of them, by a code or by its text, and whose own expected-in-research-study does not say it is expected, is a candidate for expedited reporting ($safety-summary's susarCandidate)."
Context: ResearchStudy
* value[x] only CodeableConcept
* valueCodeableConcept 1..1

// The AE Clinical Research IG's suspect-entity (R4 backport 1.0.1), for a suspect R4's suspectEntity.instance cannot
// reference: the cell product itself (BiologicallyDerivedProduct) rather than its administration.
Extension: SuspectEntity
Id: suspect-entity
Title: "Suspect Entity"
Description: "From the AE Clinical Research IG (R4 backport 1.0.1): the entity suspected of causing the adverse event, with the causality assessed; here, the UC-MSC product (BiologicallyDerivedProduct) where the product rather than the infusion is meant."
* ^url = "http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/suspect-entity"
* ^context.type = #element
* ^context.expression = "AdverseEvent"
* extension contains
    instance 1..1 and
    causality 1..1
* extension[instance].value[x] only CodeableConcept or Reference(Immunization or Procedure or Substance or Medication or MedicationAdministration or MedicationStatement or Device or BiologicallyDerivedProduct or ResearchStudy)
* extension[causality].extension contains
    assessmentMethod 0..1 and
    entityRelatedness 0..1 and
    author 0..1
* extension[causality].extension[assessmentMethod].value[x] only CodeableConcept
* extension[causality].extension[entityRelatedness].value[x] only CodeableConcept
* extension[causality].extension[author].value[x] only Reference(Patient or Practitioner or PractitionerRole or RelatedPerson or ResearchSubject)
