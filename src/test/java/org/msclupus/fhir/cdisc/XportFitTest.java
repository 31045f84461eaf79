package org.msclupus.fhir.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.safety.SafetyData;

/**
 * What XPORT cannot carry: a value over 200 bytes split into SUPP-- (a subject domain) or extra variables (TS), each
 * split reported and lossless; characters outside ASCII transliterated and reported.
 */
class XportFitTest {

	static final String LONG_TERM = ("Delayed infusion-related reaction with fever, rigors and transient hypotension "
			+ "requiring fluids; ").repeat(5).trim();

	static Dataset ae(String term) {
		TrialData.Subject s = TrialDataFixture.treated();
		TrialData.Subject withEvent = new TrialData.Subject(s.subjectId(), s.siteId(), s.arm(), s.actualArm(),
				s.day0(), s.enrolled(), s.ended(), s.birthDate(), s.sex(), s.died(), s.deathDate(), s.infusions(),
				s.medications(), s.labs(), s.vitals(), List.of(new TrialData.Event("AdverseEvent/e1", term, null,
						TrialDataFixture.DAY0.toString(), null, false, 2, SafetyData.Relatedness.POSSIBLY, null)),
				s.ratings());
		return Sdtm.ae(TrialDataFixture.study(), List.of(withEvent));
	}

	@Test
	void aLongTermIsSplitIntoSuppaeAndNothingIsLost() {
		assertThat(LONG_TERM.length()).isGreaterThan(400);
		XportFit.Fitted fitted = XportFit.fit(List.of(ae(LONG_TERM)));
		Dataset ae = fitted.datasets().get(0);
		String first = (String) ae.rows().get(0)[ae.indexOf("AETERM")];
		assertThat(first.length()).isLessThanOrEqualTo(200);
		Dataset supp = fitted.datasets().stream().filter(d -> d.name().equals("SUPPAE")).findFirst().orElseThrow();
		assertThat(supp.column("QNAM")).containsExactly("AETERM1", "AETERM2");
		assertThat(supp.column("IDVAR")).containsOnly("AESEQ");
		assertThat(supp.column("IDVARVAL")).containsOnly("1");
		StringBuilder joined = new StringBuilder(first);
		supp.column("QVAL").forEach(v -> {
			assertThat(((String) v).length()).isLessThanOrEqualTo(200);
			assertThat((String) v).doesNotEndWith(" "); // SAS drops trailing blanks: a split never leaves one
			joined.append(v);
		});
		assertThat(joined.toString()).isEqualTo(LONG_TERM);
		assertThat(fitted.warnings()).singleElement().asString().contains("AE.AETERM").contains("SUPPAE");
	}

	@Test
	void aValueOfExactly200BytesIsLeftAsItIs() {
		String term = "x".repeat(200);
		XportFit.Fitted fitted = XportFit.fit(List.of(ae(term)));
		assertThat(fitted.warnings()).isEmpty();
		assertThat(fitted.datasets()).hasSize(1);
		assertThat(fitted.datasets().get(0).rows().get(0)[fitted.datasets().get(0).indexOf("AETERM")]).isEqualTo(term);
		assertThat(XportFit.split("x".repeat(201))).containsExactly("x".repeat(200), "x");
	}

	@Test
	void aLongValueWithoutSubjectsGetsExtraVariables() {
		TrialData.Study s = TrialDataFixture.study();
		TrialData.Study longTitle = new TrialData.Study(s.studyId(), LONG_TERM, s.registryId(), s.phase(),
				s.condition(), s.startDate(), s.endDate(), s.arms(), s.schedule(), s.defaultWindow(), s.criteria());
		XportFit.Fitted fitted = XportFit.fit(List.of(Sdtm.ts(longTitle, List.of())));
		Dataset ts = fitted.datasets().get(0);
		assertThat(ts.variables()).extracting(Variable::name).containsSubsequence("TSVAL", "TSVAL1", "TSVAL2");
		int title = ts.column("TSPARMCD").indexOf("TITLE");
		Object[] row = ts.rows().get(title);
		assertThat("" + row[ts.indexOf("TSVAL")] + row[ts.indexOf("TSVAL1")] + row[ts.indexOf("TSVAL2")])
				.isEqualTo(LONG_TERM);
		int phase = ts.column("TSPARMCD").indexOf("TPHASE");
		assertThat(ts.rows().get(phase)[ts.indexOf("TSVAL1")]).isNull();
	}

	@Test
	void charactersOutsideAsciiAreTransliteratedAndReported() {
		List<Object> terms = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		for (String term : List.of("Fièvre après perfusion", "发热")) {
			XportFit.Fitted fitted = XportFit.fit(List.of(ae(term)));
			Dataset d = fitted.datasets().get(0);
			terms.add(d.rows().get(0)[d.indexOf("AETERM")]);
			warnings.addAll(fitted.warnings());
		}
		assertThat(terms).containsExactly("Fievre apres perfusion", "??");
		assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("outside ASCII"));
	}
}
