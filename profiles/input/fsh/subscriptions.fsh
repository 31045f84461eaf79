// The Subscriptions R5 Backport IG, 1.1.0 (hl7.fhir.uv.subscriptions-backport; HL7/fhir-subscription-backport-ig at
// tag v1.1.0, input/fsh/BackportSubscription.fsh, BackportNotificationR4.fsh, Capabilities.fsh, Operations.fsh):
// the R4 profiles, extensions and operations this server implements, kept here with the IG's canonical URLs so that
// nothing is fetched. Definitions only; the topics themselves are in docs/operations/subscriptions.md.

Extension: BackportFilterCriteria
Id: backport-filter-criteria
Title: "Backported R5 FilterBy Criteria"
Description: "From the Subscriptions R5 Backport IG 1.1.0: search-style filters narrowing a topic's events (Resource?key=value). Here: study on both topics, criteria on response-changed."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-filter-criteria"
* ^context.type = #element
* ^context.expression = "Subscription.criteria"
* value[x] only string

Extension: BackportPayloadContent
Id: backport-payload-content
Title: "Backport R5 Subscription Payload Content Information"
Description: "From the Subscriptions R5 Backport IG 1.1.0: how much of the focus a notification carries (empty, id-only, full-resource)."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content"
* ^context.type = #element
* ^context.expression = "Subscription.channel.payload"
* value[x] only code
* valueCode from BackportContentValueSet (required)

Extension: BackportHeartbeatPeriod
Id: backport-heartbeat-period
Title: "Backport R5 Subscription Heartbeat Period"
Description: "From the Subscriptions R5 Backport IG 1.1.0: seconds between heartbeat notifications on an idle channel."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-heartbeat-period"
* ^context.type = #element
* ^context.expression = "Subscription.channel"
* value[x] only unsignedInt

Extension: BackportTimeout
Id: backport-timeout
Title: "Backport R5 Subscription Timeout"
Description: "From the Subscriptions R5 Backport IG 1.1.0: the longest, in seconds, a notification attempt may take."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-timeout"
* ^context.type = #element
* ^context.expression = "Subscription.channel"
* value[x] only unsignedInt

Extension: BackportMaxCount
Id: backport-max-count
Title: "Backported R5 Subscription MaxCount"
Description: "From the Subscriptions R5 Backport IG 1.1.0: the most triggering resources in one notification bundle."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-max-count"
* ^context.type = #element
* ^context.expression = "Subscription.channel"
* value[x] only positiveInt

Extension: BackportChannelType
Id: backport-channel-type
Title: "Backported R5 Additional Channel Types"
Description: "From the Subscriptions R5 Backport IG 1.1.0: a channel type R4 does not define (this server offers rest-hook only)."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-channel-type"
* ^context.type = #element
* ^context.expression = "Subscription.channel.type"
* value[x] only Coding

Extension: CapabilityStatementSubscriptionTopic
Id: capabilitystatement-subscriptiontopic-canonical
Title: "CapabilityStatement SubscriptionTopic Canonical"
Description: "From the Subscriptions R5 Backport IG 1.1.0: a topic the server supports, advertised on the CapabilityStatement's Subscription resource entry."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical"
* ^context.type = #element
* ^context.expression = "CapabilityStatement.rest.resource"
* value[x] only canonical

CodeSystem: BackportContentCodeSystem
Id: backport-content-code-system
Title: "Backported R5 Subscription Content Code System"
Description: "From the Subscriptions R5 Backport IG 1.1.0: how much of the resource a notification carries."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/CodeSystem/backport-content-code-system"
* ^caseSensitive = true
* ^experimental = false
* #empty "Empty" "No resource content is transacted in the notification payload."
* #id-only "Id Only" "Only the resource id is transacted in the notification payload."
* #full-resource "Full Resource" "The entire resource is transacted in the notification payload."

ValueSet: BackportContentValueSet
Id: backport-content-value-set
Title: "Backported R5 Subscription Content Value Set"
Description: "From the Subscriptions R5 Backport IG 1.1.0: how much of the resource a notification carries."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/ValueSet/backport-content-value-set"
* ^experimental = false
* codes from system BackportContentCodeSystem

