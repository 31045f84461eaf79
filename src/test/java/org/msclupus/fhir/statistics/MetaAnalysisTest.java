package org.msclupus.fhir.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.statistics.MetaAnalysis.Measure;
import org.msclupus.fhir.statistics.MetaAnalysis.Model;
import org.msclupus.fhir.statistics.MetaAnalysis.Table;

/**
 * The pooling checked against results other software published for the same data: Review Manager 5's own output
 * for Fleiss (1993), and Stata's {@code metan} for the BCG vaccine trials (Colditz et al. 1994) as the R package
 * metafor's test suite records them.
 */
class MetaAnalysisTest {

	/**
	 * Aspirin after myocardial infarction, deaths (Fleiss, Stat Methods Med Res 1993;2:121-145), as RevMan 5.0.23
	 * analysed it: the file {@code inst/extdata/Fleiss1993.rm5} shipped with the R package meta (guido-s/meta), whose
	 * DICH_DATA and DICH_OUTCOME elements hold RevMan's computed estimates, weights and tests.
	 */
	static final List<Table> FLEISS_1993 = List.of(
			new Table("MRC-1", 49, 615, 67, 624),
			new Table("CDP", 44, 758, 64, 771),
			new Table("MRC-2", 102, 832, 126, 850),
			new Table("GASP", 32, 317, 38, 309),
			new Table("PARIS", 85, 810, 52, 406),
			new Table("AMIS", 246, 2267, 219, 2257),
			new Table("ISIS-2", 1570, 8587, 1720, 8600));

	/** BCG vaccine against tuberculosis: tpos, tpos + tneg, cpos, cpos + cneg of metafor's {@code dat.bcg}. */
	static final List<Table> BCG = List.of(
			table("Aronson 1948", 4, 119, 11, 128),
			table("Ferguson & Simes 1949", 6, 300, 29, 274),
			table("Rosenthal 1960", 3, 228, 11, 209),
			table("Hart & Sutherland 1977", 62, 13536, 248, 12619),
			table("Frimodt-Moller 1973", 33, 5036, 47, 5761),
			table("Stein & Aronson 1953", 180, 1361, 372, 1079),
			table("Vandiviere 1973", 8, 2537, 10, 619),
			table("TPT Madras 1980", 505, 87886, 499, 87892),
			table("Coetzee & Berjak 1968", 29, 7470, 45, 7232),
			table("Rosenthal 1961", 17, 1699, 65, 1600),
			table("Comstock 1974", 186, 50448, 141, 27197),
			table("Comstock & Webster 1969", 5, 2493, 3, 2338),
			table("Comstock 1976", 27, 16886, 29, 17825));

	private static Table table(String name, int tpos, int tneg, int cpos, int cneg) {
		return new Table(name, tpos, tpos + tneg, cpos, cpos + cneg);
	}

	@Nested
	class ReviewManager5 {

		@Test
		void mantelHaenszelOddsRatioAsRevManComputedIt() {
			MetaAnalysis.Result result = MetaAnalysis.pool(FLEISS_1993, Measure.OR, Model.FIXED);

			assertThat(result.pooled().effect()).isCloseTo(0.8968655609130709, within(1e-9));
			assertThat(result.pooled().lower()).isCloseTo(0.8405144008917793, within(1e-9));
			assertThat(result.pooled().upper()).isCloseTo(0.9569947088336491, within(1e-9));
			assertThat(Math.abs(result.pooled().z())).isCloseTo(3.287633061337987, within(1e-6));
			assertThat(result.pooled().pValue()).isCloseTo(0.0010103343130005407, within(1e-8));
			assertThat(result.heterogeneity().q()).isCloseTo(9.946055983220074, within(1e-6));
			assertThat(result.heterogeneity().df()).isEqualTo(6);
			// RevMan's chi-square tail is 7e-8 off the exact one for 6 df, exp(-Q/2)(1 + Q/2 + (Q/2)^2/2) = 0.12694218.
			assertThat(result.heterogeneity().pValue()).isCloseTo(0.1269422521561745, within(1e-6));
			assertThat(result.heterogeneity().iSquared()).isCloseTo(39.67458045558399, within(1e-6));
		}

