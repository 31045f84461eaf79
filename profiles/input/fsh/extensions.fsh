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
