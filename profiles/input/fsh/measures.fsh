// Relapse groups start at month 3: a relapse is judged against an earlier response visit, so month 1 has none.
// The Measures that persisted study reports (MeasureReport, type summary) are reported against: one per graded
// criteria set, one group per response category, the standard proportion populations and a stratifier by arm.

RuleSet: ResponseMeasure(id, title)
* url = "http://msc-lupus.org/fhir/Measure/{id}"
* version = "1"
* name = "{title}"
* title = "{title}"
* status = #active
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#proportion
* type = http://terminology.hl7.org/CodeSystem/measure-type#outcome
* improvementNotation = http://terminology.hl7.org/CodeSystem/measure-improvement-notation#increase

RuleSet: CategoryGroup(code, display)
* group[+].code = $response#{code} "{display}"
* group[=].description = "Subjects whose response is {display}."
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].criteria.language = #text/plain
* group[=].population[=].criteria.expression = "Subjects enrolled in the study (or the arm)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].population[=].criteria.language = #text/plain
* group[=].population[=].criteria.expression = "All enrolled subjects"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#numerator
* group[=].population[=].criteria.language = #text/plain
* group[=].population[=].criteria.expression = "Subjects whose response is {code}"
* group[=].stratifier[+].code.text = "arm"
* group[=].stratifier[=].criteria.language = #text/plain
* group[=].stratifier[=].criteria.expression = "ResearchSubject.assignedArm"

RuleSet: RelapseGroup(visit)
* group[+].code = http://msc-lupus.org/fhir/CodeSystem/lupus-trial#bilag-mcr-pcr
* group[=].code.text = "relapse at {visit}"
* group[=].description = "Responders (MCR or PCR) whose first relapse was at {visit}."
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].criteria.language = #text/plain
* group[=].population[=].criteria.expression = "Subjects enrolled in the study (or the arm)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].population[=].criteria.language = #text/plain
* group[=].population[=].criteria.expression = "Responders: best response MCR or PCR"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#numerator
* group[=].population[=].criteria.language = #text/plain
* group[=].population[=].criteria.expression = "Responders whose first relapse was at {visit}"
* group[=].stratifier[+].code.text = "arm"
* group[=].stratifier[=].criteria.language = #text/plain
* group[=].stratifier[=].criteria.expression = "ResearchSubject.assignedArm"

Instance: ln-renal-response
InstanceOf: Measure
Usage: #definition
* insert ResponseMeasure(ln-renal-response, LnRenalResponse)
* description = "Renal complete and partial response of lupus nephritis at week 24 (NCT05631717)."
* insert CategoryGroup(CR, Complete response)
* insert CategoryGroup(PR, Partial response)
* insert CategoryGroup(NR, Non-responder)
* insert CategoryGroup(NE, Not evaluable)

Instance: sri-4
InstanceOf: Measure
Usage: #definition
* insert ResponseMeasure(sri-4, Sri4)
* description = "SLE Responder Index 4 at week 24."
* insert CategoryGroup(R, Responder)
* insert CategoryGroup(NR, Non-responder)
* insert CategoryGroup(NE, Not evaluable)

Instance: bilag-mcr-pcr
InstanceOf: Measure
Usage: #definition
* insert ResponseMeasure(bilag-mcr-pcr, BilagMcrPcr)
* description = "Major and partial clinical response by BILAG-2004 over 12 months, and relapse after a response (Wang D et al., Arthritis Res Ther 2014)."
* insert CategoryGroup(MCR, Major clinical response)
* insert CategoryGroup(PCR, Partial clinical response)
* insert CategoryGroup(NR, Non-responder)
* insert CategoryGroup(NE, Not evaluable)
* insert RelapseGroup(month-3)
* insert RelapseGroup(month-6)
* insert RelapseGroup(month-9)
* insert RelapseGroup(month-12)