		@Test
		void eachStudysOddsRatioIntervalAndWeightAsRevManComputedThem() {
			MetaAnalysis.Result result = MetaAnalysis.pool(FLEISS_1993, Measure.OR, Model.FIXED);
			double[][] revMan = {
					{0.7197141500975687, 0.4889745274989256, 1.0593362817898602, 3.176490004091248},
					{0.6807598039215687, 0.45739090373983604, 1.0132119087766858, 3.1016891143394365},
					{0.8028701891715591, 0.6064528819242718, 1.062902922672345, 5.675380442715663},
					{0.8007386888273315, 0.4862610363759706, 1.318597213882381, 1.795484618258711},
					{0.7981432360742705, 0.5525633542165779, 1.1528680293941878, 3.2176243566716805},
					{1.1327364047365673, 0.9346646778747347, 1.3727829808793592, 10.153491219997628},
					{0.8949693601254097, 0.8294175772940908, 0.965701930475584, 72.87984024392564}};
			for (int i = 0; i < revMan.length; i++) {
				MetaAnalysis.StudyEffect study = result.studies().get(i);
				assertThat(study.effect()).as(study.table().name()).isCloseTo(revMan[i][0], within(1e-9));
				assertThat(study.lower()).as(study.table().name()).isCloseTo(revMan[i][1], within(1e-6));
				assertThat(study.upper()).as(study.table().name()).isCloseTo(revMan[i][2], within(1e-6));
				assertThat(study.weight()).as(study.table().name()).isCloseTo(revMan[i][3], within(1e-9));
				assertThat(study.correction()).isZero();
			}
		}
	}

	/** Stata {@code metan} results for dat.bcg, from metafor's tests/testthat/test_misc_metan_vs_rma.*.r. */
	@Nested
	class MetanOnTheBcgTrials {

		@Test
		void mantelHaenszelRiskRatio() {
			MetaAnalysis.Result result = MetaAnalysis.pool(BCG, Measure.RR, Model.FIXED);

			assertThat(Math.log(result.pooled().effect())).isCloseTo(-0.4537, within(5e-5));
			assertThat(Math.log(result.pooled().lower())).isCloseTo(-0.5308, within(5e-5));
			assertThat(Math.log(result.pooled().upper())).isCloseTo(-0.3766, within(5e-5));
			assertThat(result.pooled().effect()).isCloseTo(0.6353, within(5e-5));
			assertThat(result.pooled().lower()).isCloseTo(0.5881, within(5e-5));
			assertThat(result.pooled().upper()).isCloseTo(0.6862, within(5e-5));
			assertThat(result.pooled().z()).isCloseTo(-11.5338, within(5e-4));
			assertThat(result.heterogeneity().q()).isCloseTo(152.5676, within(5e-4));
			assertThat(result.heterogeneity().df()).isEqualTo(12);
		}

		@Test
		void mantelHaenszelOddsRatio() {
			MetaAnalysis.Result result = MetaAnalysis.pool(BCG, Measure.OR, Model.FIXED);

			assertThat(Math.log(result.pooled().effect())).isCloseTo(-0.4734, within(5e-5));
			assertThat(Math.log(result.pooled().lower())).isCloseTo(-0.5538, within(5e-5));
			assertThat(Math.log(result.pooled().upper())).isCloseTo(-0.3930, within(5e-5));
			assertThat(result.pooled().effect()).isCloseTo(0.6229, within(5e-5));
			assertThat(result.pooled().z()).isCloseTo(-11.5444, within(5e-4));
			assertThat(result.heterogeneity().q()).isCloseTo(163.9426, within(5e-4));
		}

