// The project's own codes. A fixed interface: EHR integrations code against these, case-sensitive.
// Sources of the clinical content: SLEDAI-2K (Gladman DD et al., J Rheumatol 2002;29:288) and BILAG-2004
// (Isenberg DA et al., Rheumatology 2005;44:902), as used by the UC-MSC trials (Wang D et al., Arthritis Res Ther
// 2014;16:R79; NCT05631717).
CodeSystem: LupusTrialCodeSystem
Id: lupus-trial
Title: "UC-MSC lupus trial codes"
Description: "Disease-activity instruments (SLEDAI-2K and its descriptors, BILAG-2004 and its domains, physician global assessment), the glucocorticoid dose, the UC-MSC product and the response criteria sets used by UC-MSC lupus trials."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/lupus-trial"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* ^hierarchyMeaning = #part-of
* ^property[+].code = #sledai-weight
* ^property[=].description = "Points a SLEDAI-2K descriptor adds to the total when present"
* ^property[=].type = #integer
* #sledai-2k "SLEDAI-2K total score" "Systemic Lupus Erythematosus Disease Activity Index 2000: the weighted sum of 24 descriptors present in the last 10 days, 0 to 105."
  * #sledai-seizure "SLEDAI-2K: seizure" "SLEDAI-2K descriptor 'seizure', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-psychosis "SLEDAI-2K: psychosis" "SLEDAI-2K descriptor 'psychosis', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-organic-brain-syndrome "SLEDAI-2K: organic brain syndrome" "SLEDAI-2K descriptor 'organic brain syndrome', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-visual-disturbance "SLEDAI-2K: visual disturbance" "SLEDAI-2K descriptor 'visual disturbance', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-cranial-nerve-disorder "SLEDAI-2K: cranial nerve disorder" "SLEDAI-2K descriptor 'cranial nerve disorder', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-lupus-headache "SLEDAI-2K: lupus headache" "SLEDAI-2K descriptor 'lupus headache', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-cva "SLEDAI-2K: cerebrovascular accident" "SLEDAI-2K descriptor 'cerebrovascular accident', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-vasculitis "SLEDAI-2K: vasculitis" "SLEDAI-2K descriptor 'vasculitis', worth 8 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 8
  * #sledai-arthritis "SLEDAI-2K: arthritis" "SLEDAI-2K descriptor 'arthritis', worth 4 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 4
  * #sledai-myositis "SLEDAI-2K: myositis" "SLEDAI-2K descriptor 'myositis', worth 4 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 4
  * #sledai-urinary-casts "SLEDAI-2K: urinary casts" "SLEDAI-2K descriptor 'urinary casts', worth 4 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 4
  * #sledai-hematuria "SLEDAI-2K: hematuria" "SLEDAI-2K descriptor 'hematuria', worth 4 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 4
  * #sledai-proteinuria "SLEDAI-2K: proteinuria" "SLEDAI-2K descriptor 'proteinuria', worth 4 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 4
  * #sledai-pyuria "SLEDAI-2K: pyuria" "SLEDAI-2K descriptor 'pyuria', worth 4 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 4
  * #sledai-rash "SLEDAI-2K: rash" "SLEDAI-2K descriptor 'rash', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-alopecia "SLEDAI-2K: alopecia" "SLEDAI-2K descriptor 'alopecia', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-mucosal-ulcers "SLEDAI-2K: mucosal ulcers" "SLEDAI-2K descriptor 'mucosal ulcers', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-pleurisy "SLEDAI-2K: pleurisy" "SLEDAI-2K descriptor 'pleurisy', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-pericarditis "SLEDAI-2K: pericarditis" "SLEDAI-2K descriptor 'pericarditis', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-low-complement "SLEDAI-2K: low complement" "SLEDAI-2K descriptor 'low complement', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-increased-dna-binding "SLEDAI-2K: increased dna binding" "SLEDAI-2K descriptor 'increased dna binding', worth 2 points when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 2
  * #sledai-fever "SLEDAI-2K: fever" "SLEDAI-2K descriptor 'fever', worth 1 point when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 1
  * #sledai-thrombocytopenia "SLEDAI-2K: thrombocytopenia" "SLEDAI-2K descriptor 'thrombocytopenia', worth 1 point when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 1
  * #sledai-leukopenia "SLEDAI-2K: leukopenia" "SLEDAI-2K descriptor 'leukopenia', worth 1 point when present."
    * ^property[+].code = #sledai-weight
    * ^property[=].valueInteger = 1
* #bilag-2004 "BILAG-2004 assessment" "British Isles Lupus Assessment Group 2004 index: one grade (A to E) in each of nine organ domains."
  * #bilag-constitutional "BILAG-2004 constitutional domain" "Grade (A to E) of the BILAG-2004 constitutional domain."
  * #bilag-mucocutaneous "BILAG-2004 mucocutaneous domain" "Grade (A to E) of the BILAG-2004 mucocutaneous domain."
  * #bilag-neuropsychiatric "BILAG-2004 neuropsychiatric domain" "Grade (A to E) of the BILAG-2004 neuropsychiatric domain."
  * #bilag-musculoskeletal "BILAG-2004 musculoskeletal domain" "Grade (A to E) of the BILAG-2004 musculoskeletal domain."
  * #bilag-cardiorespiratory "BILAG-2004 cardiorespiratory domain" "Grade (A to E) of the BILAG-2004 cardiorespiratory domain."
  * #bilag-gastrointestinal "BILAG-2004 gastrointestinal domain" "Grade (A to E) of the BILAG-2004 gastrointestinal domain."
  * #bilag-ophthalmic "BILAG-2004 ophthalmic domain" "Grade (A to E) of the BILAG-2004 ophthalmic domain."
  * #bilag-renal "BILAG-2004 renal domain" "Grade (A to E) of the BILAG-2004 renal domain."
  * #bilag-hematological "BILAG-2004 hematological domain" "Grade (A to E) of the BILAG-2004 hematological domain."
* #pga "Physician global assessment" "Physician's global assessment of lupus activity on a 0 to 3 visual analogue scale."
* #glucocorticoid-dose "Glucocorticoid dose, prednisone-equivalent" "Daily systemic glucocorticoid dose expressed as prednisone-equivalent milligrams per day."
* #uc-msc "Umbilical-cord mesenchymal stem cells" "Allogeneic umbilical-cord derived mesenchymal stem cells for intravenous infusion, dosed in million cells per kilogram of body weight."
* #ln-renal-response "Lupus nephritis renal response" "Renal complete or partial response of lupus nephritis at week 24, as in NCT05631717."
* #sri-4 "SLE Responder Index 4" "SLE Responder Index with a reduction of at least 4 SLEDAI-2K points."
* #bilag-mcr-pcr "BILAG major/partial clinical response and relapse" "Major and partial clinical response and relapse by BILAG-2004 domains over 12 months."
* #change-from-baseline "Change from baseline" "Value of each trial measure at each visit with its absolute and percent change from baseline."
* #safety-summary "Safety summary of a study" "Adverse events, infusion reactions, laboratory abnormalities and event rates of a study's subjects, as computed by $safety-summary."
* #lactation "Lactation" "The candidate is breast-feeding."
* #plasma-exchange "Plasma exchange or immunoadsorption" "Therapeutic plasmapheresis, plasma exchange or immunoadsorption."
* #severe-active-infection "Severe active infection" "An infection judged severe by the investigator (needing hospital care or intravenous anti-infectives)."
