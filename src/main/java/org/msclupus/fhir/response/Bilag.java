package org.msclupus.fhir.response;

import java.util.List;
import java.util.Map;

/** Comparisons of two BILAG-2004 gradings. */
final class Bilag {

	private Bilag() {
	}

	/** Domains graded A now that were not A before. */
	static List<BilagDomain> newA(Map<BilagDomain, BilagGrade> before, Map<BilagDomain, BilagGrade> now) {
		return java.util.Arrays.stream(BilagDomain.values())
				.filter(d -> now.get(d) == BilagGrade.A && before.get(d) != BilagGrade.A).toList();
	}

	/** Domains graded B now that were C, D or E before. */
	static List<BilagDomain> newB(Map<BilagDomain, BilagGrade> before, Map<BilagDomain, BilagGrade> now) {
		return java.util.Arrays.stream(BilagDomain.values())
				.filter(d -> now.get(d) == BilagGrade.B && before.get(d) != null && before.get(d).isCToE()).toList();
	}

	static long count(Map<BilagDomain, BilagGrade> grades, BilagGrade grade) {
		return grades.values().stream().filter(g -> g == grade).count();
	}

	static String names(List<BilagDomain> domains) {
		return String.join(", ", domains.stream().map(BilagDomain::label).toList());
	}
}
