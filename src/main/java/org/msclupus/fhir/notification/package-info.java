/**
 * Topic-based notifications in plain Java (Subscriptions R5 Backport IG 1.1.0 on R4): the two topics the server
 * publishes, what a subscription asks for (filters, payload content, endpoint), when a change is an event, and how
 * long and how often a delivery is retried. notification.operation records events with the writes that cause them,
 * delivers them and answers $status, $events and $notifications.
 */
@PlainJava
package org.msclupus.fhir.notification;

import org.msclupus.fhir.PlainJava;
