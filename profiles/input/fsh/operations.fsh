// The published contract of the operations. The provider in org.msclupus.fhir.evaluation implements exactly these
// names and cardinalities; a test compares the two.

Instance: evaluate-response-subject
InstanceOf: OperationDefinition
Usage: #definition
Title: "Evaluate the response of one trial subject"
* url = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-subject"
* version = "1"
* name = "EvaluateResponseSubject"
* title = "Evaluate the response of one trial subject"
* status = #active
* kind = #operation
* affectsState = true
* description = "Computes the trial response endpoints (ln-renal-response, sri-4, bilag-mcr-pcr, change-from-baseline) for one ResearchSubject from the data stored on the server, with the visits, the evidence used and a readable explanation. With persist=true it also stores one response-assessment Observation and one Provenance per result; evaluating unchanged data again stores nothing new. The state change only happens with persist=true."
* code = #evaluate-response
* resource = #ResearchSubject
* system = false
* type = false
* instance = true
* parameter[+].name = #criteria
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #code
* parameter[=].documentation = "Criteria set codes. Default: the study's response-criteria extension, else all four. An unknown code is a 400 listing the known ones."
* parameter[=].binding.strength = #required
* parameter[=].binding.valueSet = "http://msc-lupus.org/fhir/ValueSet/response-criteria"
* parameter[+].name = #asOf
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "Evaluate with only the data dated on or before this date. Default: today."
* parameter[+].name = #persist
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "Also store the results (response-assessment Observation + Provenance). Default false."
* parameter[+].name = #verifiedOnly
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "For a study whose source-verification extension is endpoint-values or all: count only values a monitor verified, each record in its last verified version (a record never verified does not count). Default false: every value counts as sent. A study that needs no verification answers the same either way."
* parameter[+].name = #result
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per criteria set evaluated."
* parameter[=].part[+].name = #criteria
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #code
* parameter[=].part[+].name = #criteriaVersion
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #threshold
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].documentation = "Each threshold value in force: parts name (string) and value (decimal)."
* parameter[=].part[+].name = #response
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #CodeableConcept
* parameter[=].part[=].documentation = "CR, PR, MCR, PCR, R, NR or NE from http://msc-lupus.org/fhir/CodeSystem/response; absent for change-from-baseline."
* parameter[=].part[+].name = #responseDate
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #date
* parameter[=].part[+].name = #daysToResponse
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #integer
* parameter[=].part[+].name = #daysToCompleteResponse
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #integer
* parameter[=].part[+].name = #relapse
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #boolean
* parameter[=].part[+].name = #relapseVisit
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #relapseDate
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #date
* parameter[=].part[+].name = #visit
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].documentation = "Parts label (string), date (date), response (CodeableConcept) and, for change-from-baseline, one part per measure code with parts value, change and percentChange (decimal, canonical unit)."
* parameter[=].part[+].name = #evidence
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].documentation = "Versioned references to every resource the result used."
* parameter[=].part[+].name = #missing
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #ignored
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].type = #string
* parameter[=].part[=].documentation = "Values left out, for example because their unit cannot be converted to the canonical unit."
* parameter[=].part[+].name = #explanation
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #assessment
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].documentation = "With persist=true: the stored response-assessment Observation and its Provenance."
* parameter[+].name = #unverifiedValues
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "Only for a study that needs source verification: how many of the subject's time-line records were counted in a version nobody verified (0 with verifiedOnly=true)."

