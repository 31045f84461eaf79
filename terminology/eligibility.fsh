// Codes and value sets of the eligibility criteria (terminology/eligibility/*.json), as screened by
// $check-eligibility. Sources: the classification criteria of SLE (Hochberg MC, Arthritis Rheum 1997;40:1725,
// revising Tan EM et al., Arthritis Rheum 1982;25:1271) and the eligibility criteria of NCT05631717.

CodeSystem: Acr1997SleCriteria
Id: acr-1997-sle-criteria
Title: "ACR 1997 classification criteria of SLE"
Description: "The eleven criteria of the 1997 revision of the American College of Rheumatology classification of systemic lupus erythematosus; four or more classify a patient as having SLE. Recorded as a Condition or an Observation (valueBoolean true: present, false: absent)."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/acr-1997-sle-criteria"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #malar-rash "Malar rash" "Fixed erythema over the malar eminences."
* #discoid-rash "Discoid rash" "Raised erythematous patches with keratotic scaling."
* #photosensitivity "Photosensitivity" "Skin rash as an unusual reaction to sunlight."
* #oral-ulcers "Oral ulcers" "Oral or nasopharyngeal ulceration, usually painless."
* #arthritis "Arthritis" "Non-erosive arthritis of two or more peripheral joints."
* #serositis "Serositis" "Pleuritis or pericarditis."
* #renal-disorder "Renal disorder" "Persistent proteinuria above 0.5 g/day or cellular casts."
* #neurologic-disorder "Neurologic disorder" "Seizures or psychosis without other cause."
* #hematologic-disorder "Hematologic disorder" "Hemolytic anemia, leukopenia, lymphopenia or thrombocytopenia."
* #immunologic-disorder "Immunologic disorder" "Anti-dsDNA, anti-Sm or antiphospholipid antibodies."
* #antinuclear-antibody "Antinuclear antibody" "An abnormal titre of antinuclear antibody."

ValueSet: AcrMalarRash
Id: acr-1997-malar-rash
Title: "ACR 1997 criterion: malar rash"
Description: "Codes recording the malar rash criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-malar-rash"
* ^status = #active
* $acr1997#malar-rash

ValueSet: AcrDiscoidRash
Id: acr-1997-discoid-rash
Title: "ACR 1997 criterion: discoid rash"
Description: "Codes recording the discoid rash criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-discoid-rash"
* ^status = #active
* $acr1997#discoid-rash

ValueSet: AcrPhotosensitivity
Id: acr-1997-photosensitivity
Title: "ACR 1997 criterion: photosensitivity"
Description: "Codes recording the photosensitivity criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-photosensitivity"
* ^status = #active
* $acr1997#photosensitivity

ValueSet: AcrOralUlcers
Id: acr-1997-oral-ulcers
Title: "ACR 1997 criterion: oral ulcers"
Description: "Codes recording the oral ulcers criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-oral-ulcers"
* ^status = #active
* $acr1997#oral-ulcers

ValueSet: AcrArthritis
Id: acr-1997-arthritis
Title: "ACR 1997 criterion: arthritis"
Description: "Codes recording the arthritis criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-arthritis"
* ^status = #active
* $acr1997#arthritis

ValueSet: AcrSerositis
Id: acr-1997-serositis
Title: "ACR 1997 criterion: serositis"
Description: "Codes recording the serositis criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-serositis"
* ^status = #active
* $acr1997#serositis

ValueSet: AcrRenalDisorder
Id: acr-1997-renal-disorder
Title: "ACR 1997 criterion: renal disorder"
Description: "Codes recording the renal disorder criterion, lupus nephritis included."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-renal-disorder"
* ^status = #active
* $acr1997#renal-disorder
* $sct#68815009 "Systemic lupus erythematosus glomerulonephritis syndrome"

ValueSet: AcrNeurologicDisorder
Id: acr-1997-neurologic-disorder
Title: "ACR 1997 criterion: neurologic disorder"
Description: "Codes recording the neurologic disorder criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-neurologic-disorder"
* ^status = #active
* $acr1997#neurologic-disorder

ValueSet: AcrHematologicDisorder
Id: acr-1997-hematologic-disorder
Title: "ACR 1997 criterion: hematologic disorder"
Description: "Codes recording the hematologic disorder criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-hematologic-disorder"
* ^status = #active
* $acr1997#hematologic-disorder

ValueSet: AcrImmunologicDisorder
Id: acr-1997-immunologic-disorder
Title: "ACR 1997 criterion: immunologic disorder"
Description: "Codes recording the immunologic disorder criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-immunologic-disorder"
* ^status = #active
* $acr1997#immunologic-disorder

ValueSet: AcrAntinuclearAntibody
Id: acr-1997-antinuclear-antibody
Title: "ACR 1997 criterion: antinuclear antibody"
Description: "Codes recording the antinuclear antibody criterion."
* ^url = "http://msc-lupus.org/fhir/ValueSet/acr-1997-antinuclear-antibody"
* ^status = #active
* $acr1997#antinuclear-antibody

ValueSet: BCellDepletionValueSet
Id: b-cell-depletion
Title: "B-cell depleting therapy"
Description: "Anti-CD20 B-cell depleting antibodies, by RxNorm ingredient and ATC (current and former ATC codes)."
* ^url = "http://msc-lupus.org/fhir/ValueSet/b-cell-depletion"
* ^status = #active
* $rxnorm#121191 "rituximab"
* $atc#L01FA01 "rituximab"
* $atc#L01XC02 "rituximab (former code)"
* $atc#L01FA02 "ofatumumab"
* $atc#L01FA03 "obinutuzumab"
* $atc#L04AG08 "ocrelizumab"
* $atc#L04AA36 "ocrelizumab (former code)"

