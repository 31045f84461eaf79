// The seriousness of an adverse event as FHIR R4 coded it (Serious, Non-serious) and as HL7 Terminology (THO)
// codes it since (serious, non-serious): one system URL, both spellings, so that an event coded either way
// validates and counts (issue 28). The validator's own R4 copy knows only R4's two codes.
CodeSystem: AdverseEventSeriousness
Id: adverse-event-seriousness
Title: "Adverse event seriousness (R4 and THO codes)"
Description: "R4's adverse-event-seriousness codes with the lower-case codes THO uses for the same concepts."
* ^url = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* #Serious "Serious" "Serious adverse event (FHIR R4's code)."
* #Non-serious "Non-serious" "Non-serious adverse event (FHIR R4's code)."
* #serious "Serious" "Serious adverse event (HL7 Terminology's code)."
* #non-serious "Non-serious" "Non-serious adverse event (HL7 Terminology's code)."
