package org.msclupus.fhir.safety;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.msclupus.fhir.design.ReferenceSafetyInformation;

/**
 * Candidates for expedited reporting as suspected unexpected serious adverse reactions (ICH E2A): treatment-emergent
 * events that are serious, related to the MSC infusion in one of the categories that count as related, and not
 * expected for the study (the event's own expected-in-research-study when recorded, else the study's reference
 * safety information). A safety physician decides; the server only lists what meets the three criteria.
 */
public final class SusarCandidates {

	/** One candidate: the subject, the event, its term and its onset. */
	public record Candidate(String subject, String adverseEvent, String term, Instant onset) {
	}

	private SusarCandidates() {
	}

	/**
	 * @param related the relatedness categories that count as related (by default related and possibly related)
	 * @param asOf    only events up to this day
	 */
	public static List<Candidate> of(List<SafetyData.Subject> subjects, ReferenceSafetyInformation expected,
			Set<SafetyData.Relatedness> related, LocalDate asOf) {
		List<Candidate> candidates = new ArrayList<>();
		for (SafetyData.Subject subject : subjects) {
			for (SafetyData.AdverseEvent event : SafetySummary.treatmentEmergent(subject, asOf)) {
				if (Boolean.TRUE.equals(event.serious()) && related.contains(event.relatedness())
						&& !isExpected(event, expected)) {
					candidates.add(new Candidate(subject.subject(), event.reference(), event.term(), event.start()));
				}
			}
		}
		candidates.sort(Comparator.comparing(Candidate::onset).thenComparing(Candidate::adverseEvent));
		return candidates;
	}

	static boolean isExpected(SafetyData.AdverseEvent event, ReferenceSafetyInformation expected) {
		return event.expected() != null ? event.expected() : expected.expects(event.codes(), event.term());
	}
}
