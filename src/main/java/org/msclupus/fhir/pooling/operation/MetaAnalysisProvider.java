package org.msclupus.fhir.pooling.operation;

import static org.msclupus.fhir.response.operation.ResultParameters.part;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.msclupus.fhir.operation.CsvTable;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.operation.OperationResponses;
import org.msclupus.fhir.pooling.PooledOutcome;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.statistics.MetaAnalysis;

/**
 * {@code POST ResearchStudy/$meta-analysis}: pools two-arm studies on this server and published trials
 * ({@code externalStudy}) with {@link MetaAnalysis}. Answers Parameters, or CSV with {@code Accept: text/csv}.
 */
public class MetaAnalysisProvider {

	private final StudyOutcomeCounts counts;
	private final Clock clock;

	public MetaAnalysisProvider(StudyOutcomeCounts counts, Clock clock) {
		this.counts = counts;
		this.clock = clock;
	}

	@Operation(name = "$meta-analysis", type = ResearchStudy.class, idempotent = false, manualResponse = true,
			canonicalUrl = "http://msc-lupus.org/fhir/OperationDefinition/meta-analysis")
	@Description(shortDefinition = "Pool two-arm studies of a dichotomous outcome",
			value = "Mantel-Haenszel (fixed) or DerSimonian-Laird (random) pooling of the odds ratio, risk ratio or "
					+ "risk difference of studies on this server and published trials, with heterogeneity, as "
					+ "Review Manager 5 computes them; CSV with Accept: text/csv.")
	public void metaAnalysis(
			@Description(shortDefinition = "A two-arm study on this server")
			@OperationParam(name = "study", typeName = "Reference", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<Reference> studies,
			@Description(shortDefinition = "A published trial: parts name, events, total, referenceEvents, "
					+ "referenceTotal")
			@OperationParam(name = "externalStudy", min = 0, max = OperationParam.MAX_UNLIMITED)
			List<ParametersParameterComponent> externalStudies,
			@Description(shortDefinition = "adverse-event, serious-adverse-event or <criteria>:<outcome>")
			@OperationParam(name = "outcome", typeName = "code", min = 1, max = 1) CodeType outcome,
			@Description(shortDefinition = "OR (default), RR or RD")
			@OperationParam(name = "measure", typeName = "code", min = 0, max = 1) CodeType measure,
			@Description(shortDefinition = "fixed (default, Mantel-Haenszel) or random (DerSimonian-Laird)")
			@OperationParam(name = "model", typeName = "code", min = 0, max = 1) CodeType model,
			RequestDetails request) throws IOException {
		// Everything that can be refused is checked before any study is counted.
		PooledOutcome what = OperationParameters.orBadRequest(() -> PooledOutcome.parse(code(outcome)));
		MetaAnalysis.Measure effect = measure == null || measure.isEmpty() ? MetaAnalysis.Measure.OR
				: OperationParameters.orBadRequest(() -> MetaAnalysis.Measure.byCode(measure.getValue()));
		MetaAnalysis.Model pooling = model == null || model.isEmpty() ? MetaAnalysis.Model.FIXED
				: OperationParameters.orBadRequest(() -> MetaAnalysis.Model.byCode(model.getValue()));
		if (what.kind() == PooledOutcome.Kind.RESPONSE) {
			counts.criteriaOf(what);
		}
		List<MetaAnalysis.Table> external = new ArrayList<>();
		for (ParametersParameterComponent published : externalStudies == null
				? List.<ParametersParameterComponent>of() : externalStudies) {
			external.add(externalTable(published));
		}
		List<StudyOutcomeCounts.Checked> onServer = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Reference reference : studies == null ? List.<Reference>of() : studies) {
			IdType id = studyId(reference);
			if (!seen.add(id.getValue())) {
				throw new InvalidRequestException("Study " + id.getValue() + " is named twice");
			}
			onServer.add(counts.check(id, what, request));
		}
		if (onServer.size() + external.size() < 2) {
			throw new InvalidRequestException("A meta-analysis needs at least two studies (study or externalStudy); "
					+ "got " + (onServer.size() + external.size()));
		}
		LocalDate today = LocalDate.now(clock);
		String site = Callers.sponsorWideToStore(request, false);
		List<MetaAnalysis.Table> tables = new ArrayList<>();
		List<StudyOutcomeCounts.Counted> counted = new ArrayList<>();
		for (StudyOutcomeCounts.Checked study : onServer) {
			StudyOutcomeCounts.Counted c = counts.count(study, what, today, site, request);
			counted.add(c);
			tables.add(c.table());
		}
		tables.addAll(external);
		MetaAnalysis.Result result = OperationParameters.orBadRequest(() -> MetaAnalysis.pool(tables, effect,
				pooling));
		OperationResponses.respond(request, OperationResponses.wantsCsv(request)
				? OperationResponses.csv(toCsv(result, counted, what))
				: toParameters(result, counted, what));
	}

