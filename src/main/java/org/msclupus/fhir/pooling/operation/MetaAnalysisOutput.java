package org.msclupus.fhir.pooling.operation;

import static org.msclupus.fhir.operation.Output.code;
import static org.msclupus.fhir.operation.Output.ref;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.pooling.PooledOutcome;
import org.msclupus.fhir.statistics.MetaAnalysis;

/**
 * $meta-analysis's answer: the outcome, one {@code study} row per study (those on this server first, with their
 * reference and arms), the {@code pooled} row and the {@code heterogeneity} row. Estimates keep six significant
 * digits: a risk difference of 0.0033 keeps its digits, an odds ratio of 0.26 too.
 */
final class MetaAnalysisOutput {

	static final List<String> CSV_HEADER = List.of("section", "name", "reference", "events", "total",
			"referenceEvents", "referenceTotal", "measure", "model", "effect", "lower", "upper", "weight",
			"continuityCorrection", "leftOut", "z", "pValue", "q", "df", "iSquared", "tauSquared");
	static final Set<String> CSV_SECTIONS = Set.of("study", "pooled", "heterogeneity");

	private MetaAnalysisOutput() {
	}

	static Parameters parameters(MetaAnalysis.Result result, List<StudyOutcomeCounts.Counted> onServer,
			PooledOutcome outcome) {
		Output out = new Output();
		out.add("outcome").value(code(outcome.code()));
		for (int i = 0; i < result.studies().size(); i++) {
			MetaAnalysis.StudyEffect s = result.studies().get(i);
			Output.Row row = out.add("study").part("name", s.table().name());
			if (i < onServer.size()) {
				StudyOutcomeCounts.Counted c = onServer.get(i);
				row.part("reference", ref(c.study().getIdElement().toUnqualifiedVersionless().getValue()))
						.part("arm", c.arms().arm()).part("referenceArm", c.arms().referenceArm());
			}
			counts(row, s.table());
			estimate(row, s.effect(), s.lower(), s.upper()).part("weight", round(s.weight()))
					.part("continuityCorrection", s.correction() > 0 ? BigDecimal.valueOf(s.correction()) : null)
					.part("leftOut", s.leftOut());
		}
		MetaAnalysis.Pooled pooled = result.pooled();
		estimate(out.add("pooled").part("measure", code(pooled.measure().name()))
				.part("model", code(pooled.model().code())), pooled.effect(), pooled.lower(), pooled.upper())
				.part("z", round(pooled.z())).part("pValue", round(pooled.pValue()));
		MetaAnalysis.Heterogeneity h = result.heterogeneity();
		out.add("heterogeneity").part("q", round(h.q())).part("df", h.df()).part("pValue", round(h.pValue()))
				.part("iSquared", round(h.iSquared())).part("tauSquared", round(h.tauSquared()));
		return out.toParameters();
	}

	/** One row per study, then the pooled row and the heterogeneity row, each with the measure and model. */
	static String csv(MetaAnalysis.Result result, List<StudyOutcomeCounts.Counted> onServer, PooledOutcome outcome) {
		Output out = new Output();
		MetaAnalysis.Pooled pooled = result.pooled();
		for (int i = 0; i < result.studies().size(); i++) {
			MetaAnalysis.StudyEffect s = result.studies().get(i);
			Output.Row row = out.add("study").part("name", s.table().name()).part("reference", i < onServer.size()
					? onServer.get(i).study().getIdElement().toUnqualifiedVersionless().getValue() : null);
			counts(row, s.table());
			model(row, pooled);
			row.part("effect", text(s.effect())).part("lower", text(s.lower())).part("upper", text(s.upper()))
					.part("weight", text(s.weight()))
					.part("continuityCorrection", s.correction() > 0 ? s.correction() : null)
					.part("leftOut", s.leftOut());
		}
		model(out.add("pooled").part("name", outcome.code()), pooled).part("effect", text(pooled.effect()))
				.part("lower", text(pooled.lower())).part("upper", text(pooled.upper())).part("z", text(pooled.z()))
				.part("pValue", text(pooled.pValue()));
		MetaAnalysis.Heterogeneity h = result.heterogeneity();
		model(out.add("heterogeneity").part("name", outcome.code()), pooled).part("pValue", text(h.pValue()))
				.part("q", text(h.q())).part("df", h.df()).part("iSquared", text(h.iSquared()))
				.part("tauSquared", text(h.tauSquared()));
		return out.toCsv(CSV_HEADER, CSV_SECTIONS);
	}

	private static Output.Row counts(Output.Row row, MetaAnalysis.Table table) {
		return row.part("events", table.events()).part("total", table.total())
				.part("referenceEvents", table.referenceEvents()).part("referenceTotal", table.referenceTotal());
	}

	private static Output.Row model(Output.Row row, MetaAnalysis.Pooled pooled) {
		return row.part("measure", pooled.measure().name()).part("model", pooled.model().code());
	}

	private static Output.Row estimate(Output.Row row, Double effect, Double lower, Double upper) {
		return row.part("effect", round(effect)).part("lower", round(lower)).part("upper", round(upper));
	}

	/** CSV writes the rounded value in plain notation, never as 1E-7. */
	private static String text(Double value) {
		return value == null ? null : round(value).toPlainString();
	}

	private static BigDecimal round(Double value) {
		return value == null ? null : new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
	}
}
