package org.msclupus.fhir.response;

import static org.msclupus.fhir.response.Decimals.show;

import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renal complete and partial response of lupus nephritis at week 24, and the time to each, as the UC-MSC versus
 * low-dose IL-2 trial defines them (NCT05631717; visits at weeks 4, 8, 16, 20 and 24).
 *
 * <p>CR needs creatinine at or under the limit (absolute, or relative to baseline), proteinuria under the limit in
 * either UPCR or 24-hour protein, and a prednisone-equivalent dose at or under the limit on the visit day. PR needs
 * proteinuria abnormal at baseline and a large enough fall: more than 30 % in both creatinine and proteinuria when
 * creatinine was abnormal too (and SLEDAI-2K not worse), more than 50 % in proteinuria alone otherwise.
 * Proteinuria is only compared like for like.
 */
public final class LnRenalResponse extends BaseCriteria<LnRenalResponse.Thresholds> {

	public static final String CODE = "ln-renal-response";
	public static final String VERSION = "1";

	/**
	 * @param assessmentDay                      the day of the primary assessment (week 24)
	 * @param visitWindowDays                    +/- days around each visit's target day
	 * @param baselineWindowDays                 days before day 0 in which a baseline value may lie
	 * @param creatinineMaxMgPerDl               CR: creatinine at or under this, in mg/dL ...
	 * @param creatinineMaxPercentOfBaseline     ... or at or under this percentage of its baseline
	 * @param proteinuriaMax                     CR: UPCR (g/g) or 24-hour protein (g/24 h) under this
	 * @param prednisoneMaxMgPerDay              CR: prednisone-equivalent dose at or under this on the visit day
	 * @param creatinineDefaultUpperLimitMgPerDl upper limit of normal when the baseline value has no reference range
	 * @param proteinuriaAbnormalFrom            proteinuria at or above this at baseline is abnormal
	 * @param partialFallPercentBoth             PR with both abnormal: each must fall by more than this percentage
	 * @param partialFallPercentProteinuriaOnly  PR with only proteinuria abnormal: it must fall by more than this
	 */
	public record Thresholds(int assessmentDay, int visitWindowDays, int baselineWindowDays,
			BigDecimal creatinineMaxMgPerDl, BigDecimal creatinineMaxPercentOfBaseline, BigDecimal proteinuriaMax,
			BigDecimal prednisoneMaxMgPerDay, BigDecimal creatinineDefaultUpperLimitMgPerDl,
			BigDecimal proteinuriaAbnormalFrom, BigDecimal partialFallPercentBoth,
			BigDecimal partialFallPercentProteinuriaOnly) {

		public static final Thresholds DEFAULTS = new Thresholds(168, 14, 30, new BigDecimal("1.2"),
				new BigDecimal("125"), new BigDecimal("0.5"), new BigDecimal("10"), new BigDecimal("1.2"),
				new BigDecimal("0.5"), new BigDecimal("30"), new BigDecimal("50"));

		public Thresholds {
			Stream.of(creatinineMaxMgPerDl, creatinineMaxPercentOfBaseline, proteinuriaMax, prednisoneMaxMgPerDay,
					creatinineDefaultUpperLimitMgPerDl, proteinuriaAbnormalFrom, partialFallPercentBoth,
					partialFallPercentProteinuriaOnly).forEach(v -> Objects.requireNonNull(v, "threshold"));
		}
	}

	public LnRenalResponse(Thresholds thresholds) {
		super(CODE, VERSION, thresholds);
	}

	@Override
	public List<Response> categories() {
		return List.of(Response.CR, Response.PR, Response.NR, Response.NE);
	}

	@Override
	public Map<String, Set<Response>> comparedOutcomes() {
		return ResponseCriteria.ordered("CR", Set.of(Response.CR), "CR-or-PR", Set.of(Response.CR, Response.PR));
	}

	/** Time to the first visit with PR or better, and to the first CR (specification §2). */
	@Override
	public Map<String, Set<Response>> timedEvents() {
		return ResponseCriteria.ordered(RESPONSE_EVENT, Set.of(Response.CR, Response.PR), COMPLETE_RESPONSE_EVENT, Set.of(Response.CR));
	}

