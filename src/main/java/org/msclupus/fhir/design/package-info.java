/**
 * The study's design in plain Java: its visit schedule and which visit a dated value belongs to, day 0, its arms
 * with the experimental one, the criteria sets it names, and the trial's measures and codes. Every operation reads it;
 * design.fhir builds it from the ResearchStudy and its protocol PlanDefinition.
 */
@PlainJava
package org.msclupus.fhir.design;

import org.msclupus.fhir.PlainJava;