Profile: BackportSubscription
Parent: Subscription
Id: backport-subscription
Title: "R4/B Topic-Based Subscription"
Description: "From the Subscriptions R5 Backport IG 1.1.0: a Subscription whose criteria is a topic's canonical URL."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription"
* criteria 1..1 MS
* criteria.extension contains BackportFilterCriteria named filterCriteria 0..* MS
* channel.payload 1..1
* channel.payload.extension contains BackportPayloadContent named content 1..1 MS
* channel.extension contains
    BackportHeartbeatPeriod named heartbeatPeriod 0..1 and
    BackportTimeout named timeout 0..1 and
    BackportMaxCount named maxCount 0..1
* channel.type.extension contains BackportChannelType named customChannelType 0..1 MS

Profile: BackportSubscriptionStatusR4
Parent: Parameters
Id: backport-subscription-status-r4
Title: "R4 Backported R5 SubscriptionStatus"
Description: "From the Subscriptions R5 Backport IG 1.1.0: the status of a subscription, first entry of every notification bundle."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4"
* parameter ^slicing.discriminator.type = #value
* parameter ^slicing.discriminator.path = "name"
* parameter ^slicing.rules = #open
* parameter contains
    subscription 1..1 MS and
    topic 0..1 MS and
    status 1..1 MS and
    type 1..1 MS and
    eventsSinceSubscriptionStart 0..1 MS and
    notificationEvent 0..* MS and
    error 0..* MS
* parameter[subscription].name = "subscription" (exactly)
* parameter[subscription].value[x] 1..1
* parameter[subscription].value[x] only Reference(Subscription)
* parameter[topic].name = "topic" (exactly)
* parameter[topic].value[x] only canonical
* parameter[status].name = "status" (exactly)
* parameter[status].value[x] 1..1
* parameter[status].value[x] only code
* parameter[status].value[x] from http://hl7.org/fhir/ValueSet/subscription-status (required)
* parameter[type].name = "type" (exactly)
* parameter[type].value[x] 1..1
* parameter[type].value[x] only code
* parameter[type].value[x] from http://hl7.org/fhir/ValueSet/subscription-notification-type (required)
* parameter[eventsSinceSubscriptionStart].name = "events-since-subscription-start" (exactly)
* parameter[eventsSinceSubscriptionStart].value[x] only string
* parameter[notificationEvent].name = "notification-event" (exactly)
* parameter[notificationEvent].part ^slicing.discriminator.type = #value
* parameter[notificationEvent].part ^slicing.discriminator.path = "name"
* parameter[notificationEvent].part ^slicing.rules = #open
* parameter[notificationEvent].part contains
    eventNumber 1..1 MS and
    eventTimestamp 0..1 MS and
    eventFocus 0..1 MS and
    eventAdditionalContext 0..* MS
* parameter[notificationEvent].part[eventNumber].name = "event-number" (exactly)
* parameter[notificationEvent].part[eventNumber].value[x] 1..1
* parameter[notificationEvent].part[eventNumber].value[x] only string
* parameter[notificationEvent].part[eventTimestamp].name = "timestamp" (exactly)
* parameter[notificationEvent].part[eventTimestamp].value[x] only instant
* parameter[notificationEvent].part[eventFocus].name = "focus" (exactly)
* parameter[notificationEvent].part[eventFocus].value[x] only Reference
* parameter[notificationEvent].part[eventAdditionalContext].name = "additional-context" (exactly)
* parameter[notificationEvent].part[eventAdditionalContext].value[x] only Reference
* parameter[error].name = "error" (exactly)
* parameter[error].value[x] only CodeableConcept

Invariant: backport-notification-bundle-r4-1
Description: "A notification bundle MUST have a Parameters as the first entry"
Expression: "(entry.first().resource.is(Parameters))"
Severity: #error

Profile: BackportSubscriptionNotificationR4
Parent: Bundle
Id: backport-subscription-notification-r4
Title: "R4 Topic-Based Subscription Notification Bundle"
Description: "From the Subscriptions R5 Backport IG 1.1.0: a history Bundle whose first entry is the subscription's status."
* ^url = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-notification-r4"
* type = #history
* entry ^slicing.discriminator.type = #type
* entry ^slicing.discriminator.path = "resource"
* entry ^slicing.rules = #open
* entry contains subscriptionStatus 1..1 MS
* entry[subscriptionStatus].resource 1..1
* entry[subscriptionStatus].resource only BackportSubscriptionStatusR4
* obeys backport-notification-bundle-r4-1
