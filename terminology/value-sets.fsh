ValueSet: TrialLaboratoryValueSet
Id: trial-laboratory
Title: "Trial laboratory tests"
Description: "Laboratory tests and body measurements recorded in UC-MSC lupus trials beyond the disease-specific measures (safety laboratory, tumour markers, body weight)."
* ^url = "http://msc-lupus.org/fhir/ValueSet/trial-laboratory"
* ^status = #active
* $loinc#1751-7 "Albumin [Mass/volume] in Serum or Plasma"
* $loinc#3094-0 "Urea nitrogen [Mass/volume] in Serum or Plasma"
* $loinc#8061-4 "Nuclear Ab [Presence] in Serum"
* $loinc#5048-4 "Nuclear Ab [Titer] in Serum by Immunofluorescence"
* $loinc#777-3 "Platelets [#/volume] in Blood by Automated count"
* $loinc#6690-2 "Leukocytes [#/volume] in Blood by Automated count"
* $loinc#751-8 "Neutrophils [#/volume] in Blood by Automated count"
* $loinc#731-0 "Lymphocytes [#/volume] in Blood by Automated count"
* $loinc#718-7 "Hemoglobin [Mass/volume] in Blood"
* $loinc#1742-6 "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
* $loinc#1920-8 "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
* $loinc#1975-2 "Bilirubin.total [Mass/volume] in Serum or Plasma"
* $loinc#1968-7 "Bilirubin.direct [Mass/volume] in Serum or Plasma"
* $loinc#1834-1 "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma"
* $loinc#2039-6 "Carcinoembryonic Ag [Mass/volume] in Serum or Plasma"
* $loinc#10334-1 "Cancer Ag 125 [Units/volume] in Serum or Plasma"
* $loinc#24108-3 "Cancer Ag 19-9 [Units/volume] in Serum or Plasma"
* $loinc#29463-7 "Body weight"

ValueSet: SerumCreatinineValueSet
Id: serum-creatinine
Title: "Serum creatinine"
Description: "Serum or plasma creatinine, by mass (mg/dL) or by moles (umol/L)."
* ^url = "http://msc-lupus.org/fhir/ValueSet/serum-creatinine"
* ^status = #active
* $loinc#2160-0 "Creatinine [Mass/volume] in Serum or Plasma"
* $loinc#14682-9 "Creatinine [Moles/volume] in Serum or Plasma"

ValueSet: AntiDsdnaValueSet
Id: anti-dsdna
Title: "Anti-dsDNA antibodies"
Description: "Anti-double-stranded DNA antibody results, as a concentration or a titer."
* ^url = "http://msc-lupus.org/fhir/ValueSet/anti-dsdna"
* ^status = #active
* $loinc#33799-8 "DNA double strand Ab [Units/volume] in Serum by Immunoassay"
* $loinc#32677-7 "DNA double strand Ab [Units/volume] in Serum"
* $loinc#11013-0 "DNA double strand Ab [Titer] in Serum"

ValueSet: SledaiDescriptorValueSet
Id: sledai-descriptor
Title: "SLEDAI-2K descriptors"
Description: "The 24 SLEDAI-2K descriptors."
* ^url = "http://msc-lupus.org/fhir/ValueSet/sledai-descriptor"
* ^status = #active
* include codes from system $trial where concept is-a #sledai-2k
* exclude $trial#sledai-2k

ValueSet: BilagDomainValueSet
Id: bilag-domain
Title: "BILAG-2004 domains"
Description: "The nine BILAG-2004 organ domains."
* ^url = "http://msc-lupus.org/fhir/ValueSet/bilag-domain"
* ^status = #active
* include codes from system $trial where concept is-a #bilag-2004
* exclude $trial#bilag-2004

ValueSet: ResponseCriteriaValueSet
Id: response-criteria
Title: "Response criteria sets"
Description: "The response criteria sets that $evaluate-response implements."
* ^url = "http://msc-lupus.org/fhir/ValueSet/response-criteria"
* ^status = #active
* $trial#ln-renal-response
* $trial#sri-4
* $trial#bilag-mcr-pcr
* $trial#change-from-baseline

ValueSet: MscProductValueSet
Id: msc-product
Title: "UC-MSC product"
Description: "The UC-MSC investigational product."
* ^url = "http://msc-lupus.org/fhir/ValueSet/msc-product"
* ^status = #active
* $trial#uc-msc

ValueSet: GlucocorticoidValueSet
Id: glucocorticoid
Title: "Systemic glucocorticoids"
Description: "Glucocorticoid ingredients (RxNorm) whose doses count toward the prednisone-equivalent dose."
* ^url = "http://msc-lupus.org/fhir/ValueSet/glucocorticoid"
* ^status = #active
* $rxnorm#8640 "prednisone"
* $rxnorm#8638 "prednisolone"
* $rxnorm#6902 "methylprednisolone"
* $rxnorm#3264 "dexamethasone"
* $rxnorm#5492 "hydrocortisone"

ValueSet: LupusConditionValueSet
Id: lupus-condition
Title: "Lupus conditions"
Description: "Conditions a UC-MSC lupus trial studies."
* ^url = "http://msc-lupus.org/fhir/ValueSet/lupus-condition"
* ^status = #active
* $sct#55464009 "Systemic lupus erythematosus"
* $sct#68815009 "Lupus nephritis"

ValueSet: VisitScheduleValueSet
Id: visit-schedule
Title: "Visit schedules"
Description: "Visit schedules of UC-MSC lupus trials."
* ^url = "http://msc-lupus.org/fhir/ValueSet/visit-schedule"
* ^status = #active
* include codes from system VisitScheduleCodeSystem

// THO's clinical-research seriousness criteria (NCIt codes), as issue 28 lists them; kept here so that validation
// needs no network.
ValueSet: SeriousnessCriteriaValueSet
Id: seriousness-criteria
Title: "Adverse event seriousness criteria"
Description: "Why an adverse event is serious: the criteria of ICH E2A/E2D, coded in NCI Thesaurus as THO's adverse-event-clinical-research-seriousness-criteria value set codes them."
* ^url = "http://msc-lupus.org/fhir/ValueSet/seriousness-criteria"
* ^status = #active
* http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C48275 "Death"
* http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C84266 "Life-threatening"
* http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C83052 "Hospitalization (initial or prolonged)"
* http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C11338 "Disability or permanent damage"
* http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C83117 "Congenital anomaly/birth defect"
* http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#C82521 "Other medically important serious event"
