package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SDTM builders on a hand-made study: identifiers, derivations, sequence numbers and the empty study. */
class SdtmTest {

	static final TrialData.Study STUDY = TrialDataFixture.study();
	static final List<TrialData.Subject> SUBJECTS = List.of(TrialDataFixture.treated(), TrialDataFixture.untreated());

	static Object value(Dataset d, int row, String variable) {
		return d.rows().get(row)[d.indexOf(variable)];
	}

	@Test
	void dmHasOneRowPerSubjectWithItsDerivations() {
		Dataset dm = Sdtm.dm(STUDY, SUBJECTS);
		assertThat(dm.rows()).hasSize(2);
		assertThat(value(dm, 0, "USUBJID")).isEqualTo("LN-01-site-a-s1");
		assertThat(value(dm, 0, "RFSTDTC")).isEqualTo("2025-01-08");
		assertThat(value(dm, 0, "RFXSTDTC")).isEqualTo("2025-01-08T09:00:00");
		assertThat(value(dm, 0, "RFXENDTC")).isEqualTo("2025-01-15T09:00:00");
		assertThat(value(dm, 0, "BRTHDTC")).isEqualTo("1975");
		assertThat(value(dm, 0, "AGE")).isNull();
		assertThat(value(dm, 0, "ARMCD")).isEqualTo("UCMSC");
		assertThat(value(dm, 0, "ARM")).isEqualTo("UC-MSC 1e6/kg days 0 and 7");
		assertThat(value(dm, 0, "SEX")).isEqualTo("F");
		assertThat(value(dm, 0, "ARMNRS")).isNull();
		assertThat(value(dm, 1, "SEX")).isEqualTo("M");
		assertThat(value(dm, 1, "ARM")).isEqualTo("control"); // no description: the arm's name
		assertThat(value(dm, 1, "ACTARMCD")).isNull();
		assertThat(value(dm, 1, "ARMNRS")).isEqualTo("ASSIGNED, NOT TREATED");
		assertThat(value(dm, 1, "DTHFL")).isEqualTo("Y");
		assertThat(value(dm, 1, "DTHDTC")).isEqualTo("2025-03-01");
		assertThat(value(dm, 1, "AGE")).isNull(); // no RFSTDTC to count to
	}

	@Test
	void findingsHaveStudyDaysVisitsSequenceAndLastObservationBeforeExposure() {
		Dataset lb = Sdtm.lb(STUDY, SUBJECTS);
		assertThat(lb.column("LBSEQ")).containsExactly(1, 2, 3, 4);
		assertThat(lb.column("LBDY")).containsExactly(-3, 1, 29, 85);
		// RFSTDTC is day 0: the value on that day is the last before exposure, not the one three days earlier
		assertThat(lb.column("LBLOBXFL")).containsExactly(null, "Y", null, null);
		assertThat(lb.column("VISIT")).containsExactly(null, null, "week-4", null); // weeks-24 by code: no day 0
		assertThat(lb.column("LBNRIND")).containsExactly("HIGH", "HIGH", "NORMAL", "LOW");
		assertThat(lb.column("LBSTRESC")).containsExactly("1.4", "1.2", "1.1", "0.4");
	}

	/**
	 * A 24-hour urine collection begun on day 0 and ended the next morning: LBDTC and LBDY say when it began,
	 * LBENDTC when it ended; it is not the last value before exposure (the response rules date it on its last day,
	 * after day 0, so it is no baseline) and its visit is the one that day falls in.
	 */
	@Test
	void aTimedCollectionKeepsBothDatesAndCountsOnItsLastDay() {
		TrialData.Finding before = urine("Observation/u0", TrialDataFixture.DAY0.minusDays(2) + "T08:00:00",
				TrialDataFixture.DAY0.minusDays(1) + "T08:00:00");
		TrialData.Finding overDay0 = urine("Observation/u1", TrialDataFixture.DAY0 + "T08:00:00",
				TrialDataFixture.DAY0.plusDays(1) + "T08:00:00");
		// begun on day 13, outside week 4's window (days 14 to 42), ended on day 14, inside it
		TrialData.Finding intoWeek4 = urine("Observation/u2", TrialDataFixture.DAY0.plusDays(13) + "T08:00:00",
				TrialDataFixture.DAY0.plusDays(14) + "T08:00:00");
		TrialData.Subject subject = treatedWith(List.of(before, overDay0, intoWeek4));
		Dataset lb = Sdtm.lb(STUDY, List.of(subject));
		assertThat(lb.column("LBDTC")).containsExactly(before.date(), overDay0.date(), intoWeek4.date());
		assertThat(lb.column("LBENDTC")).containsExactly(before.end(), overDay0.end(), intoWeek4.end());
		assertThat(lb.column("LBDY")).containsExactly(-2, 1, 14);
		assertThat(lb.column("LBLOBXFL")).containsExactly("Y", null, null);
		assertThat(lb.column("VISIT")).containsExactly(null, null, "week-4");
	}

