// The visit schedules the two trials started with, as Schedule of Activities PlanDefinitions in the form of HL7's
// Vulcan SoA IG (hl7.fhir.uv.vulcan-schedule 1.0.0): one action per visit, timed from the day-0 action by
// relatedAction; the epoch as the action's code text; the measures collected as nested actions coded with the
// measure codes of the trial specification (local lupus-trial codes, LOINC for laboratory tests). No visit carries
// its own window (AcceptableOffsetRangeSoa): the criteria sets' windows apply, as before schedules were data.
// docs/adr/0011-visit-schedules.md says how this maps to the IG and where it departs.

RuleSet: ScheduleHeader(code, title)
* url = "http://msc-lupus.org/fhir/PlanDefinition/{code}"
* version = "1"
* name = "{code}"
* title = "{title}"
* status = #active
* type = http://terminology.hl7.org/CodeSystem/plan-definition-type#clinical-protocol
* action[+].id = "day-0"
* action[=].title = "day-0"
* action[=].description = "Day 0: the first MSC infusion, or enrolment in a control arm."
* action[=].code.text = "TREATMENT"

RuleSet: VisitAfterDay0(id, days, epoch)
* action[+].id = "{id}"
* action[=].title = "{id}"
* action[=].code.text = "{epoch}"
* action[=].relatedAction.actionId = "day-0"
* action[=].relatedAction.relationship = #after
* action[=].relatedAction.offsetDuration = {days} 'd' "days"

// What every subject must have at the visit. Proteinuria is left out: a site sends either the urine
// protein/creatinine ratio or 24-hour protein, and an activity cannot say "one of".
RuleSet: RenalMeasures
* action[=].action[+].code = $loinc#2160-0 "Creatinine [Mass/volume] in Serum or Plasma"

RuleSet: RenalAssessmentMeasures
* insert RenalMeasures
* action[=].action[+].code = $trial#sledai-2k
* action[=].action[+].code = $loinc#4485-9 "Complement C3 [Mass/volume] in Serum or Plasma"
* action[=].action[+].code = $loinc#33799-8 "DNA double strand Ab [Units/volume] in Serum"

RuleSet: ClinicalMeasures
* action[=].action[+].code = $trial#bilag-2004
* action[=].action[+].code = $trial#sledai-2k
* action[=].action[+].code = $trial#pga
* action[=].action[+].code = $loinc#2160-0 "Creatinine [Mass/volume] in Serum or Plasma"
* action[=].action[+].code = $loinc#4485-9 "Complement C3 [Mass/volume] in Serum or Plasma"

Instance: weeks-24
InstanceOf: PlanDefinition
Usage: #definition
Title: "Weeks 0-24 of the lupus nephritis trial NCT05631717"
* insert ScheduleHeader(weeks-24, Weeks 0-24 of the lupus nephritis trial NCT05631717)
* description = "UC-MSC against low-dose IL-2 in lupus nephritis: visits at weeks 4, 8, 16, 20 and 24 after day 0, the renal response assessed at week 24."
* insert VisitAfterDay0(week-4, 28, FOLLOW-UP)
* insert RenalMeasures
* insert VisitAfterDay0(week-8, 56, FOLLOW-UP)
* insert RenalMeasures
* insert VisitAfterDay0(week-16, 112, FOLLOW-UP)
* insert RenalMeasures
* insert VisitAfterDay0(week-20, 140, FOLLOW-UP)
* insert RenalMeasures
* insert VisitAfterDay0(week-24, 168, FOLLOW-UP)
* insert RenalAssessmentMeasures

Instance: months-12
InstanceOf: PlanDefinition
Usage: #definition
Title: "Months 0-12 of the UC-MSC multicenter study"
* insert ScheduleHeader(months-12, Months 0-12 of the UC-MSC multicenter study)
* description = "The multicenter UC-MSC study (Wang D et al., Arthritis Res Ther 2014;16:R79): visits at months 1, 3, 6, 9 and 12 after day 0 (a month is 30.44 days)."
* insert VisitAfterDay0(month-1, 30, FOLLOW-UP)
* insert ClinicalMeasures
* insert VisitAfterDay0(month-3, 91, FOLLOW-UP)
* insert ClinicalMeasures
* insert VisitAfterDay0(month-6, 183, FOLLOW-UP)
* insert ClinicalMeasures
* insert VisitAfterDay0(month-9, 274, FOLLOW-UP)
* insert ClinicalMeasures
* insert VisitAfterDay0(month-12, 365, FOLLOW-UP)
* insert ClinicalMeasures