Instance: evaluate-response-study
InstanceOf: OperationDefinition
Usage: #definition
Title: "Evaluate the response of every subject of a study"
* url = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-study"
* version = "1"
* name = "EvaluateResponseStudy"
* title = "Evaluate the response of every subject of a study"
* status = #active
* kind = #operation
* affectsState = true
* description = "Evaluates the named criteria sets for every subject of the ResearchStudy (or of one arm) from the data stored on the server and returns what a trial report gives: per criteria set, arm (and all arms) and category the count, denominator, rate and Wilson 95 % interval (relapses by visit over the responders); for change-from-baseline the n, mean, SD and median per measure, arm and visit with the mean and SD of the change and the two-sided paired t test against baseline; and one row per subject and criteria set. With Accept: text/csv or _format=csv the subject rows come back as CSV. With the header Prefer: respond-async the request is checked, a job is started and the answer is 202 Accepted with the status URL ($evaluate-response-status) in Content-Location, as for bulk export."
* code = #evaluate-response
* resource = #ResearchStudy
* system = false
* type = false
* instance = true
* parameter[+].name = #criteria
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "*"
* parameter[=].type = #code
* parameter[=].documentation = "Criteria set codes; an unknown code is a 400 listing the known ones."
* parameter[=].binding.strength = #required
* parameter[=].binding.valueSet = "http://msc-lupus.org/fhir/ValueSet/response-criteria"
* parameter[+].name = #asOf
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "Evaluate with only the data dated on or before this date. Default: today."
* parameter[+].name = #arm
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Only the subjects assigned to this arm (ResearchSubject.assignedArm)."
* parameter[+].name = #persist
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "Also store one MeasureReport (type summary) per graded criteria set, against http://msc-lupus.org/fhir/Measure/<criteria>. Asking again for the same report stores nothing new."
* parameter[+].name = #referenceArm
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The comparator arm's name. The arm compared is the study's one arm of type experimental (http://terminology.hl7.org/CodeSystem/research-study-arm-type); without this parameter it is compared with the one other arm. Needed when the study has several other arms; an arm the study lacks is a 400. A one-arm study, or a request with arm, has no comparison."
* parameter[+].name = #missingAs
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "How a subject whose result is NE counts in the arm comparison: non-responder (default; stays in the denominator) or excluded (leaves the denominator). The comparison says which was used."
* parameter[+].name = #verifiedOnly
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "For a study whose source-verification extension is endpoint-values or all: count only values a monitor verified, each record in its last verified version (a record never verified does not count). Default false: every value counts as sent. A study that needs no verification answers the same either way."
* parameter[+].name = #summary
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per criteria set, arm (including all) and category: parts criteria (code), arm (string), category (code: CR, PR, MCR, PCR, R, NR, NE or relapse), visit (string, relapse only), count and denominator (integer), rate, ciLower and ciUpper (decimal, Wilson 95 %; absent when the denominator is 0)."
* parameter[+].name = #statistic
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "change-from-baseline, one per measure, arm and visit: parts measure (code), arm, visit (string), n (integer), mean, meanLower, meanUpper (decimal: the two-sided 95 % t interval of the mean, from two values), sd, median (decimal, canonical unit), nPaired (integer: subjects with a baseline and a value at the visit), meanChange, sdChange, pValue (decimal; two-sided paired t test of the visit against baseline)."
* parameter[+].name = #subject
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per subject and criteria set: parts subject (Reference), arm (string), criteria (code), response (CodeableConcept), responseDate (date), relapseVisit (string)."
* parameter[+].name = #comparison
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "For two arms, one per criteria set and outcome (ln-renal-response: CR, CR-or-PR; sri-4: responder; bilag-mcr-pcr: MCR, MCR-or-PCR): parts criteria, outcome (code), arm, referenceArm (string), count, denominator, referenceCount, referenceDenominator (integer), riskDifference with riskDifferenceLower and riskDifferenceUpper (arm minus reference; Newcombe's hybrid score 95 % interval, method 10), oddsRatio with oddsRatioLower and oddsRatioUpper (Woolf 95 %), riskRatio with riskRatioLower and riskRatioUpper (log method 95 %), continuityCorrection (0, or 0.5 added to every cell for the ratios when one is zero), pValue (two-sided Fisher's exact test, as R's fisher.test), missingAs (code). The estimates are absent when an arm's denominator is 0."
* parameter[+].name = #changeComparison
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "For two arms and change-from-baseline, one per measure and visit: parts measure (code), visit, arm, referenceArm (string), n, referenceN (integer), meanChange, referenceMeanChange (decimal, canonical unit), difference with differenceLower and differenceUpper (95 %, Welch-Satterthwaite), pValue (Welch two-sample t test, two-sided). The estimates are absent with fewer than two changes in an arm."
* parameter[+].name = #timeToEvent
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Kaplan-Meier, one per criteria set, event and arm (all first): events response (ln-renal-response: first visit with PR or better; bilag-mcr-pcr: first MCR or PCR), complete-response (first CR; first MCR) and relapse (bilag-mcr-pcr: days from the first response to the first relapse, among responders). Time in days from day 0 to the date of that visit; censored at the last visit with an evaluable result; subjects with none after day 0 are counted in notEvaluable. Parts criteria, event (code), arm (string), n, events, censored, notEvaluable (integer), median, medianLower, medianUpper (integer days; Brookmeyer-Crowley 95 % on the log-log scale; absent when not reached), and one step per distinct time with parts day, atRisk, events, censored (integer), survival, survivalLower, survivalUpper (Greenwood variance, log-log 95 %), cumulativeIncidence (1 - survival)."
* parameter[+].name = #logRank
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "For two arms, one per criteria set and event: parts criteria, event (code), arm, referenceArm (string), observed, expected (decimal: events of arm), chiSquare (decimal, Mantel-Cox, 1 df), pValue (decimal)."
* parameter[+].name = #measureReport
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #Reference
* parameter[=].documentation = "With persist=true: the stored MeasureReport of each graded criteria set."
* parameter[+].name = #unverifiedValues
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "Only for a study that needs source verification: how many time-line records of its subjects were counted in a version nobody verified (0 with verifiedOnly=true); each subject row has the subject's own count as part unverifiedValues, and the CSV a last column of that name."

Instance: evaluate-response-status
InstanceOf: OperationDefinition
Usage: #definition
Title: "Status and result of an asynchronous study evaluation"
* url = "http://msc-lupus.org/fhir/OperationDefinition/evaluate-response-status"
* version = "1"
* name = "EvaluateResponseStatus"
* title = "Status and result of an asynchronous study evaluation"
* status = #active
* kind = #operation
* affectsState = false
* description = "The status URL given in Content-Location when a study-level $evaluate-response is called with Prefer: respond-async. 202 Accepted with an X-Progress header while the job runs; 200 with the result (Parameters, or CSV if CSV was asked for) when it is done; 500 with an OperationOutcome if the job failed; 404 for an unknown job id. The job runs on the server's batch framework, so any node of a cluster answers."
* code = #evaluate-response-status
* system = true
* type = false
* instance = false
* parameter[+].name = #_jobId
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The job id from the status URL."
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #Resource
* parameter[=].documentation = "When the job is done: the study-level $evaluate-response result."

Instance: safety-summary
InstanceOf: OperationDefinition
Usage: #definition
Title: "Safety summary of a study"
* url = "http://msc-lupus.org/fhir/OperationDefinition/safety-summary"
* version = "1"
* name = "SafetySummary"
* title = "Safety summary of a study"
* status = #active
* kind = #operation
* affectsState = true
* description = "Summarises the safety data of a study's subjects per arm (and for all arms): treatment-emergent adverse events (from day 0, the first completed MSC infusion or enrolment, to asOf) by seriousness, CTCAE grade and relatedness to the MSC infusion; deaths (grade 5 or a fatal outcome) with their day after day 0; infusion reactions (events starting within msc.safety.infusion-reaction-hours, default 24, after an MSC infusion, both ends included) per infusion number; laboratory values (ALT, AST, total and direct bilirubin, leukocytes, platelets, hemoglobin, AFP, CEA, CA-125, CA 19-9) above or below their own Observation's reference range at baseline, months 1, 3, 6, 12 and years 2, 4, 6 (for a study whose protocol references a Schedule of Activities PlanDefinition: that schedule's visits after day 0, in their windows), with new abnormalities among subjects normal at baseline; the proportion of subjects with an event per arm (Wilson 95 %) and, for two arms, the odds ratio of MSC versus control (Woolf 95 %; 0.5 added to every cell when one is zero). Every count lists its evidence. CSV with Accept: text/csv. The state change only happens with persist=true."
* code = #safety-summary
* resource = #ResearchStudy
* system = false
* type = false
* instance = true
* parameter[+].name = #asOf
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "Use only data dated on or before this date (a partial date covers its whole period). Default: today."
* parameter[+].name = #arm
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Only the subjects assigned to this arm (ResearchSubject.assignedArm). No odds ratio then."
* parameter[+].name = #persist
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "Also store the summary as a DocumentReference (type lupus-trial#safety-summary, the Parameters as its attachment). Asking again for the same summary stores nothing new."
* parameter[+].name = #verifiedOnly
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "For a study whose source-verification extension is endpoint-values or all: count only values a monitor verified, each record in its last verified version (a record never verified does not count). Default false: every value counts as sent. A study that needs no verification answers the same either way."
* parameter[+].name = #study
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Reference
* parameter[=].documentation = "The study summarised."
* parameter[+].name = #asOf
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "The cut-off date used."
* parameter[+].name = #threshold
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Each window in force: parts name (string: infusionReactionHours, baselineWindowDays, monthVisitWindowDays, yearVisitWindowDays) and value (integer)."
* parameter[+].name = #adverseEvents
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per arm (all first), dimension and category: parts arm (string), dimension (code: any, seriousness, grade, relatedness), category (code: any; serious, non-serious, unknown; 1 to 5, unknown; related, possibly, unrelated, unknown), events and subjects (integer: subjects with at least one such event), evidence (Reference, each AdverseEvent)."
* parameter[+].name = #deaths
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per death: parts arm (string), subject (Reference to the ResearchSubject), event (Reference to the AdverseEvent), day (integer: days after day 0)."
* parameter[+].name = #infusionReactions
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per arm and infusion number given: parts arm (string), infusionNumber (positiveInt: 1 = day 0, 2 = day 7), events, subjects (integer), evidence (Reference). An event within the window of two infusions counts for the later one."
* parameter[+].name = #labAbnormalities
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per arm, test and visit with at least one value: parts arm (string), test (Coding, LOINC), visit (code: baseline, month-1, month-3, month-6, month-12, year-2, year-4, year-6), evaluated, above, below (integer: subjects; a value equal to a limit is within range), normalAtBaseline and newAbnormal (integer: subjects within range at baseline, and those of them out of range at this visit), aboveEvidence, belowEvidence, newAbnormalEvidence (Reference, each Observation)."
* parameter[+].name = #vitalSigns
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per arm (all first) and visit after day 0 with a vital sign (months 1, 3, 6, 12 and years 2, 4, 6, windows as for laboratory values): parts arm (string), visit (code), evaluated (integer: subjects with a vital sign at the visit), significant (integer: subjects with a potentially clinically significant value or change from baseline), evidence (Reference, each significant Observation). Vital signs are read as EHRs send them: systolic 8480-6 and diastolic 8462-4 blood pressure (also as components of the 85354-9 or 55284-4 panels), heart rate 8867-4, body temperature 8310-5, respiratory rate 9279-1, body weight 29463-7, converted to mm[Hg], /min, Cel and kg. Default criteria (msc.safety.vital-signs.<sign>.*): systolic >= 180 with a rise >= 20 or <= 90 with a fall >= 20; diastolic >= 105 with a rise >= 15 or <= 50 with a fall >= 15; heart rate >= 120 with a rise >= 15 or <= 50 with a fall >= 15; temperature >= 38.3 Cel; respiratory rate >= 24 or <= 10; weight changed by >= 7 %."
* parameter[+].name = #rates
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "measure proportion, one per arm: parts measure (code), arm (string), numerator and denominator (integer: subjects with at least one adverse event, subjects), estimate, ciLower, ciUpper (decimal, Wilson 95 %). measure odds-ratio, for two arms with an identifiable MSC arm: parts measure, arm (the MSC arm), comparator (string), cell (string: a b c d), continuityCorrection (decimal, 0 or 0.5), estimate, ciLower, ciUpper (decimal, Woolf 95 %)."
* parameter[+].name = #documentReference
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #Reference
* parameter[=].documentation = "With persist=true: the stored DocumentReference."
* parameter[+].name = #unverifiedValues
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "Only for a study that needs source verification: how many records the summary counted in a version nobody verified (0 with verifiedOnly=true); one unverifiedSubject (parts subject, unverifiedValues) per subject with any, and the CSV a last column of that name."
* parameter[+].name = #labToxicity
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Laboratory toxicity graded by NCI CTCAE v5.0 (docs/ctcae-grading.md), one per arm, test and grade 0-4 for each test with a value after day 0 in the arm: parts arm (string), test (Coding, LOINC), term (string, the CTCAE term), grade (integer: the subject's worst after day 0), subjects (integer), evidence (Reference 0..*, each subject's worst value)."
* parameter[+].name = #labShift
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "The shift table of each graded test, one per arm, test, baseline grade and worst grade with at least one subject (subjects with a baseline value and a value after day 0): parts arm, test (Coding), term, baselineGrade (integer), worstGrade (integer), subjects (integer)."
* parameter[+].name = #susarCandidate
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "A treatment-emergent event that is serious, related to the MSC infusion (the relatedness categories msc.safety.susar-relatedness names; default related and possibly related) and not expected for the study (its expected-in-research-study when recorded, else the study's expected-adverse-event extensions, matched on a code or the text): parts subject (Reference), adverseEvent (Reference), term (string), onset (dateTime). A candidate for expedited reporting; a safety physician decides."

Instance: check-eligibility
InstanceOf: OperationDefinition
Usage: #definition
Title: "Screen a candidate against a study's eligibility criteria"
* url = "http://msc-lupus.org/fhir/OperationDefinition/check-eligibility"
* version = "1"
* name = "CheckEligibility"
* title = "Screen a candidate against a study's eligibility criteria"
* status = #active
* kind = #operation
* affectsState = false
* description = "Screens a Patient against the inclusion and exclusion criteria of a study: the Library that the study's eligibility-criteria extension names, whose JSON attachment holds the criteria as data (format: terminology/eligibility/README.md; the server ships NCT05631717's). Each criterion is met, not-met or unknown; a criterion the data cannot decide is unknown, never met, unless an investigator's attestation decides it. The answer is eligible when every inclusion is met and no exclusion is, not-eligible when an inclusion is not met or an exclusion is met, and needs-review otherwise."
* code = #check-eligibility
* resource = #Patient
* system = false
* type = false
* instance = true
* parameter[+].name = #study
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The study, as ResearchStudy/[id]. An unknown study or one without eligibility criteria is a 400."
* parameter[+].name = #screeningDate
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "The day of screening: ages are computed and look-back windows end on it, and nothing dated after it counts. Default: today."
* parameter[+].name = #eligible
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "eligible, not-eligible or needs-review."
* parameter[+].name = #study
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Reference
* parameter[=].documentation = "The study screened for."
* parameter[+].name = #criteria
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #canonical
* parameter[=].documentation = "The criteria used, as url|version."
* parameter[+].name = #screeningDate
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "The screening date used."
* parameter[+].name = #criterion
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per criterion, in the order of the criteria."
* parameter[=].part[+].name = #id
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #kind
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #code
* parameter[=].part[=].documentation = "inclusion or exclusion (met means excluded)."
* parameter[=].part[+].name = #text
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #result
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #code
* parameter[=].part[=].documentation = "met, not-met or unknown."
* parameter[=].part[+].name = #value
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].type = #string
* parameter[=].part[=].documentation = "The values used, in words (value, unit, date, window)."
* parameter[=].part[+].name = #evidence
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].documentation = "The versioned resources the result rests on."
* parameter[=].part[+].name = #reason
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[=].documentation = "Why the criterion is unknown."

