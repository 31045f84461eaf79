package org.msclupus.fhir.response;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * The glucocorticoids the trials record, by RxNorm ingredient code, with the factor that turns a dose into its
 * prednisone equivalent (the trial specification's table: prednisone and prednisolone 1:1, methylprednisolone x1.25,
 * dexamethasone x6.67, hydrocortisone x0.25). The renal response's steroid limit is judged on these equivalents.
 */
public enum Glucocorticoid {
	PREDNISONE("8640", BigDecimal.ONE),
	PREDNISOLONE("8638", BigDecimal.ONE),
	METHYLPREDNISOLONE("6902", new BigDecimal("1.25")),
	DEXAMETHASONE("3264", new BigDecimal("6.67")),
	HYDROCORTISONE("5492", new BigDecimal("0.25"));

	private final String rxNormCode;
	private final BigDecimal prednisoneEquivalent;

	Glucocorticoid(String rxNormCode, BigDecimal prednisoneEquivalent) {
		this.rxNormCode = rxNormCode;
		this.prednisoneEquivalent = prednisoneEquivalent;
	}

	public String rxNormCode() {
		return rxNormCode;
	}

	/** mg of prednisone per mg of this glucocorticoid. */
	public BigDecimal prednisoneEquivalent() {
		return prednisoneEquivalent;
	}

	public static Optional<Glucocorticoid> byRxNorm(String code) {
		return Arrays.stream(values()).filter(g -> g.rxNormCode.equals(code)).findFirst();
	}
}
