package org.msclupus.fhir.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.msclupus.fhir.eligibility.Candidate.ClinicalRecord;
import org.msclupus.fhir.eligibility.Candidate.Code;
import org.msclupus.fhir.eligibility.EligibilityCriteria.AgeRule;
import org.msclupus.fhir.eligibility.EligibilityCriteria.AnyOfRule;
import org.msclupus.fhir.eligibility.EligibilityCriteria.ConsentRule;
import org.msclupus.fhir.eligibility.EligibilityCriteria.CountOfRule;
import org.msclupus.fhir.eligibility.EligibilityCriteria.Criterion;
import org.msclupus.fhir.eligibility.EligibilityCriteria.MeasureRule;
import org.msclupus.fhir.eligibility.EligibilityCriteria.RecordRule;
import org.msclupus.fhir.eligibility.EligibilityCriteria.Rule;
import org.msclupus.fhir.eligibility.Screening.CriterionResult;
import org.msclupus.fhir.eligibility.Screening.Decision;
import org.msclupus.fhir.eligibility.Screening.Result;

/**
 * Screens a candidate against a study's criteria, plain Java. A criterion the data cannot decide is unknown, never
 * met: missing data is not treated as normal. Where the data leave a criterion unknown, an investigator's attestation
 * for it decides. The candidate is eligible when every inclusion is met and no exclusion is; not eligible as soon as
 * one inclusion is not met or one exclusion is met, whatever else is unknown; otherwise the screen needs review.
 */
public final class EligibilityScreen {

	private EligibilityScreen() {
	}

	/** One rule's answer, with what it read. */
	record Outcome(Result result, List<String> values, List<String> evidence, String reason) {

		static Outcome unknown(String reason) {
			return new Outcome(Result.UNKNOWN, List.of(), List.of(), reason);
		}
	}

	public static Screening screen(EligibilityCriteria criteria, Candidate candidate, LocalDate screeningDate,
			CodeMembership membership) {
		List<CriterionResult> results = new ArrayList<>();
		for (Criterion criterion : criteria.criteria()) {
			Outcome outcome = evaluate(criterion.rule(), candidate, screeningDate, membership);
			if (outcome.result() == Result.UNKNOWN) {
				outcome = attested(criteria.url(), criterion, candidate, screeningDate).orElse(outcome);
			}
			results.add(new CriterionResult(criterion.id(), criterion.kind(), criterion.text(), outcome.result(),
					outcome.values(), outcome.evidence(), outcome.reason()));
		}
		return new Screening(criteria.url(), criteria.version(), screeningDate, decide(results), results);
	}

	static Decision decide(List<CriterionResult> results) {
		boolean failed = results.stream().anyMatch(r -> r.kind() == EligibilityCriteria.Kind.INCLUSION
				? r.result() == Result.NOT_MET : r.result() == Result.MET);
		if (failed) {
			return Decision.NOT_ELIGIBLE;
		}
		return results.stream().anyMatch(r -> r.result() == Result.UNKNOWN) ? Decision.NEEDS_REVIEW : Decision.ELIGIBLE;
	}

	/** The latest attestation of this criterion dated on or before screening. */
	private static Optional<Outcome> attested(String url, Criterion criterion, Candidate candidate, LocalDate screening) {
		return candidate.attestations().stream()
				.filter(a -> a.criteriaUrl().equals(url) && a.criterionId().equals(criterion.id()))
				.filter(a -> a.date() != null && !a.date().isAfter(screening))
				.max(Comparator.comparing(Candidate.Attestation::date))
				.map(a -> new Outcome(a.value() ? Result.MET : Result.NOT_MET,
						List.of("attested " + (a.value() ? "met" : "not met") + " on " + a.date()),
						List.of(a.reference()), null));
	}

	static Outcome evaluate(Rule rule, Candidate candidate, LocalDate screening, CodeMembership membership) {
		if (rule instanceof AgeRule age) {
			return age(age, candidate, screening);
		} else if (rule instanceof MeasureRule measure) {
			return measure(measure, candidate, screening);
		} else if (rule instanceof AnyOfRule anyOf) {
			return anyOf(anyOf, candidate, screening, membership);
		} else if (rule instanceof CountOfRule countOf) {
			return countOf(countOf, candidate, screening, membership);
		} else if (rule instanceof ConsentRule) {
			return consent(candidate, screening);
		}
		return record((RecordRule) rule, candidate, screening, membership);
	}

