CodeSystem: ResponseCodeSystem
Id: response
Title: "Trial response categories"
Description: "Outcome categories of a trial response evaluation."
* ^url = "http://msc-lupus.org/fhir/CodeSystem/response"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #CR "Complete response" "All criteria of complete (renal) response met."
* #PR "Partial response" "Criteria of partial (renal) response met, complete response not."
* #MCR "Major clinical response" "Every BILAG-2004 domain graded C, D or E."
* #PCR "Partial clinical response" "No BILAG-2004 domain graded A and at most one graded B, without major clinical response."
* #R "Responder" "Responder by the criteria set (for example SRI-4)."
* #NR "Non-responder" "Evaluable, but the response criteria were not met."
* #NE "Not evaluable" "Data the criteria need were missing."

ValueSet: ResponseValueSet
Id: response
Title: "Trial response categories"
Description: "All trial response categories."
* ^url = "http://msc-lupus.org/fhir/ValueSet/response"
* ^status = #active
* include codes from system $response
