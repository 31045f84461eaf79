package org.msclupus.fhir.records;

import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.design.SourceVerification;
import org.msclupus.fhir.design.fhir.StudyDesigns;

/**
 * Which records of a study's subjects wait for source-data verification: none for a study that needs none; for
 * {@code endpoint-values} those that reach a subject's time line (the criteria sets and the visit schedule read
 * nothing else) or the safety summary; for {@code all} every record of the kinds a monitor verifies.
 */
public class RecordUse {

	/** The kinds of record a monitor verifies ($verify is offered on these). */
	public static final Set<String> VERIFIABLE_TYPES = Set.of("Observation", "MedicationAdministration",
			"MedicationStatement", "AdverseEvent");

	private final TimelineMapper timelines;
	private final SafetyMapper safety;

	public RecordUse(TimelineMapper timelines, SafetyMapper safety) {
		this.timelines = timelines;
		this.safety = safety;
	}

	public boolean needsVerification(IBaseResource record, ResearchStudy study) {
		return needsVerification(record, study, null);
	}

	/**
	 * As {@link #needsVerification(IBaseResource, ResearchStudy)}, for a caller who knows already whether the record
	 * is on its subject's time line (it has an evidence row): the record is then not mapped again.
	 *
	 * @param onTimeline whether the record has an evidence row; null when not known
	 */
	public boolean needsVerification(IBaseResource record, ResearchStudy study, Boolean onTimeline) {
		if (!VERIFIABLE_TYPES.contains(record.fhirType())) {
			return false;
		}
		SourceVerification mode = StudyDesigns.sourceVerification(study);
		return switch (mode) {
			case NONE -> false;
			case ALL -> true;
			case ENDPOINT_VALUES -> Boolean.TRUE.equals(onTimeline) || (onTimeline == null
					? isEndpointValue(record, study) : safety.uses(record, study.getIdElement().getIdPart()));
		};
	}

	/** Whether the record reaches the time line of the response rules and the visit schedule, or the safety summary. */
	private boolean isEndpointValue(IBaseResource record, ResearchStudy study) {
		return !timelines.entriesOf(record).isEmpty() || safety.uses(record, study.getIdElement().getIdPart());
	}
}
