package org.msclupus.fhir.response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of one criteria set for one subject, with the reasons: the visits, the evidence used, what was
 * missing and a sentence a clinician can read.
 */
public record CriteriaResult(String criteria, String version, Map<String, Object> thresholds, Response response,
		LocalDate responseDate, Integer daysToResponse, Integer daysToCompleteResponse, Boolean relapse,
		String relapseVisit, LocalDate relapseDate, List<VisitResult> visits, SortedSet<String> evidence,
		List<String> missing, List<String> ignored, String explanation, LocalDate day0) {

	/** A result without its day 0 (written before results carried it, and by tests that need none). */
	public CriteriaResult(String criteria, String version, Map<String, Object> thresholds, Response response,
			LocalDate responseDate, Integer daysToResponse, Integer daysToCompleteResponse, Boolean relapse,
			String relapseVisit, LocalDate relapseDate, List<VisitResult> visits, SortedSet<String> evidence,
			List<String> missing, List<String> ignored, String explanation) {
		this(criteria, version, thresholds, response, responseDate, daysToResponse, daysToCompleteResponse, relapse,
				relapseVisit, relapseDate, visits, evidence, missing, ignored, explanation, null);
	}

	/** Days from day 0 to {@code date}; null without day 0. */
	public Long daysFromDay0(LocalDate date) {
		return day0 == null || date == null ? null : java.time.temporal.ChronoUnit.DAYS.between(day0, date);
	}

	public static Builder builder(ResponseCriteria criteria) {
		return new Builder(criteria);
	}

	public static final class Builder {
		private final ResponseCriteria criteria;
		private Response response;
		private LocalDate responseDate;
		private Integer daysToResponse;
		private Integer daysToCompleteResponse;
		private Boolean relapse;
		private String relapseVisit;
		private LocalDate relapseDate;
		private final List<VisitResult> visits = new ArrayList<>();
		private final SortedSet<String> evidence = new TreeSet<>();
		private final List<String> missing = new ArrayList<>();
		private final List<String> ignored = new ArrayList<>();
		private String explanation;
		private LocalDate day0;

		private Builder(ResponseCriteria criteria) {
			this.criteria = criteria;
		}

		public Builder response(Response value) {
			this.response = value;
			return this;
		}

		public Builder reachedOn(LocalDate date, long daysFromDay0) {
			this.responseDate = date;
			this.daysToResponse = Math.toIntExact(daysFromDay0);
			return this;
		}

		public Builder daysToCompleteResponse(long days) {
			this.daysToCompleteResponse = Math.toIntExact(days);
			return this;
		}

		public Builder relapse(boolean value, String visit, LocalDate date) {
			this.relapse = value;
			this.relapseVisit = visit;
			this.relapseDate = date;
			return this;
		}

		public Builder visit(VisitResult visit) {
			visits.add(visit);
			return this;
		}

		public Builder evidence(String reference) {
			if (reference != null) {
				evidence.add(reference);
			}
			return this;
		}

		public Builder evidence(Collection<String> references) {
			references.forEach(this::evidence);
			return this;
		}

		public Builder evidence(Measurement measurement) {
			return measurement == null ? this : evidence(measurement.evidence());
		}

		public Builder missing(String what) {
			if (!missing.contains(what)) {
				missing.add(what);
			}
			return this;
		}

		public Builder ignored(Collection<String> notes) {
			ignored.addAll(notes);
			return this;
		}

		public Builder day0(LocalDate date) {
			this.day0 = date;
			return this;
		}

		public Builder explanation(String text) {
			this.explanation = text;
			return this;
		}

		public List<String> missing() {
			return missing;
		}

		public CriteriaResult build() {
			return new CriteriaResult(criteria.code(), criteria.version(), criteria.thresholds(), response,
					responseDate, daysToResponse, daysToCompleteResponse, relapse, relapseVisit, relapseDate,
					List.copyOf(visits), java.util.Collections.unmodifiableSortedSet(new TreeSet<>(evidence)),
					List.copyOf(missing), List.copyOf(ignored), explanation, day0);
		}
	}
}
