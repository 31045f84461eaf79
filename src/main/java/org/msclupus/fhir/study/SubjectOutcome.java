package org.msclupus.fhir.study;

import org.msclupus.fhir.response.CriteriaResult;

/** One subject's result for one criteria set, with the arm it was assigned to. */
public record SubjectOutcome(String subject, String arm, CriteriaResult result) {
}
