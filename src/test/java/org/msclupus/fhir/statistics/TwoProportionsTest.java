package org.msclupus.fhir.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TwoProportionsTest {

	/**
	 * Newcombe RG, Interval estimation for the difference between independent proportions: comparison of eleven
	 * methods, Stat Med 1998;17:873-890, Table II, method 10 (score interval from the two Wilson intervals, no
	 * continuity correction), examples (a), (b) and (d) to (h). Example (c), 6/7 - 2/7, is left out: the limits
	 * noted for it here could not be checked against the paper itself, and the formula gives 0.0582 to 0.8062.
	 */
	@ParameterizedTest(name = "{0}/{1} - {2}/{3}: {4} to {5}")
	@CsvSource({
			"56, 70, 48, 80, 0.0524, 0.3339",
			"9, 10, 3, 10, 0.1705, 0.8090",
			"5, 56, 0, 29, -0.0381, 0.1926",
			"0, 10, 0, 20, -0.1611, 0.2775",
			"0, 10, 0, 10, -0.2775, 0.2775",
			"10, 10, 0, 20, 0.6791, 1.0000",
			"10, 10, 0, 10, 0.6075, 1.0000"})
	void theRiskDifferenceIntervalIsNewcombesMethodTen(int x1, int n1, int x2, int n2, double lower, double upper) {
		TwoProportions.Comparison c = TwoProportions.compare(x1, n1, x2, n2);
		assertThat(c.riskDifference().value()).isCloseTo((double) x1 / n1 - (double) x2 / n2, within(1e-12));
		assertThat(c.riskDifference().lower()).isCloseTo(lower, within(0.00005));
		assertThat(c.riskDifference().upper()).isCloseTo(upper, within(0.00005));
	}

	/** R's documentation of fisher.test: the tea-tasting table, two-sided p = 0.4857. */
	@Test
	void fishersPIsRsForTheTeaTastingTable() {
		assertThat(TwoProportions.compare(3, 4, 1, 4).pValue()).isCloseTo(0.4857, within(0.00005));
	}

	/** R's documentation of fisher.test: the convictions of twins (Fisher 1962), two-sided p = 0.0005367. */
	@Test
	void fishersPIsRsForTheConvictionsTable() {
		// matrix(c(2, 10, 15, 3), nrow = 2): dizygotic 2 convicted of 17, monozygotic 10 of 13.
		assertThat(TwoProportions.compare(2, 17, 10, 13).pValue()).isCloseTo(0.0005367, within(0.00000005));
	}

	@Test
	void ratiosUseTheUncorrectedCountsWhenNoCellIsZero() {
		TwoProportions.Comparison c = TwoProportions.compare(12, 20, 6, 20);
		assertThat(c.correction()).isZero();
		assertThat(c.oddsRatio().value()).isCloseTo((12.0 * 14) / (8 * 6), within(1e-12));
		assertThat(c.riskRatio().value()).isCloseTo(2.0, within(1e-12));
		double se = Math.sqrt(1 / 12.0 - 1 / 20.0 + 1 / 6.0 - 1 / 20.0);
		assertThat(c.riskRatio().lower()).isCloseTo(2.0 * Math.exp(-Proportions.Z * se), within(1e-12));
		assertThat(c.riskRatio().upper()).isCloseTo(2.0 * Math.exp(Proportions.Z * se), within(1e-12));
	}

	@Test
	void aZeroCellAddsOneHalfToEveryCellOfTheRatiosAndSaysSo() {
		TwoProportions.Comparison c = TwoProportions.compare(0, 10, 4, 10);
		assertThat(c.correction()).isEqualTo(0.5);
		assertThat(c.oddsRatio().value()).isCloseTo((0.5 * 6.5) / (10.5 * 4.5), within(1e-12));
		assertThat(c.riskRatio().value()).isCloseTo((0.5 / 11) / (4.5 / 11), within(1e-12));
		assertThat(c.riskDifference().value()).isCloseTo(-0.4, within(1e-12));
	}

	@Test
	void countsThatDoNotFitAreRefused() {
		assertThatThrownBy(() -> TwoProportions.compare(1, 0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TwoProportions.compare(3, 2, 1, 2)).isInstanceOf(IllegalArgumentException.class);
	}
}
