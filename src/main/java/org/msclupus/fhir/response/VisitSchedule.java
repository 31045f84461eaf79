package org.msclupus.fhir.response;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The named visit schedules of the trials (CodeSystem visit-schedule): weeks 4-24 of the lupus nephritis trial
 * NCT05631717 and months 1-12 of the UC-MSC multicenter study (Wang D et al., Arthritis Res Ther 2014;16:R79).
 */
public enum VisitSchedule {
	WEEKS_24("weeks-24", List.of(Visit.week(4), Visit.week(8), Visit.week(16), Visit.week(20), Visit.week(24))),
	MONTHS_12("months-12",
			List.of(Visit.month(1), Visit.month(3), Visit.month(6), Visit.month(9), Visit.month(12)));

	private final String code;
	private final List<Visit> visits;

	VisitSchedule(String code, List<Visit> visits) {
		this.code = code;
		this.visits = visits;
	}

	public String code() {
		return code;
	}

	public List<Visit> visits() {
		return visits;
	}

	public static Optional<VisitSchedule> byCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
	}
}