	/** The visits graded: the weeks-24 schedule up to the assessment day, and the assessment day itself. */
	List<Visit> visits() {
		List<Visit> visits = new ArrayList<>(VisitSchedule.WEEKS_24.visits().stream()
				.filter(v -> v.targetDay() < thresholds.assessmentDay()).toList());
		visits.add(assessmentVisit());
		return visits;
	}

	private Visit assessmentVisit() {
		return VisitSchedule.WEEKS_24.visits().stream().filter(v -> v.targetDay() == thresholds.assessmentDay())
				.findFirst().orElse(Visit.atDay(thresholds.assessmentDay()));
	}

	@Override
	protected CriteriaResult evaluateFromDay0(SubjectTimeline timeline, LocalDate day0, CriteriaResult.Builder result) {
		Baselines baselines = new Baselines(timeline);
		result.visit(new VisitResult(Visit.BASELINE, baselines.date(day0), null, null));
		Stream.of(baselines.creatinine, baselines.upcr, baselines.protein24h, baselines.sledai)
				.forEach(m -> result.evidence(m.orElse(null)));

		Visit assessment = assessmentVisit();
		VisitOutcome atAssessment = null;
		List<VisitOutcome> outcomes = new ArrayList<>();
		for (Visit visit : visits()) {
			if (!timeline.isDue(visit) && visit != assessment) {
				continue;
			}
			VisitOutcome outcome = assess(timeline, visit, baselines);
			if (visit == assessment) {
				atAssessment = outcome;
				if (!timeline.isDue(visit) && outcome.response == Response.NE) {
					break; // not due yet: no visit entry, only the missing note below
				}
			}
			outcomes.add(outcome);
			result.visit(new VisitResult(visit.label(), outcome.date, outcome.response, null));
			result.evidence(outcome.evidence);
		}

		// Time to response is the first visit at which PR or better held, whatever came later (specification §2):
		// a response at week 8 lost by week 24 still happened at week 8.
		outcomes.stream().filter(o -> o.response == Response.CR || o.response == Response.PR).findFirst()
				.ifPresent(first -> result.reachedOn(first.date, timeline.daysFromDay0(first.date)));
		outcomes.stream().filter(o -> o.response == Response.CR).findFirst()
				.ifPresent(first -> result.daysToCompleteResponse(timeline.daysFromDay0(first.date)));
		if (atAssessment == null || atAssessment.response == Response.NE) {
			result.response(Response.NE);
			List<String> missing = atAssessment == null ? List.of() : atAssessment.missing;
			missing.forEach(result::missing);
			if (!timeline.isDue(assessment)) {
				result.missing(assessment.label() + " visit: not due until " + timeline.targetDate(assessment)
						+ " (evaluated as of " + timeline.asOf() + ")");
			}
			return result.explanation("NE at " + assessment.label() + ": missing " + String.join("; ", result.missing())
					+ ".").build();
		}
		result.response(atAssessment.response);
		return result.explanation(atAssessment.response + " at " + assessment.label() + ": "
				+ String.join("; ", atAssessment.reasons) + ".").build();
	}

