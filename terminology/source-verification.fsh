// Source-data verification (issue 27, ADR 0016): what a study asks to be verified, and the decisions people make.

CodeSystem: SourceVerificationCodeSystem
Id: source-verification
Title: "Source-data verification"
Description: "Which of a study's EHR values wait for a monitor's verification before a verified-only answer counts them."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/source-verification"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #none "None" "No value waits: every value counts as sent (the default)."
* #endpoint-values "Endpoint values" "The values the study's criteria sets, safety summary or visit schedule use."
* #all "All" "Every Observation, MedicationAdministration, MedicationStatement and AdverseEvent of the study's subjects."

ValueSet: SourceVerificationValueSet
Id: source-verification
Title: "Source-data verification"
Description: "What a study asks to be verified."
* ^url = "http://msc-lupus.org/fhir/ValueSet/source-verification"
* ^status = #active
* include codes from system SourceVerificationCodeSystem

CodeSystem: VerificationDecisionCodeSystem
Id: verification-decision
Title: "Source-data verification decisions"
Description: "What a monitor or a site decides about one version of a record; the activity of the decision's Provenance."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/verification-decision"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #verified "Verified" "A monitor compared the value with its source and accepted it."
* #query "Query" "A monitor asked the site a question about the value."
* #answer "Answer" "The site answered a query: confirmed the value with a reason, or sent a new version."

ValueSet: VerificationDecisionValueSet
Id: verification-decision
Title: "Source-data verification decisions"
Description: "The decisions $verify takes."
* ^url = "http://msc-lupus.org/fhir/ValueSet/verification-decision"
* ^status = #active
* include codes from system VerificationDecisionCodeSystem
