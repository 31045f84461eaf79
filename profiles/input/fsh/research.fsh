Profile: MscResearchStudy
Parent: ResearchStudy
Id: msc-research-study
Title: "UC-MSC lupus research study"
Description: "A UC-MSC transplantation trial in SLE or lupus nephritis: its registry identifier, phase, condition, arms and the response criteria it evaluates."
* identifier 1..* MS
* identifier ^short = "Registry identifier, such as the ClinicalTrials.gov NCT number"
* status MS
* phase 1..1 MS
* condition 1..* MS
* condition from LupusConditionValueSet (required)
* condition ^short = "SLE (SNOMED CT 55464009) or lupus nephritis (68815009)"
* period MS
* arm 1..* MS
* arm.name MS
* arm.type MS
* enrollment MS
* enrollment ^short = "The Group(s) of enrolled patients"
* extension contains
    ResponseCriteria named responseCriteria 0..* MS and
    VisitSchedule named visitSchedule 0..1 MS and
    EligibilityCriteria named eligibilityCriteria 0..1 MS and
    SourceVerification named sourceVerification 0..1 MS and
    ExpectedAdverseEvent named expectedAdverseEvent 0..* MS

Profile: MscResearchSubject
Parent: ResearchSubject
Id: msc-research-subject
Title: "UC-MSC lupus research subject"
Description: "A patient's enrolment in a UC-MSC lupus trial: the study, the patient, the enrolment date, the assigned arm and the enrolling site."
* study 1..1 MS
* study only Reference(ResearchStudy)
* individual 1..1 MS
* status MS
* period 1..1 MS
* period.start 1..1 MS
* period.start ^short = "Enrolment date"
* assignedArm 1..1 MS
* assignedArm ^short = "Name of the study arm the subject was assigned to (ResearchStudy.arm.name)"
* extension contains EnrollingSite named enrollingSite 0..1 MS