	private VisitOutcome assess(SubjectTimeline timeline, Visit visit, Baselines baselines) {
		int window = thresholds.visitWindowDays();
		Optional<Measurement> creatinine = timeline.atVisit(Measure.SERUM_CREATININE, visit, window);
		Optional<Measurement> upcr = timeline.atVisit(Measure.URINE_PROTEIN_CREATININE_RATIO, visit, window);
		Optional<Measurement> protein24h = timeline.atVisit(Measure.URINE_PROTEIN_24H, visit, window);
		String where = " (day " + visit.targetDay() + " +/- " + window + ")";

		List<String> missing = new ArrayList<>();
		if (baselines.creatinine.isEmpty()) {
			missing.add("baseline serum creatinine" + baselines.where);
		}
		if (baselines.upcr.isEmpty() && baselines.protein24h.isEmpty()) {
			missing.add("baseline proteinuria (UPCR or 24-hour urine protein)" + baselines.where);
		}
		if (creatinine.isEmpty()) {
			missing.add(visit.label() + " serum creatinine" + where);
		}
		if (upcr.isEmpty() && protein24h.isEmpty()) {
			missing.add(visit.label() + " proteinuria (UPCR or 24-hour urine protein)" + where);
		}
		List<Measurement> used = Stream.of(creatinine, upcr, protein24h).flatMap(Optional::stream).toList();
		LocalDate date = used.stream().map(Measurement::date).max(LocalDate::compareTo)
				.orElse(timeline.targetDate(visit));
		List<String> evidence = new ArrayList<>(used.stream().map(Measurement::evidence).toList());
		if (!missing.isEmpty()) {
			return new VisitOutcome(Response.NE, date, evidence, List.of(), missing);
		}

		BigDecimal cr = creatinine.get().value();
		BigDecimal crBaseline = baselines.creatinine.get().value();
		SubjectTimeline.DoseOnDay dose = timeline.doseOn(date);
		evidence.addAll(dose.evidence());

		List<String> reasons = new ArrayList<>();
		boolean creatinineOk;
		if (cr.compareTo(thresholds.creatinineMaxMgPerDl()) <= 0) {
			creatinineOk = true;
			reasons.add("creatinine " + show(cr) + " mg/dL <= " + show(thresholds.creatinineMaxMgPerDl()));
		} else if (Decimals.atMostPercentOf(cr, thresholds.creatinineMaxPercentOfBaseline(), crBaseline)) {
			creatinineOk = true;
			reasons.add("creatinine " + show(cr) + " mg/dL <= " + show(thresholds.creatinineMaxPercentOfBaseline())
					+ " % of baseline " + show(crBaseline));
		} else {
			creatinineOk = false;
			reasons.add("creatinine " + show(cr) + " mg/dL > " + show(thresholds.creatinineMaxMgPerDl()) + " and > "
					+ show(thresholds.creatinineMaxPercentOfBaseline()) + " % of baseline " + show(crBaseline));
		}
		Optional<Measurement> lowProteinuria = Stream.of(upcr, protein24h).flatMap(Optional::stream)
				.filter(m -> m.value().compareTo(thresholds.proteinuriaMax()) < 0).findFirst();
		boolean proteinuriaOk = lowProteinuria.isPresent();
		Measurement shownProteinuria = lowProteinuria.orElse(upcr.orElseGet(protein24h::get));
		reasons.add(proteinuriaText(shownProteinuria) + (proteinuriaOk ? " < " : " >= ")
				+ show(thresholds.proteinuriaMax()));
		boolean doseOk = dose.prednisoneMgPerDay().compareTo(thresholds.prednisoneMaxMgPerDay()) <= 0;
		reasons.add("prednisone-equivalent " + show(dose.prednisoneMgPerDay()) + " mg/d on " + date
				+ (doseOk ? " <= " : " > ") + show(thresholds.prednisoneMaxMgPerDay()));
		if (creatinineOk && proteinuriaOk && doseOk) {
			return new VisitOutcome(Response.CR, date, evidence, reasons, List.of());
		}
		return partialResponse(timeline, visit, baselines, creatinine.get(), upcr, protein24h, date, evidence,
				reasons);
	}