	/** Age in completed years; a partial birth date decides only when its earliest and latest day agree. */
	static Outcome age(AgeRule rule, Candidate candidate, LocalDate screening) {
		if (candidate.birthDateEarliest() == null || candidate.birthDateLatest() == null) {
			return Outcome.unknown("no birth date");
		}
		int oldest = Period.between(candidate.birthDateEarliest(), screening).getYears();
		int youngest = Period.between(candidate.birthDateLatest(), screening).getYears();
		boolean oldestFits = ageFits(rule, oldest);
		boolean youngestFits = ageFits(rule, youngest);
		String value = oldest == youngest ? "age " + oldest + " at screening on " + screening
				: "age " + youngest + " to " + oldest + " at screening on " + screening;
		if (oldestFits != youngestFits || (oldestFits && !allAgesBetweenFit(rule, youngest, oldest))) {
			return new Outcome(Result.UNKNOWN, List.of(value), List.of(), "the birth date is too imprecise");
		}
		return new Outcome(oldestFits ? Result.MET : Result.NOT_MET, List.of(value), List.of(), null);
	}

	private static boolean allAgesBetweenFit(AgeRule rule, int from, int to) {
		for (int age = from; age <= to; age++) {
			if (!ageFits(rule, age)) {
				return false;
			}
		}
		return true;
	}

	private static boolean ageFits(AgeRule rule, int age) {
		return (rule.atLeast() == null || age >= rule.atLeast()) && (rule.above() == null || age > rule.above())
				&& (rule.atMost() == null || age <= rule.atMost()) && (rule.below() == null || age < rule.below());
	}

	/** The latest value within the look-back, compared exactly. */
	static Outcome measure(MeasureRule rule, Candidate candidate, LocalDate screening) {
		LocalDate from = screening.minusDays(rule.lookbackDays());
		Optional<Candidate.MeasureValue> latest = candidate.measures().stream()
				.filter(m -> m.measure().equals(rule.measure()))
				.filter(m -> !m.date().isBefore(from) && !m.date().isAfter(screening))
				.max(Comparator.comparing(Candidate.MeasureValue::date).thenComparing(Candidate.MeasureValue::reference));
		if (latest.isEmpty()) {
			return Outcome.unknown("no " + rule.measure() + " value from " + from + " to " + screening);
		}
		Candidate.MeasureValue value = latest.get();
		int comparison = value.value().compareTo(rule.value());
		boolean met = switch (rule.comparator()) {
			case ">" -> comparison > 0;
			case ">=" -> comparison >= 0;
			case "<" -> comparison < 0;
			default -> comparison <= 0;
		};
		return new Outcome(met ? Result.MET : Result.NOT_MET, List.of(rule.measure() + " "
				+ value.value().stripTrailingZeros().toPlainString() + " " + value.unit() + " on " + value.date()
				+ " (needs " + rule.comparator() + " " + rule.value().toPlainString() + ")"),
				List.of(value.reference()), null);
	}

	static Outcome anyOf(AnyOfRule rule, Candidate candidate, LocalDate screening, CodeMembership membership) {
		List<Outcome> outcomes = rule.rules().stream().map(r -> evaluate(r, candidate, screening, membership)).toList();
		Optional<Outcome> met = outcomes.stream().filter(o -> o.result() == Result.MET).findFirst();
		if (met.isPresent()) {
			return met.get();
		}
		List<String> values = outcomes.stream().flatMap(o -> o.values().stream()).toList();
		List<String> evidence = outcomes.stream().flatMap(o -> o.evidence().stream()).toList();
		if (outcomes.stream().allMatch(o -> o.result() == Result.NOT_MET)) {
			return new Outcome(Result.NOT_MET, values, evidence, null);
		}
		return new Outcome(Result.UNKNOWN, values, evidence, String.join("; ", outcomes.stream()
				.filter(o -> o.result() == Result.UNKNOWN).map(Outcome::reason).toList()));
	}

