package org.msclupus.fhir.pooling.operation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.pooling.PooledOutcome;
import org.msclupus.fhir.statistics.MetaAnalysis;

/**
 * $meta-analysis's parameters, parsed and checked once: 400 naming the parameter for anything that cannot be pooled,
 * before any study is counted.
 *
 * @param studies  the studies on this server, each once
 * @param external the published trials' tables
 */
record MetaAnalysisRequest(PooledOutcome outcome, MetaAnalysis.Measure measure, MetaAnalysis.Model model,
		List<IdType> studies, List<MetaAnalysis.Table> external) {

	static MetaAnalysisRequest parse(List<Reference> studies, List<ParametersParameterComponent> externalStudies,
			CodeType outcome, CodeType measure, CodeType model) {
		PooledOutcome what = OperationParameters.orBadRequest(() -> PooledOutcome.parse(
				outcome == null ? null : outcome.getValue()));
		MetaAnalysis.Measure effect = measure == null || measure.isEmpty() ? MetaAnalysis.Measure.OR
				: OperationParameters.orBadRequest(() -> MetaAnalysis.Measure.byCode(measure.getValue()));
		MetaAnalysis.Model pooling = model == null || model.isEmpty() ? MetaAnalysis.Model.FIXED
				: OperationParameters.orBadRequest(() -> MetaAnalysis.Model.byCode(model.getValue()));
		List<MetaAnalysis.Table> external = new ArrayList<>();
		for (ParametersParameterComponent published : externalStudies == null
				? List.<ParametersParameterComponent>of() : externalStudies) {
			external.add(externalTable(published));
		}
		List<IdType> onServer = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Reference reference : studies == null ? List.<Reference>of() : studies) {
			IdType id = studyId(reference);
			if (!seen.add(id.getValue())) {
				throw new InvalidRequestException("Study " + id.getValue() + " is named twice");
			}
			onServer.add(id);
		}
		if (onServer.size() + external.size() < 2) {
			throw new InvalidRequestException("A meta-analysis needs at least two studies (study or externalStudy); "
					+ "got " + (onServer.size() + external.size()));
		}
		return new MetaAnalysisRequest(what, effect, pooling, onServer, external);
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
}
