// Only the LOINC codes this project uses, so that $lookup and $validate-code work for them without a network
// or a full LOINC load. Displays are LOINC names as the project uses them.
CodeSystem: LoincFragment
Id: loinc-fragment
Title: "LOINC (fragment used by the UC-MSC lupus trials)"
Description: "The LOINC codes that the UC-MSC lupus trial profiles and value sets use. A fragment: LOINC itself is far larger."
* ^url = "http://loinc.org"
* ^name = "LOINC"
* ^status = #active
* ^caseSensitive = true
* ^content = #fragment
* ^copyright = "This material contains content from LOINC (http://loinc.org). LOINC is copyright (c) 1995-2024, Regenstrief Institute, Inc. and the Logical Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the license at http://loinc.org/license. LOINC(R) is a registered United States trademark of Regenstrief Institute, Inc."
* #2889-4 "Protein [Mass/time] in 24 hour Urine"
* #2890-2 "Protein/Creatinine [Mass Ratio] in Urine"
* #2160-0 "Creatinine [Mass/volume] in Serum or Plasma"
* #14682-9 "Creatinine [Moles/volume] in Serum or Plasma"
* #3094-0 "Urea nitrogen [Mass/volume] in Serum or Plasma"
* #1751-7 "Albumin [Mass/volume] in Serum or Plasma"
* #4485-9 "Complement C3 [Mass/volume] in Serum or Plasma"
* #4498-2 "Complement C4 [Mass/volume] in Serum or Plasma"
* #33799-8 "DNA double strand Ab [Units/volume] in Serum by Immunoassay"
* #32677-7 "DNA double strand Ab [Units/volume] in Serum"
* #11013-0 "DNA double strand Ab [Titer] in Serum"
* #8061-4 "Nuclear Ab [Presence] in Serum"
* #5048-4 "Nuclear Ab [Titer] in Serum by Immunofluorescence"
* #777-3 "Platelets [#/volume] in Blood by Automated count"
* #6690-2 "Leukocytes [#/volume] in Blood by Automated count"
* #718-7 "Hemoglobin [Mass/volume] in Blood"
* #1742-6 "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
* #1920-8 "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
* #1975-2 "Bilirubin.total [Mass/volume] in Serum or Plasma"
* #1968-7 "Bilirubin.direct [Mass/volume] in Serum or Plasma"
* #1834-1 "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma"
* #2039-6 "Carcinoembryonic Ag [Mass/volume] in Serum or Plasma"
* #10334-1 "Cancer Ag 125 [Units/volume] in Serum or Plasma"
* #24108-3 "Cancer Ag 19-9 [Units/volume] in Serum or Plasma"
* #29463-7 "Body weight"
