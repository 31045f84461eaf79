package org.msclupus.fhir.pooling.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.operation.OperationParameters;
import org.msclupus.fhir.design.StudyArms;
import org.msclupus.fhir.design.fhir.StudyDesigns;
import org.msclupus.fhir.pooling.PooledOutcome;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.safety.SafetySummary;
import org.msclupus.fhir.records.SafetyDataReader;
import org.msclupus.fhir.statistics.MetaAnalysis;
import org.msclupus.fhir.study.ArmComparison;
import org.msclupus.fhir.study.StudyComparisons;
import org.msclupus.fhir.records.StudyOutcomes;
import org.msclupus.fhir.response.CriteriaCatalog;

/**
 * The 2 x 2 table a study on this server contributes to a pooled analysis: its experimental arm against its one
 * comparator, counted by the same rules as {@code $safety-summary} (adverse events) and study-level
 * {@code $evaluate-response} (response outcomes, NE subjects as non-responders).
 */
public class StudyOutcomeCounts {

	/** A study's table with the arms it compares. */
	public record Counted(ResearchStudy study, ArmComparison arms, MetaAnalysis.Table table) {
	}

	private final DaoRegistry daos;
	private final CriteriaCatalog catalog;
	private final StudyOutcomes outcomes;
	private final SafetyDataReader safety;

	public StudyOutcomeCounts(DaoRegistry daos, CriteriaCatalog catalog, StudyOutcomes outcomes,
			SafetyDataReader safety) {
		this.daos = daos;
		this.catalog = catalog;
		this.outcomes = outcomes;
		this.safety = safety;
	}

	/**
	 * The study and the arms it compares, read before anything is counted so that a bad request costs nothing.
	 *
	 * @throws InvalidRequestException for a study not on the server, one that is not a two-arm study, or one that
	 *                                 does not evaluate the outcome's criteria set
	 */
	public Checked check(IdType studyId, PooledOutcome outcome, RequestDetails request) {
		ResearchStudy study;
		try {
			study = daos.getResourceDao(ResearchStudy.class).read(studyId, request);
		} catch (ResourceNotFoundException | ResourceGoneException unknown) {
			throw new InvalidRequestException("Study " + studyId.getValue() + " is not on this server; pool a "
					+ "published trial as an externalStudy instead");
		}
		StudyArms studyArms = StudyDesigns.arms(study);
		ArmComparison arms = OperationParameters.orBadRequest(() -> ArmComparison.choose(studyArms, null,
						ArmComparison.MissingAs.NON_RESPONDER))
				.orElseThrow(() -> new InvalidRequestException("Study " + studyId.getValue() + " is not a two-arm "
						+ "study (an arm typed experimental and one comparator); its arms: "
						+ String.join(", ", studyArms.names())));
		if (outcome.kind() == PooledOutcome.Kind.RESPONSE) {
			List<String> declared = StudyDesigns.criteria(study);
			if (!declared.isEmpty() && !declared.contains(outcome.criteria())) {
				throw new InvalidRequestException("Study " + studyId.getValue() + " does not evaluate "
						+ outcome.criteria() + "; its criteria sets: " + String.join(", ", declared));
			}
		}
		return new Checked(studyId, study, arms);
	}

	/** A study that passed {@link #check}. */
	public record Checked(IdType studyId, ResearchStudy study, ArmComparison arms) {
	}

	/** Counts the outcome in both arms, with data up to {@code asOf}, as the caller may see them. */
	public Counted count(Checked checked, PooledOutcome outcome, LocalDate asOf, String site,
			RequestDetails request) {
		ArmComparison arms = checked.arms();
		String name = checked.study().hasTitle() ? checked.study().getTitle()
				: checked.studyId().toUnqualifiedVersionless().getValue();
		int[] arm;
		int[] reference;
		if (outcome.kind() == PooledOutcome.Kind.RESPONSE) {
			List<ResponseCriteria> rules = List.of(criteriaOf(outcome));
			// the study was checked before (Checked): nothing to prepare from it
			StudyOutcomes.Outcomes<ResearchStudy> evaluated = outcomes.evaluate(checked.studyId(), rules, asOf, null,
					site, false, study -> study, request);
			StudyComparisons.OutcomeComparison compared = StudyComparisons.outcomes(rules, evaluated.outcomes(), arms)
					.stream()
					.filter(c -> c.outcome().equals(outcome.outcome())).findFirst().orElseThrow();
			arm = new int[] {compared.count(), compared.denominator()};
			reference = new int[] {compared.referenceCount(), compared.referenceDenominator()};
		} else {
			boolean serious = outcome.kind() == PooledOutcome.Kind.SERIOUS_ADVERSE_EVENT;
			SafetyDataReader.StudySafetyData data = safety.read(checked.studyId(), null, site, asOf, false, request);
			arm = SafetySummary.subjectsWithEvent(data.subjects(), arms.arm(), asOf, serious);
			reference = SafetySummary.subjectsWithEvent(data.subjects(), arms.referenceArm(), asOf, serious);
		}
		MetaAnalysis.Table table = OperationParameters.orBadRequest(() -> new MetaAnalysis.Table(name, arm[0],
				arm[1], reference[0], reference[1]));
		return new Counted(checked.study(), arms, table);
	}

	/** The criteria set a response outcome names, checked to compare that outcome. */
	public ResponseCriteria criteriaOf(PooledOutcome outcome) {
		ResponseCriteria rule = OperationParameters.orBadRequest(() -> catalog.select(List.of(outcome.criteria())))
				.get(0);
		OperationParameters.orBadRequest(() -> {
			outcome.requireComparedBy(rule);
			return rule;
		});
		return rule;
	}
}
