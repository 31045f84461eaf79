package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * Major and partial clinical response by BILAG-2004 over 12 months, and relapse after a response: the definitions
 * of the rituximab EXPLORER trial as the UC-MSC multicenter study reports them (Wang D et al., Arthritis Res Ther
 * 2014;16:R79; visits at months 1, 3, 6, 9 and 12).
 */
public final class BilagMcrPcr extends BaseCriteria<BilagMcrPcr.Thresholds> {

	public static final String CODE = "bilag-mcr-pcr";
	public static final String VERSION = "1";

	/**
	 * @param visitWindowDays       +/- days around each visit's target day
	 * @param maxBDomainsForPcr     PCR allows at most this many domains graded B (and none A)
	 * @param newADomainsForRelapse relapse: at least this many domains newly graded A ...
	 * @param newBDomainsForRelapse ... or at least this many newly graded B, against the first response visit
	 */
	public record Thresholds(int visitWindowDays, int maxBDomainsForPcr, int newADomainsForRelapse,
			int newBDomainsForRelapse) {

		public static final Thresholds DEFAULTS = new Thresholds(30, 1, 1, 2);
	}

	public BilagMcrPcr(Thresholds thresholds) {
		super(CODE, VERSION, thresholds);
	}

	@Override
	public List<Response> categories() {
		return List.of(Response.MCR, Response.PCR, Response.NR, Response.NE);
	}

	@Override
	public Map<String, Set<Response>> comparedOutcomes() {
		return ResponseCriteria.ordered("MCR", Set.of(Response.MCR), "MCR-or-PCR", Set.of(Response.MCR, Response.PCR));
	}

	/** Time to the first MCR or PCR, and to the first MCR; relapse is timed from the first response. */
	@Override
	public Map<String, Set<Response>> timedEvents() {
		return ResponseCriteria.ordered(RESPONSE_EVENT, Set.of(Response.MCR, Response.PCR), COMPLETE_RESPONSE_EVENT,
				Set.of(Response.MCR));
	}

	/** From month 3: a relapse is judged against an earlier response, so month 1 can have none. */
	@Override
	public List<String> relapseVisits() {
		List<Visit> visits = VisitSchedule.MONTHS_12.visits();
		return visits.subList(1, visits.size()).stream().map(Visit::label).toList();
	}

	/** The response at one visit from its nine domain grades. */
	Response grade(Map<BilagDomain, BilagGrade> grades) {
		if (grades.values().stream().allMatch(BilagGrade::isCToE)) {
			return Response.MCR;
		}
		if (Bilag.count(grades, BilagGrade.A) == 0 && Bilag.count(grades, BilagGrade.B) <= thresholds.maxBDomainsForPcr()) {
			return Response.PCR;
		}
		return Response.NR;
	}

	@Override
	protected CriteriaResult evaluateFromDay0(SubjectTimeline timeline, LocalDate day0, CriteriaResult.Builder result) {
		int window = thresholds.visitWindowDays();

		List<Graded> graded = new ArrayList<>();
		for (Visit visit : VisitSchedule.MONTHS_12.visits()) {
			Optional<Measurement> bilag = timeline.atVisit(Measure.BILAG_2004, visit, window);
			if (bilag.isEmpty() || !bilag.get().hasAllBilagDomains()) {
				if (timeline.isDue(visit)) {
					result.missing(visit.label() + " BILAG-2004" + (bilag.isPresent() ? " with all nine domains" : "")
							+ " (day " + visit.targetDay() + " +/- " + window + ")");
					result.visit(new VisitResult(visit.label(), timeline.targetDate(visit), Response.NE, null));
				}
				continue;
			}
			Measurement m = bilag.get();
			result.evidence(m);
			Graded g = new Graded(visit, m, grade(m.grades()));
			graded.add(g);
			result.visit(new VisitResult(visit.label(), m.date(), g.response, null));
		}

		if (graded.isEmpty()) {
			return result.response(Response.NE)
					.explanation("NE: no BILAG-2004 assessment at any visit due by " + timeline.asOf() + ".").build();
		}
		Optional<Graded> firstMcr = graded.stream().filter(g -> g.response == Response.MCR).findFirst();
		Optional<Graded> firstPcr = graded.stream().filter(g -> g.response == Response.PCR).findFirst();
		Optional<Graded> best = firstMcr.or(() -> firstPcr);
		if (best.isEmpty()) {
			return result.response(Response.NR).relapse(false, null, null)
					.explanation("NR: no visit met MCR or PCR (" + graded.size() + " visit(s) graded"
							+ (result.missing().isEmpty() ? "" : ", " + result.missing().size() + " missing") + ").")
					.build();
		}
		Graded bestVisit = best.get();
		result.response(bestVisit.response)
				.reachedOn(bestVisit.measurement.date(), timeline.daysFromDay0(bestVisit.measurement.date()));

		Graded firstResponse = graded.stream().filter(g -> g.response != Response.NR).findFirst().orElseThrow();
		String relapseText = "no relapse after the first response at " + firstResponse.visit.label();
		result.relapse(false, null, null);
		for (Graded later : graded) {
			if (later.visit.targetDay() <= firstResponse.visit.targetDay()) {
				continue;
			}
			List<BilagDomain> newA = Bilag.newA(firstResponse.measurement.grades(), later.measurement.grades());
			List<BilagDomain> newB = Bilag.newB(firstResponse.measurement.grades(), later.measurement.grades());
			if (newA.size() >= thresholds.newADomainsForRelapse() || newB.size() >= thresholds.newBDomainsForRelapse()) {
				result.relapse(true, later.visit.label(), later.measurement.date());
				relapseText = "relapse at " + later.visit.label() + " against " + firstResponse.visit.label() + ": "
						+ newA.size() + " new A" + (newA.isEmpty() ? "" : " (" + Bilag.names(newA) + ")") + ", "
						+ newB.size() + " new B" + (newB.isEmpty() ? "" : " (" + Bilag.names(newB) + ")");
				break;
			}
		}
		Map<BilagDomain, BilagGrade> grades = bestVisit.measurement.grades();
		return result.explanation(bestVisit.response + " first at " + bestVisit.visit.label() + ": "
				+ Bilag.count(grades, BilagGrade.A) + " domain(s) A, " + Bilag.count(grades, BilagGrade.B)
				+ " B, the rest C-E; " + relapseText + ".").build();
	}

	private record Graded(Visit visit, Measurement measurement, Response response) {
	}
}
