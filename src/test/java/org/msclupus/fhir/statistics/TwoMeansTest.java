package org.msclupus.fhir.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoMeansTest {

	/**
	 * R's documentation of t.test, {@code t.test(extra ~ group, data = sleep)} (Student's sleep data, Cushny and
	 * Peebles): Welch t = -1.8608, df = 17.776, p = 0.07939, 95 % interval of the difference -3.3654832 to 0.2054832,
	 * means 0.75 and 2.33.
	 */
	@Test
	void welchsTestIsRsForTheSleepData() {
		double[] group1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
		double[] group2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
		TwoMeans.Comparison c = TwoMeans.compare(group1, group2);
		assertThat(c.mean()).isCloseTo(0.75, within(1e-12));
		assertThat(c.referenceMean()).isCloseTo(2.33, within(1e-12));
		assertThat(c.difference().value()).isCloseTo(-1.58, within(1e-12));
		assertThat(c.degreesOfFreedom()).isCloseTo(17.776, within(0.0005));
		assertThat(c.pValue()).isCloseTo(0.07939, within(0.000005));
		assertThat(c.difference().lower()).isCloseTo(-3.3654832, within(0.0000005));
		assertThat(c.difference().upper()).isCloseTo(0.2054832, within(0.0000005));
	}

	@Test
	void tooFewValuesOrNoSpreadIsRefused() {
		assertThatThrownBy(() -> TwoMeans.compare(new double[] {1}, new double[] {1, 2}))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TwoMeans.compare(new double[] {1, 1}, new double[] {2, 2}))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
