package org.msclupus.fhir.design.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.design.ReferenceSafetyInformation;
import org.msclupus.fhir.design.SourceVerification;
import org.msclupus.fhir.design.StudyArms;
import org.msclupus.fhir.design.StudyDesign;
import org.msclupus.fhir.design.TrialCodes;

/**
 * Builds a study's {@link StudyDesign} from its ResearchStudy and the protocol PlanDefinition it references: the one
 * place FHIR is read for the schedule, the arms and the criteria sets, so every operation decides alike.
 */
public class StudyDesigns {

	/** http://terminology.hl7.org/CodeSystem/research-study-arm-type */
	public static final String ARM_TYPE = "http://terminology.hl7.org/CodeSystem/research-study-arm-type";

	private final StudySchedules schedules;

	public StudyDesigns(StudySchedules schedules) {
		this.schedules = schedules;
	}

	/**
	 * The study's design, its schedule read with the caller's request.
	 *
	 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException       when the protocol cannot be read
	 * @throws ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException when it is not a coherent schedule
	 */
	public StudyDesign of(ResearchStudy study, RequestDetails request) {
		return new StudyDesign(study.getIdElement().toUnqualifiedVersionless().getValue(),
				schedules.of(study, request).orElse(null), schedules.windows(), arms(study), criteria(study),
				StudySchedules.protocolOf(study).isPresent());
	}

	/** The arms as the ResearchStudy declares them, with those typed experimental. */
	public static StudyArms arms(ResearchStudy study) {
		List<String> names = study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName)
				.filter(name -> name != null && !name.isBlank()).toList();
		List<String> experimental = study.getArm().stream().filter(a -> a.getType().getCoding().stream()
						.anyMatch(c -> ARM_TYPE.equals(c.getSystem()) && "experimental".equals(c.getCode())))
				.map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
		Map<String, String> descriptions = new LinkedHashMap<>();
		study.getArm().stream().filter(a -> a.hasName() && a.hasDescription())
				.forEach(a -> descriptions.put(a.getName(), a.getDescription()));
		return new StudyArms(names, experimental, descriptions);
	}

	/** The criteria set codes the study's response-criteria extensions name; none for no study. */
	public static List<String> criteria(ResearchStudy study) {
		if (study == null) {
			return List.of();
		}
		return study.getExtensionsByUrl(TrialCodes.RESPONSE_CRITERIA_EXTENSION).stream()
				.map(Extension::getValue).filter(v -> v != null && !v.isEmpty())
				.map(v -> v.primitiveValue()).toList();
	}

	/**
	 * Whether the study's values wait for source-data verification: its source-verification extension, none when it
	 * has none (or no study). An unknown code cannot be stored (the profile binds it), so it reads as none.
	 */
	public static SourceVerification sourceVerification(ResearchStudy study) {
		if (study == null) {
			return SourceVerification.NONE;
		}
		Extension extension = study.getExtensionByUrl(TrialCodes.SOURCE_VERIFICATION_EXTENSION);
		return extension == null || extension.getValue() == null ? SourceVerification.NONE
				: SourceVerification.ofCode(extension.getValue().primitiveValue()).orElse(SourceVerification.NONE);
	}

	/**
	 * The adverse events the study expects: its expected-adverse-event extensions (valueCodeableConcept), none when
	 * it names none.
	 */
	public static ReferenceSafetyInformation referenceSafetyInformation(ResearchStudy study) {
		if (study == null) {
			return ReferenceSafetyInformation.NONE;
		}
		return new ReferenceSafetyInformation(study.getExtensionsByUrl(TrialCodes.EXPECTED_ADVERSE_EVENT_EXTENSION)
				.stream().filter(e -> e.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept)
				.map(e -> (org.hl7.fhir.r4.model.CodeableConcept) e.getValue())
				.map(c -> new ReferenceSafetyInformation.ExpectedEvent(c.getCoding().stream()
						.filter(x -> x.hasSystem() && x.hasCode()).map(x -> x.getSystem() + "|" + x.getCode())
						.collect(java.util.stream.Collectors.toSet()), c.getText())).toList());
	}

	/** The arm the subject actually had ({@link StudyArms#actualArm}). */
	public static String actualArm(ResearchSubject subject, boolean treated) {
		return StudyArms.actualArm(subject.hasActualArm() ? subject.getActualArm() : null, subject.getAssignedArm(),
				treated);
	}
}
