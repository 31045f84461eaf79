package org.msclupus.fhir.response;

import org.msclupus.fhir.design.Infusion;
import org.msclupus.fhir.design.Measure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Short-hand for building time lines in the rule tests: days are counted from {@link #DAY0}. */
final class Timelines {

	static final LocalDate DAY0 = LocalDate.parse("2026-01-10");
	private static int sequence;

	private Timelines() {
	}

	/** A subject infused on DAY0, evaluated a year later. */
	static SubjectTimeline.Builder infused() {
		return SubjectTimeline.builder("ResearchSubject/s1").asOf(DAY0.plusDays(400)).enrolled(DAY0.minusDays(5))
				.infusion(new Infusion(DAY0, "completed", "MedicationAdministration/inf-1/_history/1"));
	}

	static LocalDate day(int offset) {
		return DAY0.plusDays(offset);
	}

	static Measurement m(Measure measure, int day, String value) {
		return new Measurement(measure, day(day).atStartOfDay(), new BigDecimal(value), "final",
				"Observation/" + measure.code() + "-" + (++sequence) + "/_history/1", null, null);
	}

	/** BILAG-2004 graded in domain order, e.g. "CBEBDEEAC". */
	static Measurement bilag(int day, String grades) {
		Map<BilagDomain, BilagGrade> map = new EnumMap<>(BilagDomain.class);
		BilagDomain[] domains = BilagDomain.values();
		for (int i = 0; i < grades.length(); i++) {
			map.put(domains[i], BilagGrade.valueOf(String.valueOf(grades.charAt(i))));
		}
		return Measurement.bilag(day(day), map, "Observation/bilag-" + (++sequence) + "/_history/1");
	}

	static GlucocorticoidCourse prednisone(String mgPerDay, int fromDay, Integer toDay) {
		return new GlucocorticoidCourse(day(fromDay), toDay == null ? null : day(toDay), new BigDecimal(mgPerDay),
				toDay == null ? "active" : "completed", "MedicationStatement/gc-" + (++sequence) + "/_history/1");
	}
}
