CodeSystem: VisitScheduleCodeSystem
Id: visit-schedule
Title: "Visit schedules"
Description: "Named visit schedules of UC-MSC lupus trials (see the response criteria specification)."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/visit-schedule"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #weeks-24 "Weeks 4, 8, 16, 20 and 24" "Visits at weeks 4, 8, 16, 20 and 24 after day 0, as in the lupus nephritis trial NCT05631717."
* #months-12 "Months 1, 3, 6, 9 and 12" "Visits at months 1, 3, 6, 9 and 12 after day 0, as in the UC-MSC multicenter study (Wang D et al., Arthritis Res Ther 2014;16:R79)."
