package org.msclupus.fhir.response;

import static org.msclupus.fhir.response.Decimals.show;

import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.Visit;

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
 * SLE Responder Index 4 at the assessment visit (week 24 by default), as used in the belimumab trials and the
 * NCT05631717 lupus nephritis trial: SLEDAI-2K down by at least 4, no new BILAG-2004 A and at most one new B, and
 * physician global assessment up by less than 0.3.
 */
public final class Sri4 extends BaseCriteria<Sri4.Thresholds> {

	public static final String CODE = "sri-4";
	public static final String VERSION = "1";

	/**
	 * @param assessmentDay      the day of the assessment visit (week 24)
	 * @param visitWindowDays    +/- days around the assessment day
	 * @param baselineWindowDays days before day 0 in which a baseline value may lie
	 * @param sledaiMinReduction SLEDAI-2K must fall by at least this many points
	 * @param maxNewADomains     at most this many domains newly graded A
	 * @param maxNewBDomains     at most this many domains newly graded B
	 * @param pgaMaxIncrease     the physician global assessment must rise by less than this
	 */
	public record Thresholds(int assessmentDay, int visitWindowDays, int baselineWindowDays,
			BigDecimal sledaiMinReduction, int maxNewADomains, int maxNewBDomains, BigDecimal pgaMaxIncrease) {

		public static final Thresholds DEFAULTS = new Thresholds(168, 14, 30, new BigDecimal("4"), 0, 1,
				new BigDecimal("0.3"));

		public Thresholds {
			Objects.requireNonNull(sledaiMinReduction, "sledaiMinReduction");
			Objects.requireNonNull(pgaMaxIncrease, "pgaMaxIncrease");
		}
	}

	public Sri4(Thresholds thresholds) {
		super(CODE, VERSION, thresholds);
	}

	@Override
	public List<Response> categories() {
		return List.of(Response.R, Response.NR, Response.NE);
	}

	@Override
	public Map<String, Set<Response>> comparedOutcomes() {
		return Map.of("responder", Set.of(Response.R));
	}

	@Override
	protected CriteriaResult evaluateFromDay0(SubjectTimeline timeline, LocalDate day0, CriteriaResult.Builder result) {
		Visit visit = Visit.atDay(thresholds.assessmentDay());
		int baseWindow = thresholds.baselineWindowDays();
		int window = thresholds.visitWindowDays();
		Optional<Measurement> sledai0 = timeline.baseline(Measure.SLEDAI_2K, baseWindow);
		Optional<Measurement> bilag0 = timeline.baseline(Measure.BILAG_2004, baseWindow);
		Optional<Measurement> pga0 = timeline.baseline(Measure.PGA, baseWindow);
		Optional<Measurement> sledai = timeline.atVisit(Measure.SLEDAI_2K, visit, window);
		Optional<Measurement> bilag = timeline.atVisit(Measure.BILAG_2004, visit, window);
		Optional<Measurement> pga = timeline.atVisit(Measure.PGA, visit, window);
		Stream.of(sledai0, bilag0, pga0, sledai, bilag, pga).flatMap(Optional::stream).forEach(result::evidence);

		String baseWhere = " (day -" + baseWindow + " to day 0)";
		String visitWhere = " (day " + visit.targetDay() + " +/- " + window + ")";
		requirePresent(result, sledai0, "baseline SLEDAI-2K" + baseWhere);
		requirePresent(result, bilag0, "baseline BILAG-2004" + baseWhere);
		requirePresent(result, pga0, "baseline physician global assessment" + baseWhere);
		requirePresent(result, sledai, visit.label() + " SLEDAI-2K" + visitWhere);
		requirePresent(result, bilag, visit.label() + " BILAG-2004" + visitWhere);
		requirePresent(result, pga, visit.label() + " physician global assessment" + visitWhere);
		bilag0.filter(m -> !m.hasAllBilagDomains()).ifPresent(m -> result.missing("baseline BILAG-2004: "
				+ "not all nine domains graded"));
		bilag.filter(m -> !m.hasAllBilagDomains()).ifPresent(m -> result.missing(visit.label() + " BILAG-2004: "
				+ "not all nine domains graded"));
		if (!timeline.isDue(visit) && sledai.isEmpty()) {
			result.missing(visit.label() + " visit: not due until " + timeline.targetDate(visit)
					+ " (evaluated as of " + timeline.asOf() + ")");
		}

		LocalDate baselineDate = Stream.of(sledai0, bilag0, pga0).flatMap(Optional::stream).map(Measurement::date)
				.max(LocalDate::compareTo).orElse(day0);
		result.visit(new VisitResult(Visit.BASELINE, baselineDate, null, null));
		LocalDate visitDate = Stream.of(sledai, bilag, pga).flatMap(Optional::stream).map(Measurement::date)
				.max(LocalDate::compareTo).orElse(timeline.targetDate(visit));
		if (!result.missing().isEmpty()) {
			if (timeline.isDue(visit) || sledai.isPresent() || bilag.isPresent() || pga.isPresent()) {
				result.visit(new VisitResult(visit.label(), visitDate, Response.NE, null));
			}
			return result.response(Response.NE)
					.explanation("NE at " + visit.label() + ": missing " + String.join("; ", result.missing()) + ".")
					.build();
		}

		BigDecimal sledaiDrop = sledai0.get().value().subtract(sledai.get().value());
		boolean sledaiOk = sledaiDrop.compareTo(thresholds.sledaiMinReduction()) >= 0;
		List<BilagDomain> newA = Bilag.newA(bilag0.get().grades(), bilag.get().grades());
		List<BilagDomain> newB = Bilag.newB(bilag0.get().grades(), bilag.get().grades());
		boolean bilagOk = newA.size() <= thresholds.maxNewADomains() && newB.size() <= thresholds.maxNewBDomains();
		BigDecimal pgaRise = pga.get().value().subtract(pga0.get().value());
		boolean pgaOk = pgaRise.compareTo(thresholds.pgaMaxIncrease()) < 0;
		Response response = sledaiOk && bilagOk && pgaOk ? Response.R : Response.NR;
		result.visit(new VisitResult(visit.label(), visitDate, response, null));
		result.response(response);
		if (response == Response.R) {
			result.reachedOn(visitDate, timeline.daysFromDay0(visitDate));
		}

		List<String> reasons = new ArrayList<>();
		reasons.add("SLEDAI-2K " + show(sledai0.get().value()) + " -> " + show(sledai.get().value()) + " (fell "
				+ show(sledaiDrop) + (sledaiOk ? ", at least " : ", fewer than ")
				+ show(thresholds.sledaiMinReduction()) + ")");
		reasons.add("BILAG-2004 " + newA.size() + " new A" + (newA.isEmpty() ? "" : " (" + Bilag.names(newA) + ")")
				+ ", " + newB.size() + " new B" + (newB.isEmpty() ? "" : " (" + Bilag.names(newB) + ")")
				+ (bilagOk ? "" : ", more than allowed (" + thresholds.maxNewADomains() + " A, "
						+ thresholds.maxNewBDomains() + " B)"));
		reasons.add("PGA " + show(pga0.get().value()) + " -> " + show(pga.get().value())
				+ (pgaOk ? " (rise < " : " (rise >= ") + show(thresholds.pgaMaxIncrease()) + ")");
		return result.explanation(response + " at " + visit.label() + ": " + String.join("; ", reasons) + ".")
				.build();
	}

	private static void requirePresent(CriteriaResult.Builder result, Optional<Measurement> value, String what) {
		if (value.isEmpty()) {
			result.missing(what);
		}
	}
}
