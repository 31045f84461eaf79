CodeSystem: BilagGradeCodeSystem
Id: bilag-grade
Title: "BILAG-2004 grades"
Description: "The five grades of a BILAG-2004 domain, from severe activity (A) to never involved (E)."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/bilag-grade"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #A "A: severe activity" "Severe disease activity needing treatment such as high-dose glucocorticoids or immunosuppression."
* #B "B: moderate activity" "Moderate disease activity needing low-dose glucocorticoids or symptomatic therapy."
* #C "C: mild activity" "Mild, stable disease activity."
* #D "D: inactive" "Inactive now, but involved in the past."
* #E "E: never involved" "This organ system has never been involved."

ValueSet: BilagGradeValueSet
Id: bilag-grade
Title: "BILAG-2004 grades"
Description: "All BILAG-2004 grades, A to E."
* ^url = "http://msc-lupus.org/fhir/ValueSet/bilag-grade"
* ^status = #active
* include codes from system $bilag-grade