	private static String code(CodeType outcome) {
		return outcome == null ? null : outcome.getValue();
	}

	private static IdType studyId(Reference reference) {
		if (reference == null || !reference.hasReference()) {
			throw new InvalidRequestException("Parameter study needs a reference such as ResearchStudy/demo-ln");
		}
		IdType id = new IdType(reference.getReference());
		if (!id.hasIdPart() || (id.hasResourceType() && !"ResearchStudy".equals(id.getResourceType()))) {
			throw new InvalidRequestException("Parameter study must reference a ResearchStudy; got "
					+ reference.getReference());
		}
		return new IdType("ResearchStudy", id.getIdPart());
	}

	/** A published trial's counts from the parts of an {@code externalStudy} parameter. */
	static MetaAnalysis.Table externalTable(ParametersParameterComponent published) {
		String name = null;
		Integer[] numbers = new Integer[4];
		List<String> names = List.of("events", "total", "referenceEvents", "referenceTotal");
		for (ParametersParameterComponent part : published.getPart()) {
			if ("name".equals(part.getName()) && part.getValue() != null) {
				name = part.getValue().primitiveValue();
			}
			int index = names.indexOf(part.getName());
			if (index >= 0) {
				if (!(part.getValue() instanceof IntegerType number) || number.getValue() == null) {
					throw new InvalidRequestException("externalStudy part " + part.getName()
							+ " must be a valueInteger");
				}
				numbers[index] = number.getValue();
			}
		}
		if (name == null || name.isBlank()) {
			throw new InvalidRequestException("externalStudy needs a part name (valueString)");
		}
		for (int i = 0; i < numbers.length; i++) {
			if (numbers[i] == null) {
				throw new InvalidRequestException("externalStudy '" + name + "' lacks its part " + names.get(i));
			}
		}
		String study = name;
		return OperationParameters.orBadRequest(() -> new MetaAnalysis.Table(study, numbers[0], numbers[1],
				numbers[2], numbers[3]));
	}

