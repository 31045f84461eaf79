package org.msclupus.fhir.response;

/**
 * A BILAG-2004 domain grade. The numeric scores (A=12, B=8, C=1, D=0, E=0) give the total that change from
 * baseline reports.
 */
public enum BilagGrade {
	A(12), B(8), C(1), D(0), E(0);

	private final int score;

	BilagGrade(int score) {
		this.score = score;
	}

	public int score() {
		return score;
	}

	/** C, D or E: no more than mild activity. */
	public boolean isCToE() {
		return this == C || this == D || this == E;
	}
}