ValueSet: ImmunosuppressantValueSet
Id: immunosuppressants
Title: "Immunosuppressants"
Description: "Conventional immunosuppressants used in lupus nephritis, by RxNorm ingredient and ATC."
* ^url = "http://msc-lupus.org/fhir/ValueSet/immunosuppressants"
* ^status = #active
* $rxnorm#68149 "mycophenolate mofetil"
* $rxnorm#3002 "cyclophosphamide"
* $rxnorm#1256 "azathioprine"
* $rxnorm#42316 "tacrolimus"
* $rxnorm#3008 "cyclosporine"
* $rxnorm#6851 "methotrexate"
* $atc#L04AA06 "mycophenolic acid"
* $atc#L01AA01 "cyclophosphamide"
* $atc#L04AX01 "azathioprine"
* $atc#L04AD01 "ciclosporin"
* $atc#L04AD02 "tacrolimus"
* $atc#L04AD03 "voclosporin"
* $atc#L04AX03 "methotrexate"
* $atc#L04AA13 "leflunomide"

ValueSet: BiologicOrJakInhibitorValueSet
Id: biologics-and-jak-inhibitors
Title: "Biologics and JAK inhibitors"
Description: "Biologic agents and Janus kinase inhibitors used in or studied for lupus, by ATC (current and former codes)."
* ^url = "http://msc-lupus.org/fhir/ValueSet/biologics-and-jak-inhibitors"
* ^status = #active
* $atc#L04AG04 "belimumab"
* $atc#L04AA26 "belimumab (former code)"
* $atc#L04AG11 "anifrolumab"
* $atc#L04AA51 "anifrolumab (former code)"
* $atc#L04AF01 "tofacitinib"
* $atc#L04AA29 "tofacitinib (former code)"
* $atc#L04AF02 "baricitinib"
* $atc#L04AA37 "baricitinib (former code)"
* $atc#L04AF03 "upadacitinib"
* $atc#L04AA44 "upadacitinib (former code)"

ValueSet: PlasmaExchangeValueSet
Id: plasma-exchange
Title: "Plasma exchange"
Description: "Therapeutic plasmapheresis, plasma exchange and immunoadsorption procedures."
* ^url = "http://msc-lupus.org/fhir/ValueSet/plasma-exchange"
* ^status = #active
* $cpt#36514 "Therapeutic apheresis; for plasma pheresis"
* $trial#plasma-exchange

ValueSet: LiveVaccineValueSet
Id: live-vaccines
Title: "Live attenuated vaccines"
Description: "Live attenuated vaccines, by CVX code."
* ^url = "http://msc-lupus.org/fhir/ValueSet/live-vaccines"
* ^status = #active
* $cvx#02 "OPV"
* $cvx#03 "MMR"
* $cvx#19 "BCG"
* $cvx#21 "varicella"
* $cvx#25 "typhoid, oral"
* $cvx#37 "yellow fever"
* $cvx#94 "MMRV"
* $cvx#111 "influenza, live, intranasal"
* $cvx#116 "rotavirus, pentavalent"
* $cvx#119 "rotavirus, monovalent"
* $cvx#121 "zoster live"
* $cvx#149 "influenza, live, intranasal, quadrivalent"
* $cvx#174 "cholera, live attenuated"

ValueSet: MalignancyValueSet
Id: malignancy
Title: "Malignancy"
Description: "Malignant neoplastic disease, and the malignancies EHRs commonly record."
* ^url = "http://msc-lupus.org/fhir/ValueSet/malignancy"
* ^status = #active
* $sct#363346000 "Malignant neoplastic disease"
* $sct#254837009 "Malignant neoplasm of breast"
* $sct#93761005 "Primary malignant neoplasm of colon"
* $sct#254637007 "Non-small cell lung cancer"
* $sct#254632001 "Small cell carcinoma of lung"

ValueSet: PregnancyOrLactationValueSet
Id: pregnancy-or-lactation
Title: "Pregnancy or lactation"
Description: "Conditions and Observations that record pregnancy, a pregnancy test, or lactation."
* ^url = "http://msc-lupus.org/fhir/ValueSet/pregnancy-or-lactation"
* ^status = #active
* $sct#77386006 "Pregnancy"
* $trial#lactation
* $loinc#82810-3 "Pregnancy status"
* $loinc#2106-3 "Choriogonadotropin (pregnancy test) [Presence] in Urine"
* $loinc#2118-8 "Choriogonadotropin (pregnancy test) [Presence] in Serum or Plasma"

ValueSet: PregnancyPositiveValueSet
Id: pregnancy-positive
Title: "Pregnancy: positive answers"
Description: "Observation values meaning pregnant, or a positive pregnancy test."
* ^url = "http://msc-lupus.org/fhir/ValueSet/pregnancy-positive"
* ^status = #active
* $sct#77386006 "Pregnant"
* $sct#10828004 "Positive"

ValueSet: PregnancyNegativeValueSet
Id: pregnancy-negative
Title: "Pregnancy: negative answers"
Description: "Observation values meaning not pregnant, or a negative pregnancy test."
* ^url = "http://msc-lupus.org/fhir/ValueSet/pregnancy-negative"
* ^status = #active
* $sct#60001007 "Not pregnant"
* $sct#260385009 "Negative"

ValueSet: SevereInfectionValueSet
Id: severe-infection
Title: "Severe infection"
Description: "Infections severe by nature (sepsis, septic shock, pneumonia, tuberculosis), and infections an investigator records as severe."
* ^url = "http://msc-lupus.org/fhir/ValueSet/severe-infection"
* ^status = #active
* $sct#91302008 "Sepsis"
* $sct#76571007 "Septic shock"
* $sct#233604007 "Pneumonia"
* $sct#56717001 "Tuberculosis"
* $trial#severe-active-infection
