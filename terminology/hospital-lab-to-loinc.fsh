// How an example hospital's local laboratory codes map to LOINC. The server adds the LOINC coding to an
// Observation that arrives with only a mapped local code (the original coding is kept).
Instance: hospital-lab-to-loinc
InstanceOf: ConceptMap
Usage: #definition
Title: "Example hospital local lab codes to LOINC"
* url = "http://msc-lupus.org/fhir/ConceptMap/hospital-lab-to-loinc"
* name = "HospitalLabToLoinc"
* status = #active
* description = "Maps the local laboratory codes of an example hospital to the LOINC codes of the trial profiles."
* sourceUri = "http://hospital.example.org/fhir/ValueSet/local-lab"
* targetUri = "http://loinc.org/vs"
* group[+].source = "http://hospital.example.org/fhir/CodeSystem/local-lab"
* group[=].target = "http://loinc.org"
* group[=].element[+].code = #CREA-S
* group[=].element[=].display = "Creatinine, serum (mg/dL)"
* group[=].element[=].target[+].code = #2160-0
* group[=].element[=].target[=].display = "Creatinine [Mass/volume] in Serum or Plasma"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #CREA-SI
* group[=].element[=].display = "Creatinine, serum (umol/L)"
* group[=].element[=].target[+].code = #14682-9
* group[=].element[=].target[=].display = "Creatinine [Moles/volume] in Serum or Plasma"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #UPCR
* group[=].element[=].display = "Urine protein/creatinine ratio"
* group[=].element[=].target[+].code = #2890-2
* group[=].element[=].target[=].display = "Protein/Creatinine [Mass Ratio] in Urine"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #UPRO24
* group[=].element[=].display = "Urine protein, 24 hour"
* group[=].element[=].target[+].code = #2889-4
* group[=].element[=].target[=].display = "Protein [Mass/time] in 24 hour Urine"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #C3
* group[=].element[=].display = "Complement C3"
* group[=].element[=].target[+].code = #4485-9
* group[=].element[=].target[=].display = "Complement C3 [Mass/volume] in Serum or Plasma"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #C4
* group[=].element[=].display = "Complement C4"
* group[=].element[=].target[+].code = #4498-2
* group[=].element[=].target[=].display = "Complement C4 [Mass/volume] in Serum or Plasma"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #DSDNA
* group[=].element[=].display = "Anti-dsDNA antibody"
* group[=].element[=].target[+].code = #33799-8
* group[=].element[=].target[=].display = "DNA double strand Ab [Units/volume] in Serum by Immunoassay"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #ALB
* group[=].element[=].display = "Albumin, serum"
* group[=].element[=].target[+].code = #1751-7
* group[=].element[=].target[=].display = "Albumin [Mass/volume] in Serum or Plasma"
* group[=].element[=].target[=].equivalence = #equivalent
* group[=].element[+].code = #BUN
* group[=].element[=].display = "Urea nitrogen, serum"
* group[=].element[=].target[+].code = #3094-0
* group[=].element[=].target[=].display = "Urea nitrogen [Mass/volume] in Serum or Plasma"
* group[=].element[=].target[=].equivalence = #equivalent