		/** metan computes the variance as Greenland and Robins (1985) do, as RevMan 5 does; Stata prints |z| 11.56. */
		@Test
		void mantelHaenszelRiskDifference() {
			MetaAnalysis.Result result = MetaAnalysis.pool(BCG, Measure.RD, Model.FIXED);

			assertThat(result.pooled().effect()).isCloseTo(-0.0033, within(5e-5));
			assertThat(Math.abs(result.pooled().z())).isCloseTo(11.56, within(5e-3));
			assertThat(result.heterogeneity().q()).isCloseTo(386.7759, within(5e-4));
		}

		@Test
		void studyEstimatesAsEscalcComputesThem() {
			// metafor README: escalc(measure = "RR") for the first and last trials.
			double[] aronson = MetaAnalysis.estimate(BCG.get(0), Measure.RR);
			double[] comstock = MetaAnalysis.estimate(BCG.get(12), Measure.RR);
			assertThat(aronson[0]).isCloseTo(-0.8893, within(5e-5));
			assertThat(aronson[1]).isCloseTo(0.3256, within(5e-5));
			assertThat(comstock[0]).isCloseTo(-0.0173, within(5e-5));
			assertThat(comstock[1]).isCloseTo(0.0714, within(5e-5));
		}

		/**
		 * The DerSimonian-Laird step on its own, fed the inverse-variance heterogeneity statistic that metan's
		 * {@code randomi} uses, against metan's results; the server feeds it the Mantel-Haenszel Q, as RevMan does.
		 */
		@Test
		void derSimonianLairdFromTheInverseVarianceQ() {
			for (Measure measure : List.of(Measure.RR, Measure.OR)) {
				double[] y = new double[BCG.size()];
				double[] v = new double[BCG.size()];
				for (int i = 0; i < y.length; i++) {
					double[] estimate = MetaAnalysis.estimate(BCG.get(i), measure);
					y[i] = estimate[0];
					v[i] = estimate[1];
				}
				double sumW = 0;
				double sumWY = 0;
				for (int i = 0; i < y.length; i++) {
					sumW += 1 / v[i];
					sumWY += y[i] / v[i];
				}
				double q = MetaAnalysis.cochranQ(y, v, sumWY / sumW);
				MetaAnalysis.RandomEffects random = MetaAnalysis.randomEffects(y, v, q);
				if (measure == Measure.RR) {
					assertThat(q).isCloseTo(152.2330, within(5e-4));
					assertThat(random.y()).isCloseTo(-0.7141, within(5e-5));
					assertThat(random.y() - Proportions.Z * random.se()).isCloseTo(-1.0644, within(5e-5));
					assertThat(random.y() + Proportions.Z * random.se()).isCloseTo(-0.3638, within(5e-5));
					assertThat(random.y() / random.se()).isCloseTo(-3.9952, within(5e-4));
					assertThat(random.tauSquared()).isCloseTo(0.3088, within(5e-5));
					assertThat(MetaAnalysis.iSquared(q, 12)).isCloseTo(92.1173, within(5e-4));
				} else {
					assertThat(q).isCloseTo(163.1649, within(5e-4));
					assertThat(random.y()).isCloseTo(-0.7474, within(5e-5));
					assertThat(random.y() - Proportions.Z * random.se()).isCloseTo(-1.1242, within(5e-5));
					assertThat(random.y() + Proportions.Z * random.se()).isCloseTo(-0.3706, within(5e-5));
					assertThat(random.tauSquared()).isCloseTo(0.3663, within(5e-5));
					assertThat(MetaAnalysis.iSquared(q, 12)).isCloseTo(92.6455, within(5e-4));
				}
			}
		}

		@Test
		void theRandomModelUsesTheMantelHaenszelQAsRevManDoes() {
			MetaAnalysis.Result fixed = MetaAnalysis.pool(BCG, Measure.RR, Model.FIXED);
			MetaAnalysis.Result random = MetaAnalysis.pool(BCG, Measure.RR, Model.RANDOM);

			assertThat(random.heterogeneity()).isEqualTo(fixed.heterogeneity());
			assertThat(random.heterogeneity().tauSquared()).isGreaterThan(0.3088);
			// Wider than the fixed interval, and the weights even out: each study's share moves towards 1/13.
			assertThat(random.pooled().upper() - random.pooled().lower())
					.isGreaterThan(fixed.pooled().upper() - fixed.pooled().lower());
			assertThat(random.studies().stream().mapToDouble(MetaAnalysis.StudyEffect::weight).sum())
					.isCloseTo(100, within(1e-9));
			assertThat(random.pooled().model()).isEqualTo(Model.RANDOM);
		}
	}