	/**
	 * A value reported with a comparator (below a limit of quantitation) keeps it in the standardized character
	 * result: "<0.1" standardized is "<0.1" in the standard unit, not the exact value 0.1. The numeric result keeps
	 * the bound, which the response rules and the safety summary use too.
	 */
	@Test
	void aResultReportedBelowALimitKeepsItsComparatorInTheStandardizedResult() {
		TrialData.Finding below = new TrialData.Finding("Observation/u3", new Terminology.Test("PROT", "Protein"),
				"2889-4", "Protein 24h", "<100", new BigDecimal("100"), "mg/(24.h)", new BigDecimal("0.1"),
				"g/(24.h)", null, null, TrialDataFixture.DAY0.plusDays(28).toString(), null, "URINE");
		TrialData.Finding above = new TrialData.Finding("Observation/u4", new Terminology.Test("PROT", "Protein"),
				"2889-4", "Protein 24h", ">=3000", new BigDecimal("3000"), "mg/(24.h)", new BigDecimal("3"),
				"g/(24.h)", null, null, TrialDataFixture.DAY0.plusDays(56).toString(), null, "URINE");
		TrialData.Finding exact = urine("Observation/u5", TrialDataFixture.DAY0.plusDays(84).toString(), null);
		TrialData.Subject subject = treatedWith(List.of(below, above, exact));
		Dataset lb = Sdtm.lb(STUDY, List.of(subject));
		assertThat(lb.column("LBORRES")).containsExactly("<100", ">=3000", "1.2");
		assertThat(lb.column("LBSTRESC")).containsExactly("<0.1", ">=3", "1.2");
	}

	/** The fixture's treated subject with these laboratory findings. */
	static TrialData.Subject treatedWith(List<TrialData.Finding> findings) {
		TrialData.Subject treated = TrialDataFixture.treated();
		return new TrialData.Subject(treated.subjectId(), treated.siteId(), treated.arm(), treated.actualArm(),
				treated.day0(), treated.enrolled(), treated.ended(), treated.birthDate(), treated.sex(), treated.died(),
				treated.deathDate(), treated.infusions(), treated.medications(), findings, List.of(), List.of(),
				List.of());
	}

	static TrialData.Finding urine(String reference, String start, String end) {
		return new TrialData.Finding(reference, new Terminology.Test("PROT", "Protein"), "2889-4", "Protein 24h",
				"1.2", new BigDecimal("1.2"), "g/(24.h)", new BigDecimal("1.2"), "g/(24.h)", null, null, start, end,
				"URINE");
	}