	private VisitOutcome partialResponse(SubjectTimeline timeline, Visit visit, Baselines baselines,
			Measurement creatinine, Optional<Measurement> upcr, Optional<Measurement> protein24h, LocalDate date,
			List<String> evidence, List<String> reasons) {
		Measurement crBaseline = baselines.creatinine.get();
		BigDecimal upperLimit = crBaseline.upperLimit() != null
				? crBaseline.upperLimit()
				: thresholds.creatinineDefaultUpperLimitMgPerDl();
		boolean creatinineAbnormal = crBaseline.value().compareTo(upperLimit) > 0;
		boolean proteinuriaAbnormal = Stream.of(baselines.upcr, baselines.protein24h).flatMap(Optional::stream)
				.anyMatch(m -> m.value().compareTo(thresholds.proteinuriaAbnormalFrom()) >= 0);
		if (!proteinuriaAbnormal) {
			reasons.add("not CR, and PR does not apply: proteinuria was below "
					+ show(thresholds.proteinuriaAbnormalFrom()) + " at baseline");
			return new VisitOutcome(Response.NR, date, evidence, reasons, List.of());
		}
		// Like for like: UPCR with UPCR, else 24-hour protein with 24-hour protein.
		Measurement[] pair = upcr.isPresent() && baselines.upcr.isPresent()
				? new Measurement[] {baselines.upcr.get(), upcr.get()}
				: protein24h.isPresent() && baselines.protein24h.isPresent()
						? new Measurement[] {baselines.protein24h.get(), protein24h.get()}
						: null;
		if (pair == null) {
			String missing = visit.label() + " proteinuria of the same kind as at baseline (UPCR with UPCR, "
					+ "24-hour with 24-hour), needed to judge PR";
			return new VisitOutcome(Response.NE, date, evidence, List.of(), List.of(missing));
		}
		BigDecimal proteinuriaFall = Decimals.percentFall(pair[0].value(), pair[1].value());
		String proteinuriaFallText = pair[1].measure().label() + " fell " + show(proteinuriaFall) + " % from "
				+ show(pair[0].value());
		if (creatinineAbnormal) {
			BigDecimal creatinineFall = Decimals.percentFall(crBaseline.value(), creatinine.value());
			BigDecimal needed = thresholds.partialFallPercentBoth();
			boolean falls = creatinineFall.compareTo(needed) > 0 && proteinuriaFall.compareTo(needed) > 0;
			Optional<Measurement> sledaiBaseline = baselines.sledai;
			Optional<Measurement> sledaiVisit = timeline.atVisit(Measure.SLEDAI_2K, visit,
					thresholds.visitWindowDays());
			boolean worse = sledaiBaseline.isPresent() && sledaiVisit.isPresent()
					&& sledaiVisit.get().value().compareTo(sledaiBaseline.get().value()) > 0;
			sledaiVisit.ifPresent(m -> evidence.add(m.evidence()));
			String facts = "creatinine fell " + show(creatinineFall) + " % and " + proteinuriaFallText
					+ " (PR needs both > " + show(needed) + " %)";
			if (worse) {
				facts += "; SLEDAI-2K rose from " + show(sledaiBaseline.get().value()) + " to "
						+ show(sledaiVisit.get().value());
			}
			reasons.add(facts);
			return new VisitOutcome(falls && !worse ? Response.PR : Response.NR, date, evidence, reasons, List.of());
		}
		BigDecimal needed = thresholds.partialFallPercentProteinuriaOnly();
		reasons.add(proteinuriaFallText + " (PR needs > " + show(needed) + " %)");
		Response response = proteinuriaFall.compareTo(needed) > 0 ? Response.PR : Response.NR;
		return new VisitOutcome(response, date, evidence, reasons, List.of());
	}

	private static String proteinuriaText(Measurement m) {
		return m.measure() == Measure.URINE_PROTEIN_CREATININE_RATIO
				? "UPCR " + show(m.value()) + " g/g"
				: "24-hour protein " + show(m.value()) + " g/24 h";
	}

	private final class Baselines {
		final Optional<Measurement> creatinine;
		final Optional<Measurement> upcr;
		final Optional<Measurement> protein24h;
		final Optional<Measurement> sledai;
		final String where;

		Baselines(SubjectTimeline timeline) {
			int window = thresholds.baselineWindowDays();
			creatinine = timeline.baseline(Measure.SERUM_CREATININE, window);
			upcr = timeline.baseline(Measure.URINE_PROTEIN_CREATININE_RATIO, window);
			protein24h = timeline.baseline(Measure.URINE_PROTEIN_24H, window);
			sledai = timeline.baseline(Measure.SLEDAI_2K, window);
			where = " (day -" + window + " to day 0)";
		}

		LocalDate date(LocalDate day0) {
			return Stream.of(creatinine, upcr, protein24h).flatMap(Optional::stream).map(Measurement::date)
					.max(LocalDate::compareTo).orElse(day0);
		}
	}

	private record VisitOutcome(Response response, LocalDate date, List<String> evidence, List<String> reasons,
			List<String> missing) {
	}
}