	static Parameters toParameters(MetaAnalysis.Result result, List<StudyOutcomeCounts.Counted> onServer,
			PooledOutcome outcome) {
		Parameters out = new Parameters();
		out.addParameter().setName("outcome").setValue(new CodeType(outcome.code()));
		for (int i = 0; i < result.studies().size(); i++) {
			MetaAnalysis.StudyEffect s = result.studies().get(i);
			ParametersParameterComponent p = out.addParameter().setName("study");
			part(p, "name", new StringType(s.table().name()));
			if (i < onServer.size()) {
				StudyOutcomeCounts.Counted c = onServer.get(i);
				part(p, "reference", new Reference(c.study().getIdElement().toUnqualifiedVersionless().getValue()));
				part(p, "arm", new StringType(c.arms().arm()));
				part(p, "referenceArm", new StringType(c.arms().referenceArm()));
			}
			part(p, "events", new IntegerType(s.table().events()));
			part(p, "total", new IntegerType(s.table().total()));
			part(p, "referenceEvents", new IntegerType(s.table().referenceEvents()));
			part(p, "referenceTotal", new IntegerType(s.table().referenceTotal()));
			part(p, "effect", decimal(s.effect()));
			part(p, "lower", decimal(s.lower()));
			part(p, "upper", decimal(s.upper()));
			part(p, "weight", decimal(s.weight()));
			if (s.correction() > 0) {
				part(p, "continuityCorrection", new DecimalType(BigDecimal.valueOf(s.correction())));
			}
			if (s.leftOut() != null) {
				part(p, "leftOut", new StringType(s.leftOut()));
			}
		}
		MetaAnalysis.Pooled pooled = result.pooled();
		ParametersParameterComponent p = out.addParameter().setName("pooled");
		part(p, "measure", new CodeType(pooled.measure().name()));
		part(p, "model", new CodeType(pooled.model().code()));
		part(p, "effect", decimal(pooled.effect()));
		part(p, "lower", decimal(pooled.lower()));
		part(p, "upper", decimal(pooled.upper()));
		part(p, "z", decimal(pooled.z()));
		part(p, "pValue", decimal(pooled.pValue()));
		MetaAnalysis.Heterogeneity h = result.heterogeneity();
		ParametersParameterComponent het = out.addParameter().setName("heterogeneity");
		part(het, "q", decimal(h.q()));
		part(het, "df", new IntegerType(h.df()));
		part(het, "pValue", decimal(h.pValue()));
		part(het, "iSquared", decimal(h.iSquared()));
		part(het, "tauSquared", decimal(h.tauSquared()));
		return out;
	}

	static final List<String> CSV_HEADER = List.of("section", "name", "reference", "events", "total",
			"referenceEvents", "referenceTotal", "measure", "model", "effect", "lower", "upper", "weight",
			"continuityCorrection", "leftOut", "z", "pValue", "q", "df", "iSquared", "tauSquared");

	/** One row per study, then the pooled row and the heterogeneity row; the {@code section} column says which. */
	static String toCsv(MetaAnalysis.Result result, List<StudyOutcomeCounts.Counted> onServer,
			PooledOutcome outcome) {
		CsvTable csv = new CsvTable(CSV_HEADER);
		MetaAnalysis.Pooled pooled = result.pooled();
		String measure = pooled.measure().name();
		String model = pooled.model().code();
		for (int i = 0; i < result.studies().size(); i++) {
			MetaAnalysis.StudyEffect s = result.studies().get(i);
			String reference = i < onServer.size()
					? onServer.get(i).study().getIdElement().toUnqualifiedVersionless().getValue() : null;
			csv.row("study", s.table().name(), reference, s.table().events(), s.table().total(),
					s.table().referenceEvents(), s.table().referenceTotal(), measure, model, text(s.effect()),
					text(s.lower()), text(s.upper()), text(s.weight()), s.correction() > 0 ? s.correction() : null,
					s.leftOut(), null, null, null, null, null, null);
		}
		csv.row("pooled", outcome.code(), null, null, null, null, null, measure, model, text(pooled.effect()),
				text(pooled.lower()), text(pooled.upper()), null, null, null, text(pooled.z()),
				text(pooled.pValue()), null, null, null, null);
		MetaAnalysis.Heterogeneity h = result.heterogeneity();
		csv.row("heterogeneity", outcome.code(), null, null, null, null, null, measure, model, null, null, null,
				null, null, null, null, text(h.pValue()), text(h.q()), h.df(), text(h.iSquared()),
				text(h.tauSquared()));
		return csv.toString();
	}

	/** Six significant digits: a risk difference of 0.0033 keeps its digits, an odds ratio of 0.26 too. */
	private static DecimalType decimal(Double value) {
		return value == null ? null : new DecimalType(round(value));
	}

	private static String text(Double value) {
		return value == null ? null : round(value).toPlainString();
	}

	private static BigDecimal round(double value) {
		return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
	}
}