	@Nested
	class ZeroCells {

		@Test
		void aStudyWithAZeroCellGetsHalfAddedToEveryCell() {
			List<Table> tables = List.of(new Table("zero", 0, 10, 3, 10), new Table("plain", 2, 10, 4, 10));
			MetaAnalysis.Result result = MetaAnalysis.pool(tables, Measure.OR, Model.FIXED);

			MetaAnalysis.StudyEffect zero = result.studies().get(0);
			assertThat(zero.correction()).isEqualTo(0.5);
			// (0.5 x 7.5) / (10.5 x 3.5)
			assertThat(zero.effect()).isCloseTo(0.5 * 7.5 / (10.5 * 3.5), within(1e-12));
			assertThat(result.studies().get(1).correction()).isZero();
			assertThat(result.heterogeneity().df()).isEqualTo(1);
		}

		@Test
		void aStudyWithoutEventsInEitherArmIsLeftOutOfRatiosButNotOfTheDifference() {
			List<Table> tables = List.of(new Table("none", 0, 20, 0, 20), new Table("a", 2, 10, 4, 10),
					new Table("b", 3, 12, 6, 12));
			for (Measure ratio : List.of(Measure.OR, Measure.RR)) {
				MetaAnalysis.Result result = MetaAnalysis.pool(tables, ratio, Model.FIXED);
				MetaAnalysis.StudyEffect none = result.studies().get(0);
				assertThat(none.leftOut()).isEqualTo("no events in either arm");
				assertThat(none.effect()).isNull();
				assertThat(none.weight()).isNull();
				assertThat(result.heterogeneity().df()).isEqualTo(1);
			}
			MetaAnalysis.Result difference = MetaAnalysis.pool(tables, Measure.RD, Model.FIXED);
			assertThat(difference.studies().get(0).leftOut()).isNull();
			assertThat(difference.studies().get(0).effect()).isCloseTo(0, within(1e-12));
			assertThat(difference.heterogeneity().df()).isEqualTo(2);
		}

		@Test
		void aStudyWithEventsInEverySubjectIsLeftOutOfRatios() {
			List<Table> tables = List.of(new Table("all", 5, 5, 7, 7), new Table("a", 2, 10, 4, 10),
					new Table("b", 3, 12, 6, 12));
			assertThat(MetaAnalysis.pool(tables, Measure.RR, Model.FIXED).studies().get(0).leftOut())
					.isEqualTo("events in every subject of both arms");
		}

		@Test
		void fewerThanTwoPoolableStudiesIsRefused() {
			List<Table> tables = List.of(new Table("none", 0, 20, 0, 20), new Table("a", 2, 10, 4, 10));
			assertThatThrownBy(() -> MetaAnalysis.pool(tables, Measure.OR, Model.FIXED))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("At least two studies")
					.hasMessageContaining("1 of 2");
		}
	}

	@Test
	void countsThatDoNotFitAreRefused() {
		assertThatThrownBy(() -> new Table("x", 11, 10, 1, 10)).hasMessageContaining("do not fit");
		assertThatThrownBy(() -> new Table("x", 0, 0, 1, 10)).hasMessageContaining("without subjects");
		assertThatThrownBy(() -> new Table("x", 1, 10, -1, 10)).hasMessageContaining("do not fit");
	}

	@Test
	void codes() {
		assertThat(Measure.byCode("RR")).isEqualTo(Measure.RR);
		assertThat(Model.byCode("random")).isEqualTo(Model.RANDOM);
		assertThatThrownBy(() -> Measure.byCode("HR")).hasMessageContaining("OR, RR, RD");
		assertThatThrownBy(() -> Model.byCode("bayes")).hasMessageContaining("fixed, random");
	}
}