	/** Items recorded present, and items recorded absent; the rest are unknown. */
	static Outcome countOf(CountOfRule rule, Candidate candidate, LocalDate screening, CodeMembership membership) {
		List<String> present = new ArrayList<>();
		List<String> absent = new ArrayList<>();
		List<String> evidence = new ArrayList<>();
		for (EligibilityCriteria.CountItem item : rule.items()) {
			List<ClinicalRecord> matching = candidate.records().stream()
					.filter(r -> r.resourceType().equals("Condition") || r.resourceType().equals("Observation"))
					.filter(r -> r.start() == null || !r.start().isAfter(screening))
					.filter(r -> anyIn(r.codes(), item.valueSet(), membership)).toList();
			Optional<ClinicalRecord> positive = matching.stream().filter(r -> isPositive(r, null, membership)).findFirst();
			Optional<ClinicalRecord> negative = matching.stream().filter(r -> isNegative(r, null, membership)).findFirst();
			if (positive.isPresent()) {
				present.add(item.id());
				evidence.add(positive.get().reference());
			} else if (negative.isPresent()) {
				absent.add(item.id());
				evidence.add(negative.get().reference());
			}
		}
		List<String> values = new ArrayList<>();
		values.add(present.size() + " of " + rule.items().size() + " present"
				+ (present.isEmpty() ? "" : ": " + String.join(", ", present)));
		if (!absent.isEmpty()) {
			values.add(absent.size() + " recorded absent: " + String.join(", ", absent));
		}
		if (present.size() >= rule.atLeast()) {
			return new Outcome(Result.MET, values, evidence, null);
		}
		if (rule.items().size() - absent.size() < rule.atLeast()) {
			return new Outcome(Result.NOT_MET, values, evidence, null);
		}
		return new Outcome(Result.UNKNOWN, values, evidence, "needs " + rule.atLeast() + "; "
				+ (rule.items().size() - present.size() - absent.size()) + " not recorded either way");
	}

	/** The latest consent on or before screening: active is met, rejected or inactive is not. */
	static Outcome consent(Candidate candidate, LocalDate screening) {
		Optional<Candidate.ConsentRecord> latest = candidate.consents().stream()
				.filter(c -> c.date() == null || !c.date().isAfter(screening))
				.filter(c -> List.of("active", "rejected", "inactive").contains(c.status()))
				.max(Comparator.comparing(c -> c.date() == null ? LocalDate.MIN : c.date()));
		if (latest.isEmpty()) {
			return Outcome.unknown("no research consent recorded");
		}
		Candidate.ConsentRecord consent = latest.get();
		return new Outcome(consent.status().equals("active") ? Result.MET : Result.NOT_MET,
				List.of("consent " + consent.status() + (consent.date() == null ? "" : " on " + consent.date())),
				List.of(consent.reference()), null);
	}