	@Test
	void rangeIndicatorAtAndAroundEachLimit() {
		BigDecimal low = new BigDecimal("0.5");
		BigDecimal high = new BigDecimal("1.1");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("0.49"), low, high)).isEqualTo("LOW");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("0.5"), low, high)).isEqualTo("NORMAL");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("1.1"), low, high)).isEqualTo("NORMAL");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("1.11"), low, high)).isEqualTo("HIGH");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("9"), null, high)).isEqualTo("HIGH");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("0"), low, null)).isEqualTo("LOW");
		assertThat(Sdtm.rangeIndicator(new BigDecimal("1"), null, null)).isNull();
	}

	@Test
	void exposureAndEventsUseCdiscTerms() {
		Dataset ex = Sdtm.ex(STUDY, SUBJECTS);
		assertThat(ex.column("EXSTDY")).containsExactly(1, 8);
		assertThat(ex.column("EXDOSU")).containsExactly("10^6/kg", "10^6/kg");
		assertThat(ex.column("EXLOT")).containsExactly("LOT-1", "LOT-2");
		assertThat(ex.column("EXSPID")).containsExactly("INFUSION 1", "INFUSION 2");
		Dataset ae = Sdtm.ae(STUDY, SUBJECTS);
		assertThat(value(ae, 0, "AEREL")).isEqualTo("RELATED");
		assertThat(value(ae, 0, "AEOUT")).isEqualTo("RECOVERED/RESOLVED");
		assertThat(value(ae, 0, "AESER")).isEqualTo("N");
		assertThat(value(ae, 0, "AETOXGR")).isEqualTo("1");
		assertThat(value(ae, 0, "AESTDY")).isEqualTo(1);
	}

	/**
	 * Issue 28: SDTM's seriousness flags come from the event's seriousness criteria (NCIt codes) where it records
	 * them: Y for a present criterion, N for the others; an event recording none keeps the flags empty (AESDTH from
	 * its outcome or grade, as before).
	 */
	@Test
	void seriousnessFlagsComeFromTheCriteria() {
		TrialData.Subject base = SUBJECTS.get(0);
		TrialData.Event hospitalised = new TrialData.Event("AdverseEvent/e2", "Pneumonia", "PNEUMONIA",
				"2024-02-01T10:00:00", null, true, 3, org.msclupus.fhir.safety.SafetyData.Relatedness.POSSIBLY, "recovering",
				java.util.Set.of("C83052", "C84266"));
		TrialData.Subject subject = new TrialData.Subject(base.subjectId(), base.siteId(), base.arm(), base.actualArm(),
				base.day0(), base.enrolled(), base.ended(), base.birthDate(), base.sex(), base.died(), base.deathDate(),
				base.infusions(), base.medications(), base.labs(), base.vitals(),
				java.util.List.of(base.adverseEvents().get(0), hospitalised), base.ratings());
		Dataset ae = Sdtm.ae(STUDY, java.util.List.of(subject));
		int row = ae.column("AESPID").indexOf("AdverseEvent/e2");
		assertThat(value(ae, row, "AESER")).isEqualTo("Y");
		assertThat(value(ae, row, "AESHOSP")).isEqualTo("Y");
		assertThat(value(ae, row, "AESLIFE")).isEqualTo("Y");
		assertThat(value(ae, row, "AESDTH")).isEqualTo("N");
		assertThat(value(ae, row, "AESDISAB")).isEqualTo("N");
		assertThat(value(ae, row, "AESCONG")).isEqualTo("N");
		assertThat(value(ae, row, "AESMIE")).isEqualTo("N");
		int other = ae.column("AESPID").indexOf("AdverseEvent/e1");
		assertThat(value(ae, other, "AESHOSP")).isNull();
		assertThat(value(ae, other, "AESDTH")).isNull();
	}

	@Test
	void glucocorticoidsKeepTheirPrednisoneEquivalentInSuppcm() {
		Dataset cm = Sdtm.cm(STUDY, SUBJECTS);
		assertThat(cm.column("CMTRT")).containsExactly("hydroxychloroquine", "prednisone"); // by start date
		assertThat(cm.column("CMCAT")).containsExactly(null, "GLUCOCORTICOID");
		assertThat(cm.column("CMDOSFRQ")).containsExactly("BID", "QD");
		assertThat(cm.column("CMSTDY")).containsExactly(null, -30); // a month-only start has no study day
		Dataset supp = Sdtm.suppcm(STUDY, SUBJECTS, cm);
		assertThat(supp.rows()).hasSize(1);
		assertThat(value(supp, 0, "IDVAR")).isEqualTo("CMSEQ");
		assertThat(value(supp, 0, "IDVARVAL")).isEqualTo("2"); // prednisone's CMSEQ
		assertThat(value(supp, 0, "QNAM")).isEqualTo("PREDEQ");
		assertThat(value(supp, 0, "QVAL")).isEqualTo("20");
	}

	@Test
	void trialSummaryIsNumberedWithinEachParameter() {
		Dataset ts = Sdtm.ts(STUDY, SUBJECTS);
		assertThat(ts.column("TSSEQ")).containsOnly(1);
		assertThat(ts.column("TSPARMCD")).contains("TITLE", "REGID", "TPHASE", "ACTSUB").doesNotContain("SENDTC");
		assertThat(ts.rows().get(ts.column("TSPARMCD").indexOf("TPHASE"))[ts.indexOf("TSVAL")])
				.isEqualTo("PHASE II TRIAL");
		Dataset ta = Sdtm.ta(STUDY);
		assertThat(ta.column("ETCD")).containsExactly("SCRN", "CONTROL", "FU", "SCRN", "UCMSC", "FU");
		Dataset tv = Sdtm.tv(STUDY);
		assertThat(tv.column("VISIT")).containsExactly("week-4", "week-8", "week-16", "week-20", "week-24");
		assertThat(tv.column("VISITDY")).containsExactly(29, 57, 113, 141, 169);
	}

	@Test
	void theBuildersMakeTheDatasetsTheOperationNames() {
		assertThat(Sdtm.all(STUDY, SUBJECTS)).extracting(Dataset::name).containsExactlyElementsOf(Sdtm.NAMES);
		assertThat(Adam.all(STUDY, List.of(), List.of())).extracting(Dataset::name)
				.containsExactlyElementsOf(Adam.NAMES);
		assertThat(AdamSafety.all(STUDY, List.of(), 30, java.time.LocalDate.of(2025, 1, 1))).extracting(Dataset::name)
				.containsExactlyElementsOf(AdamSafety.NAMES);
	}

	@Test
	void aStudyWithoutSubjectsHasEveryDatasetWithItsColumnsAndNoRows() {
		for (Dataset d : Sdtm.all(STUDY, List.of())) {
			assertThat(d.variables()).as(d.name()).isNotEmpty();
			if (!d.datasetClass().equals("TRIAL DESIGN")) {
				assertThat(d.rows()).as(d.name()).isEmpty();
			}
		}
		for (Dataset d : Adam.all(STUDY, List.of(), List.of())) {
			assertThat(d.variables()).as(d.name()).isNotEmpty();
			assertThat(d.rows()).as(d.name()).isEmpty();
		}
	}
}
