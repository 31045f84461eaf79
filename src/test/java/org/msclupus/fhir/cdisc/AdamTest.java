package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.response.BilagMcrPcr;
import org.msclupus.fhir.response.ChangeFromBaseline;
import org.msclupus.fhir.response.CriteriaResult;
import org.msclupus.fhir.response.LnRenalResponse;
import org.msclupus.fhir.design.Measure;
import org.msclupus.fhir.response.MeasureChange;
import org.msclupus.fhir.response.Response;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.response.VisitResult;

/** ADSL flags, ADRS values, ADTTE times (the Kaplan-Meier rule's own) and ADCFB changes on hand-built results. */
class AdamTest {

	static final LocalDate DAY0 = TrialDataFixture.DAY0;
	static final List<ResponseCriteria> RULES = List.of(new LnRenalResponse(LnRenalResponse.Thresholds.DEFAULTS),
			new BilagMcrPcr(BilagMcrPcr.Thresholds.DEFAULTS), new ChangeFromBaseline(
					ChangeFromBaseline.Thresholds.DEFAULTS));
	static final TrialData.Study STUDY = TrialDataFixture.study();

	static CriteriaResult renal(Response overall, Response... visits) {
		List<VisitResult> results = new java.util.ArrayList<>();
		int[] weeks = {4, 8, 16, 20, 24};
		for (int i = 0; i < visits.length; i++) {
			results.add(new VisitResult("week-" + weeks[i], DAY0.plusDays(7L * weeks[i]), visits[i], null));
		}
		return new CriteriaResult("ln-renal-response", "1", Map.of(), overall, null, null, null, null, null, null,
				results, new TreeSet<>(), List.of(), List.of(), "", DAY0);
	}

	static CriteriaResult bilagRelapse() {
		List<VisitResult> visits = List.of(new VisitResult("month-1", DAY0.plusDays(30), Response.NR, null),
				new VisitResult("month-3", DAY0.plusDays(91), Response.PCR, null),
				new VisitResult("month-6", DAY0.plusDays(183), Response.MCR, null),
				new VisitResult("month-9", DAY0.plusDays(274), Response.PCR, null));
		return new CriteriaResult("bilag-mcr-pcr", "1", Map.of(), Response.MCR, DAY0.plusDays(183), 183, null, true,
				"month-9", DAY0.plusDays(274), visits, new TreeSet<>(), List.of(), List.of(), "", DAY0);
	}

	static CriteriaResult change() {
		return new CriteriaResult("change-from-baseline", "1", Map.of(), null, null, null, null, null, null, null,
				List.of(new VisitResult("week-4", DAY0.plusDays(28), null, List.of(new MeasureChange(Measure.SLEDAI_2K,
						new BigDecimal("8"), new BigDecimal("-4"), new BigDecimal("-33.3"))))), new TreeSet<>(),
				List.of(), List.of(), "", DAY0);
	}

	static Object value(Dataset d, String paramcd, String variable) {
		int p = d.indexOf("PARAMCD");
		return d.rows().stream().filter(r -> paramcd.equals(r[p])).findFirst().map(r -> r[d.indexOf(variable)])
				.orElseThrow(() -> new AssertionError(paramcd + " not in " + d.name()));
	}

	@Test
	void adtteTimesAreTheKaplanMeierRulesOwn() {
		Adam.AnalysisSubject subject = new Adam.AnalysisSubject(TrialDataFixture.treated(), List.of(
				renal(Response.PR, Response.NR, Response.NR, Response.PR, Response.PR, Response.PR), bilagRelapse()),
				Map.of());
		Dataset adtte = Adam.adtte(STUDY, RULES, List.of(subject));
		assertThat(value(adtte, "LNRTTR", "AVAL")).isEqualTo(new BigDecimal("112")); // week 16, the first PR
		assertThat(value(adtte, "LNRTTR", "CNSR")).isEqualTo(0);
		assertThat(value(adtte, "LNRTTR", "ADT")).isEqualTo(DAY0.plusDays(112));
		// never a CR: censored at the last evaluable visit
		assertThat(value(adtte, "LNRTTCR", "CNSR")).isEqualTo(1);
		assertThat(value(adtte, "LNRTTCR", "AVAL")).isEqualTo(new BigDecimal("168"));
		// relapse from the first response (month 3) to the relapse (month 9)
		assertThat(value(adtte, "BLGTTRL", "STARTDT")).isEqualTo(DAY0.plusDays(91));
		assertThat(value(adtte, "BLGTTRL", "AVAL")).isEqualTo(new BigDecimal("183"));
		assertThat(value(adtte, "BLGTTRL", "ADT")).isEqualTo(DAY0.plusDays(274));
		assertThat(value(adtte, "BLGTTRL", "CNSR")).isEqualTo(0);
	}