	static Outcome record(RecordRule rule, Candidate candidate, LocalDate screening, CodeMembership membership) {
		if (rule.gender() != null && candidate.gender() != null && !candidate.gender().equals("unknown")
				&& !candidate.gender().equals(rule.gender())) {
			return new Outcome(Result.NOT_MET, List.of("applies to " + rule.gender() + " candidates only; gender "
					+ candidate.gender()), List.of(), null);
		}
		LocalDate from = rule.lookbackDays() == null ? LocalDate.MIN : screening.minusDays(rule.lookbackDays());
		// Records dated after screening (a trial's own infusions) are no history of the candidate at screening.
		List<ClinicalRecord> ofTypes = candidate.records().stream()
				.filter(r -> rule.resourceTypes().contains(r.resourceType()))
				.filter(r -> r.start() != null && !r.start().isAfter(screening)).toList();
		List<ClinicalRecord> inWindow = ofTypes.stream()
				.filter(r -> inWindow(r, rule.timing(), from, screening))
				.filter(r -> anyIn(r.codes(), rule.valueSet(), membership)).toList();
		String window = rule.lookbackDays() == null ? "before " + screening : "from " + from + " to " + screening;
		Optional<ClinicalRecord> positive = inWindow.stream().filter(r -> isPositive(r, rule, membership))
				.max(Comparator.comparing(ClinicalRecord::start));
		if (positive.isPresent()) {
			ClinicalRecord r = positive.get();
			return new Outcome(Result.MET, List.of(r.resourceType() + " " + describe(r) + " dated " + r.start()
					+ (r.end() == null || r.end().equals(r.start()) ? "" : " to " + r.end()) + ", " + window),
					List.of(r.reference()), null);
		}
		Optional<ClinicalRecord> negative = inWindow.stream().filter(r -> isNegative(r, rule, membership))
				.max(Comparator.comparing(ClinicalRecord::start));
		if (negative.isPresent()) {
			ClinicalRecord r = negative.get();
			return new Outcome(Result.NOT_MET, List.of(r.resourceType() + " " + describe(r) + " negative on "
					+ r.start()), List.of(r.reference()), null);
		}
		boolean hasHistory = !ofTypes.isEmpty();
		Result absent = switch (rule.whenNoRecord()) {
			case "not-met" -> Result.NOT_MET;
			case "not-met-with-history" -> hasHistory ? Result.NOT_MET : Result.UNKNOWN;
			default -> Result.UNKNOWN;
		};
		String statement = "no matching " + String.join("/", rule.resourceTypes()) + " " + window;
		return absent == Result.UNKNOWN
				? new Outcome(Result.UNKNOWN, List.of(statement), List.of(), hasHistory
						? "no matching record; absence is not enough for this criterion"
						: "no " + String.join("/", rule.resourceTypes()) + " records for this candidate")
				: new Outcome(Result.NOT_MET, List.of(statement + " (" + ofTypes.size() + " record" + (ofTypes.size() == 1 ? "" : "s")
						+ " of these types checked)"),
						List.of(), null);
	}

	/**
	 * overlaps: the record lasted into the window (an open end is ongoing); starts: it began in the window; changes:
	 * it began or ended in the window (a new course, a stop, or a new dose recorded as a new statement).
	 */
	private static boolean inWindow(ClinicalRecord record, String timing, LocalDate from, LocalDate screening) {
		boolean startsIn = !record.start().isBefore(from);
		return switch (timing) {
			case "starts" -> startsIn;
			case "changes" -> startsIn || (record.end() != null && !record.end().isBefore(from)
					&& !record.end().isAfter(screening) && !record.end().equals(record.start()));
			default -> record.end() == null || !record.end().isBefore(from);
		};
	}

	private static String describe(ClinicalRecord record) {
		return record.codes().isEmpty() ? "" : record.codes().get(0).system() + "|" + record.codes().get(0).code();
	}

	/** Present: not an Observation, or an Observation without a value, with a positive code, or true. */
	private static boolean isPositive(ClinicalRecord record, RecordRule rule, CodeMembership membership) {
		if (!record.resourceType().equals("Observation")) {
			return true;
		}
		if (record.booleanValue() != null) {
			return record.booleanValue();
		}
		if (record.valueCodes().isEmpty()) {
			return true;
		}
		if (rule != null && rule.positiveValueSet() != null) {
			return anyIn(record.valueCodes(), rule.positiveValueSet(), membership);
		}
		return !isNegative(record, rule, membership);
	}

	/** Absent: an Observation that is false or has a negative code. */
	private static boolean isNegative(ClinicalRecord record, RecordRule rule, CodeMembership membership) {
		if (!record.resourceType().equals("Observation")) {
			return false;
		}
		if (record.booleanValue() != null) {
			return !record.booleanValue();
		}
		return rule != null && rule.negativeValueSet() != null
				&& anyIn(record.valueCodes(), rule.negativeValueSet(), membership);
	}

	private static boolean anyIn(List<Code> codes, String valueSet, CodeMembership membership) {
		return codes.stream().anyMatch(c -> c.system() != null && c.code() != null
				&& membership.contains(valueSet, c.system(), c.code()));
	}
}