Instance: meta-analysis
InstanceOf: OperationDefinition
Usage: #definition
Title: "Meta-analysis of two-arm studies"
* url = "http://msc-lupus.org/fhir/OperationDefinition/meta-analysis"
* version = "1"
* name = "MetaAnalysis"
* title = "Meta-analysis of two-arm studies"
* status = #active
* kind = #operation
* affectsState = false
* description = "Pools a dichotomous outcome over two-arm studies on this server (the arm typed experimental against the one other arm) and published trials, as Review Manager 5 computes it (Deeks and Higgins, Statistical algorithms in Review Manager 5): each study's odds ratio, risk ratio or risk difference with its 95 % interval and weight; the fixed-effect model by Mantel-Haenszel, or the random-effects model by DerSimonian and Laird on the inverse-variance scale; Cochran's Q around the Mantel-Haenszel estimate, I² and tau². A study with a zero cell gets 0.5 added to every cell; a study with no events in either arm (or events in every subject of both) is left out of OR and RR and listed with leftOut. Server studies are counted with data up to today as the caller may see them: adverse events as $safety-summary counts them (treatment-emergent, from day 0), response outcomes as study-level $evaluate-response compares them (NE subjects as non-responders). CSV with Accept: text/csv (a section column: study, pooled, heterogeneity). At least two studies in all; anything that cannot be pooled is a 400 naming the problem."
* code = #meta-analysis
* resource = #ResearchStudy
* system = false
* type = true
* instance = false
* parameter[+].name = #study
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #Reference
* parameter[=].documentation = "A two-arm ResearchStudy on this server (an arm typed experimental and one other arm)."
* parameter[+].name = #externalStudy
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "A published trial that is not on this server: parts name (string), events, total (integer: the experimental arm), referenceEvents, referenceTotal (integer: the comparator arm)."
* parameter[=].part[+].name = #name
* parameter[=].part[=].use = #in
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #events
* parameter[=].part[=].use = #in
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #integer
* parameter[=].part[+].name = #total
* parameter[=].part[=].use = #in
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #integer
* parameter[=].part[+].name = #referenceEvents
* parameter[=].part[=].use = #in
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #integer
* parameter[=].part[+].name = #referenceTotal
* parameter[=].part[=].use = #in
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #integer
* parameter[+].name = #outcome
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "adverse-event (subjects with at least one treatment-emergent adverse event), serious-adverse-event, or <criteria>:<outcome> with an outcome the criteria set compares: ln-renal-response:CR, ln-renal-response:CR-or-PR, sri-4:responder, bilag-mcr-pcr:MCR, bilag-mcr-pcr:MCR-or-PCR."
* parameter[+].name = #measure
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "OR (default), RR or RD."
* parameter[+].name = #model
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "fixed (default: Mantel-Haenszel) or random (DerSimonian-Laird, tau² from the Q around the Mantel-Haenszel estimate, as RevMan 5)."
* parameter[+].name = #outcome
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "The outcome pooled."
* parameter[+].name = #study
* parameter[=].use = #out
* parameter[=].min = 2
* parameter[=].max = "*"
* parameter[=].documentation = "One per study, server studies first, in the order given: parts name (string: the study's title, or its id), reference (Reference, a server study), arm and referenceArm (string, a server study), events, total, referenceEvents, referenceTotal (integer), effect, lower, upper (decimal: the study's estimate and 95 % interval), weight (decimal, % of the pooled estimate), continuityCorrection (decimal, 0.5 when a cell was zero), leftOut (string: why the study is not pooled)."
* parameter[+].name = #pooled
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Parts measure (code), model (code), effect, lower, upper (decimal, 95 %), z (decimal), pValue (decimal, two-sided)."
* parameter[+].name = #heterogeneity
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Parts q (decimal: Cochran's Q), df (integer), pValue (decimal, chi-square), iSquared (decimal, %), tauSquared (decimal: DerSimonian-Laird, on the log scale for OR and RR)."

Instance: visit-compliance
InstanceOf: OperationDefinition
Usage: #definition
Title: "Visit compliance of a study"
* url = "http://msc-lupus.org/fhir/OperationDefinition/visit-compliance"
* version = "1"
* name = "VisitCompliance"
* title = "Visit compliance of a study"
* status = #active
* kind = #operation
* affectsState = false
* description = "Every planned visit of the study's schedule (the Schedule of Activities PlanDefinition its protocol references, or the shipped schedule its visit-schedule extension names) for every subject with a day 0: done (a value of a measure in the visit's window), out-of-window (values attributed to it only outside the window, by daysOff days from the nearer edge), missed (the window closed before asOf with nothing), not-yet-due. Each value counts for the visit whose window holds it with the nearest target day (a tie: the later visit); a value in no window counts, for compliance only, for the visit with the nearest target. Visits without a window of their own take change-from-baseline's (14 days for a schedule in whole weeks, 30 otherwise). Summaries per visit and arm, and per site. A site-restricted token sees its own site. CSV with Accept: text/csv. 400 when the study has no schedule; 422 when its PlanDefinition is not a coherent schedule."
* code = #visit-compliance
* resource = #ResearchStudy
* system = false
* type = false
* instance = true
* parameter[+].name = #asOf
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "Use only data dated on or before this date (a partial date covers its whole period). Default: today."
* parameter[+].name = #arm
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Only the subjects assigned to this arm."
* parameter[+].name = #site
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Only the subjects enrolled by this site (Organization/<id>, or the id)."
* parameter[+].name = #verifiedOnly
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "For a study whose source-verification extension is endpoint-values or all: count only values a monitor verified, each record in its last verified version (a record never verified does not count). Default false: every value counts as sent. A study that needs no verification answers the same either way."
* parameter[+].name = #schedule
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The schedule used (the PlanDefinition's name)."
* parameter[+].name = #asOf
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "The cut-off date used."
* parameter[+].name = #subjectVisit
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per subject and planned visit: parts subject (Reference to the ResearchSubject), arm (string), site (Reference), visit (string), epoch (code), targetDate (date), status (code: done, out-of-window, missed, not-yet-due, not-expected: nothing came and the subject's participation, ResearchSubject.period.end, ended before the window closed), daysOff (integer, out-of-window only: negative early, positive late), date (date: the value used), missingMeasure (code, 0..*: measures expected at the visit with no value)."
* parameter[+].name = #withoutDay0
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #Reference
* parameter[=].documentation = "Subjects without a day 0 yet (no completed MSC infusion and no enrolment date): no visit can be planned for them."
* parameter[+].name = #visitSummary
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per visit and arm: parts visit (string), arm (string), done, out-of-window, missed, not-yet-due, not-expected (integer: subjects)."
* parameter[+].name = #siteSummary
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per site: parts site (string), due (integer: visits done, out of window or missed), doneInWindow (integer), share (decimal: doneInWindow over due)."
* parameter[+].name = #unverifiedValues
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "Only for a study that needs source verification: how many time-line records were counted in a version nobody verified (0 with verifiedOnly=true); each subjectVisit row has its subject's count as part unverifiedValues, and the CSV a last column of that name."

Instance: cdisc-export
InstanceOf: OperationDefinition
Usage: #definition
Title: "CDISC SDTM and ADaM datasets of a study"
* url = "http://msc-lupus.org/fhir/OperationDefinition/cdisc-export"
* version = "1"
* name = "CdiscExport"
* title = "CDISC SDTM and ADaM datasets of a study"
* status = #active
* kind = #operation
* affectsState = false
* description = "The study's data as CDISC datasets in a zip: SDTM (SDTMIG 3.4) TS, TA, TE, TV, DM, SV, EX, CM, SUPPCM, LB, VS, AE, RS and ADaM (ADaMIG 1.3) ADSL, ADRS, ADTTE, ADCFB, ADAE, ADLB (CTCAE v5.0 grades; $safety-summary's shift table is reproducible from it), one file per dataset, with define.xml (Define-XML 2.1) and operation-outcome.json (an OperationOutcome listing every value a format could not carry as stored, and how it was written). ADRS and ADTTE hold exactly what $evaluate-response reports; LB's standard values are the ones the response rules use. VISITNUM, VISIT and EPOCH come from the study's schedule; a record outside every visit window is unscheduled. A site-restricted token exports its own subjects. Answer: 200 application/zip; with Prefer: respond-async, 202 with the status URL ($cdisc-export-status) in Content-Location. 400 for an unknown format or dataset (naming the allowed values); 404 for an unknown study. docs/cdisc-export.md lists every mapping."
* code = #cdisc-export
* resource = #ResearchStudy
* system = false
* type = false
* instance = true
* parameter[+].name = #format
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "dataset-json (Dataset-JSON 1.1, the default), ndjson (its NDJSON form) or xpt (SAS XPORT version 5)."
* parameter[+].name = #dataset
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #code
* parameter[=].documentation = "Only these datasets, by name in any case (dm, adsl, ...); default all. A SUPP-- dataset an XPORT export needs for long values comes with its parent."
* parameter[+].name = #asOf
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #date
* parameter[=].documentation = "Use only data dated on or before this date (a partial date covers its whole period). Default: today."
* parameter[+].name = #persist
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "Also keep the zip as a Binary with a Provenance naming the study (its reference in Content-Location). Refused (403) to a site-restricted token."
* parameter[+].name = #verifiedOnly
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #boolean
* parameter[=].documentation = "For a study whose source-verification extension is endpoint-values or all: count only values a monitor verified, each record in its last verified version (a record never verified does not count). Default false: every value counts as sent. A study that needs no verification answers the same either way."
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Binary
* parameter[=].documentation = "The zip (application/zip), written as such rather than as a FHIR resource."

Instance: cdisc-export-status
InstanceOf: OperationDefinition
Usage: #definition
Title: "Status and result of an asynchronous CDISC export"
* url = "http://msc-lupus.org/fhir/OperationDefinition/cdisc-export-status"
* version = "1"
* name = "CdiscExportStatus"
* title = "Status and result of an asynchronous CDISC export"
* status = #active
* kind = #operation
* affectsState = false
* description = "The status URL given in Content-Location when $cdisc-export is called with Prefer: respond-async. 202 Accepted with an X-Progress header while the job runs; 200 with the zip when it is done; 500 with an OperationOutcome if the job failed; 404 for an unknown job id (or another site's job, to a site-restricted token). The job runs on the server's batch framework, so any node of a cluster answers."
* code = #cdisc-export-status
* system = true
* type = false
* instance = false
* parameter[+].name = #_jobId
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The job id from the status URL."
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #Binary
* parameter[=].documentation = "When the job is done: the zip."

Instance: verification-queue
InstanceOf: OperationDefinition
Usage: #definition
Title: "Values of a study awaiting source-data verification"
* url = "http://msc-lupus.org/fhir/OperationDefinition/verification-queue"
* version = "1"
* name = "VerificationQueue"
* title = "Values of a study awaiting source-data verification"
* status = #active
* kind = #operation
* affectsState = false
* description = "For a study whose source-verification extension is endpoint-values or all: one item per record (in its current version) awaiting a decision. Items whose verification changes a subject's result come first, then the values the study's first criteria set (its primary endpoint) uses, then the rest; oldest first within each. The impact of a value is the difference between the subject's result with every value counted (the default answer) and without this one. A site-restricted token sees its own site's subjects. CSV with Accept: text/csv (impact as criteria:withValue:withoutValue). A study that needs no verification has an empty queue. docs/operations/verification-queue.md."
* code = #verification-queue
* resource = #ResearchStudy
* system = false
* type = false
* instance = true
* parameter[+].name = #state
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #code
* parameter[=].documentation = "unverified, queried, answered or changed-since-verified. Default: all four."
* parameter[+].name = #site
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Only the subjects enrolled by this site (Organization/<id>, or the id)."
* parameter[+].name = #subject
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Only this subject (ResearchSubject/<id>, or the id)."
* parameter[+].name = #_count
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "At most this many items, the first in queue order. Default 500; total says how many wait."
* parameter[+].name = #sourceVerification
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "The study's source-verification: none, endpoint-values or all."
* parameter[+].name = #total
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "How many items the queue holds, before _count."
* parameter[+].name = #item
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One value awaiting a decision."
* parameter[=].part[+].name = #subject
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Reference
* parameter[=].part[+].name = #resource
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].documentation = "The record, versioned (Observation/1/_history/2)."
* parameter[=].part[+].name = #measure
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Coding
* parameter[=].part[+].name = #value
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[=].documentation = "The value as sent, with its unit."
* parameter[=].part[+].name = #date
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #date
* parameter[=].part[+].name = #visit
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[=].documentation = "The visit the value is attributed to, if any."
* parameter[=].part[+].name = #state
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #code
* parameter[=].part[+].name = #queryText
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #string
* parameter[=].part[+].name = #impact
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "*"
* parameter[=].part[=].documentation = "One per criteria set whose result for the subject differs with and without the value: parts criteria (code), withValue (code), withoutValue (code)."
* parameter[+].name = #stateCount
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Per site and state (verified included), how many of the records waiting for verification are in it: parts site (string), state (code), count (integer)."

Instance: verify
InstanceOf: OperationDefinition
Usage: #definition
Title: "Record a source-data verification decision"
* url = "http://msc-lupus.org/fhir/OperationDefinition/verify"
* version = "1"
* name = "Verify"
* title = "Record a source-data verification decision"
* status = #active
* kind = #operation
* affectsState = true
* description = "A monitor verifies or queries, and a site answers a query on, one version of a record of a study that needs source verification. The decision is stored as a Provenance whose target is the exact version, whose agent type is verifier (monitor) or performer (site), with the decision as activity and the reason. 400 for an unknown decision, a query or answer without a reason, a decision the value's state does not allow, or a record no study needing verification uses; 403 for a monitor's decision by a site's token or a token that may not create Provenance; 409 when version is not the current version. docs/operations/verify.md."
* code = #verify
* resource[+] = #Observation
* resource[+] = #MedicationAdministration
* resource[+] = #MedicationStatement
* resource[+] = #AdverseEvent
* system = false
* type = false
* instance = true
* parameter[+].name = #decision
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "verified or query (a monitor), answer (the site, on a queried value)."
* parameter[=].binding.strength = #required
* parameter[=].binding.valueSet = "http://msc-lupus.org/fhir/ValueSet/verification-decision"
* parameter[+].name = #reason
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "Required for query (the question) and answer (the site's reply)."
* parameter[+].name = #version
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The version decided on; default the current one. Another version is a 409."
* parameter[+].name = #state
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "The record's state after the decision: verified, queried or answered."
* parameter[+].name = #resource
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Reference
* parameter[=].documentation = "The version decided on."
* parameter[+].name = #provenance
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Reference
* parameter[=].documentation = "The Provenance recording the decision."

// The Subscriptions R5 Backport IG 1.1.0's operations (input/fsh/Operations.fsh), with the IG's canonical URLs.
Instance: backport-subscription-status
InstanceOf: OperationDefinition
Usage: #definition
Title: "Subscription Status Operation"
* url = "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status"
* version = "1.1.0"
* name = "R5SubscriptionStatus"
* title = "Subscription Status Operation"
* status = #active
* kind = #operation
* affectsState = false
* description = "From the Subscriptions R5 Backport IG 1.1.0: where one or more topic-based Subscriptions stand (status, events since the subscription started, the last error). Here a token restricted to a site sees the subscriptions that site created."
* code = #status
* resource = #Subscription
* system = false
* type = true
* instance = true
* parameter[+].name = #id
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #id
* parameter[=].documentation = "At the type level, the subscriptions to report (none: every one the caller may see); ignored at the instance level."
* parameter[+].name = #status
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].type = #code
* parameter[=].documentation = "At the type level, only subscriptions in one of these statuses (active, error, off); ignored at the instance level."
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Bundle
* parameter[=].documentation = "A searchset Bundle of status Parameters (backport-subscription-status-r4), one per subscription, type query-status."

Instance: backport-subscription-events
InstanceOf: OperationDefinition
Usage: #definition
Title: "Subscription Events Operation"
* url = "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-events"
* version = "1.1.0"
* name = "R5SubscriptionEvents"
* title = "Subscription Events Operation"
* status = #active
* kind = #operation
* affectsState = false
* description = "From the Subscriptions R5 Backport IG 1.1.0: the events of a topic-based Subscription by number, for a client that missed notifications. At most 1,000 events per answer; page with eventsSinceNumber."
* code = #events
* resource = #Subscription
* system = false
* type = false
* instance = true
* parameter[+].name = #eventsSinceNumber
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The first event number to return (inclusive). Default 1."
* parameter[+].name = #eventsUntilNumber
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #string
* parameter[=].documentation = "The last event number to return (inclusive). Default: the latest."
* parameter[+].name = #content
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "empty, id-only or full-resource: a hint, never more than the subscription's own payload content."
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Bundle
* parameter[=].documentation = "A notification Bundle (history, first entry the status with type query-event)."

Instance: notifications
InstanceOf: OperationDefinition
Usage: #definition
Title: "A study's recent notifications"
* url = "http://msc-lupus.org/fhir/OperationDefinition/notifications"
* version = "1"
* name = "Notifications"
* title = "A study's recent notifications"
* status = #active
* kind = #operation
* affectsState = false
* description = "The study's latest topic events (serious adverse events, response changes), newest first, each with its delivery to every subscription the caller may see, and those subscriptions' status. A token restricted to a site sees its site's events and subscriptions."
* code = #notifications
* resource = #ResearchStudy
* system = false
* type = false
* instance = true
* parameter[+].name = #_count
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #integer
* parameter[=].documentation = "At most this many events, newest first. Default 50."
* parameter[+].name = #notification
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per event: topic, focus, patient, occurred; criteria, from and to for a response change; a delivery part per subscription (subscription, eventNumber, state pending|delivered|given-up|withheld, attempts, deliveredAt, error)."
* parameter[+].name = #subscription
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "One per subscription covering the study: subscription, topic, endpoint, status (active|error|off), eventsSinceSubscriptionStart, pending, lastDelivered, error."