	@Test
	void aSubjectWithNoEvaluableVisitHasNoTime() {
		Adam.AnalysisSubject notEvaluable = new Adam.AnalysisSubject(TrialDataFixture.treated(),
				List.of(renal(Response.NE, Response.NE)), Map.of());
		assertThat(Adam.adtte(STUDY, RULES, List.of(notEvaluable)).rows()).isEmpty();
		Dataset adsl = Adam.adsl(STUDY, List.of(notEvaluable));
		assertThat(adsl.rows().get(0)[adsl.indexOf("EFFFL")]).isEqualTo("N");
		assertThat(adsl.rows().get(0)[adsl.indexOf("SAFFL")]).isEqualTo("Y");
	}

	@Test
	void adrsHasEachGradedVisitAndTheOverallResponse() {
		Adam.AnalysisSubject subject = new Adam.AnalysisSubject(TrialDataFixture.treated(),
				List.of(renal(Response.CR, Response.NR, Response.NE, Response.CR)), Map.of());
		Dataset adrs = Adam.adrs(STUDY, RULES, List.of(subject));
		// sorted by PARAMCD: LNRBOR (overall) before LNRRSP (per visit)
		assertThat(adrs.column("PARAMCD")).containsExactly("LNRBOR", "LNRRSP", "LNRRSP", "LNRRSP");
		assertThat(adrs.column("AVALC")).containsExactly("CR", "NR", "NE", "CR");
		assertThat(adrs.column("AVAL")).containsExactly(1, 0, null, 1);
		assertThat(adrs.column("AVISIT")).containsExactly("OVERALL", "week-4", "week-8", "week-16");
		assertThat(adrs.column("AVISITN")).containsExactly(99, 1, 2, 3);
		assertThat(adrs.column("ADY")).containsExactly(null, 29, 57, 113);
	}

	@Test
	void adslFlagsAndBaselines() {
		Adam.AnalysisSubject treated = new Adam.AnalysisSubject(TrialDataFixture.treated(),
				List.of(renal(Response.PR, Response.PR)), Map.of(Measure.SLEDAI_2K, new BigDecimal("12")));
		Adam.AnalysisSubject untreated = new Adam.AnalysisSubject(TrialDataFixture.untreated(), List.of(), Map.of());
		Dataset adsl = Adam.adsl(STUDY, List.of(treated, untreated));
		assertThat(adsl.column("ITTFL")).containsExactly("Y", "Y");
		assertThat(adsl.column("SAFFL")).containsExactly("Y", "N");
		assertThat(adsl.column("EFFFL")).containsExactly("Y", "N");
		assertThat(adsl.column("TRTSDT")).containsExactly(DAY0, null);
		assertThat(adsl.column("TRTEDT")).containsExactly(DAY0.plusDays(7), null);
		assertThat(adsl.column("SLEDAIBL")).containsExactly(new BigDecimal("12"), null);
		assertThat(adsl.column("TRT01A")).containsExactly("UC-MSC 1e6/kg days 0 and 7", null);
	}

	@Test
	void adcfbHasTheBaselineRecordAndEachVisitsChange() {
		Adam.AnalysisSubject subject = new Adam.AnalysisSubject(TrialDataFixture.treated(), List.of(change()),
				Map.of(Measure.SLEDAI_2K, new BigDecimal("12"), Measure.COMPLEMENT_C3, new BigDecimal("0.6")));
		Dataset adcfb = Adam.adcfb(STUDY, List.of(subject));
		assertThat(adcfb.column("PARAMCD")).containsExactly("SLEDAI", "SLEDAI"); // C3 is not reported at a visit
		assertThat(adcfb.column("ABLFL")).containsExactly("Y", null);
		assertThat(adcfb.column("AVAL")).containsExactly(new BigDecimal("12"), new BigDecimal("8"));
		assertThat(adcfb.column("BASE")).containsExactly(new BigDecimal("12"), new BigDecimal("12"));
		assertThat(adcfb.column("CHG")).containsExactly(null, new BigDecimal("-4"));
		assertThat(adcfb.column("AVISITN")).containsExactly(0, 1);
	}
}
