package org.msclupus.fhir.operation;

import java.util.List;
import org.hl7.fhir.r4.model.ResearchStudy;

/** A study's arms as its ResearchStudy declares them: their names, and which are typed experimental. */
public final class StudyArms {

	/** http://terminology.hl7.org/CodeSystem/research-study-arm-type */
	public static final String ARM_TYPE = "http://terminology.hl7.org/CodeSystem/research-study-arm-type";

	private StudyArms() {
	}

	public static List<String> names(ResearchStudy study) {
		return study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName)
				.filter(name -> name != null && !name.isBlank()).toList();
	}

	/** The arms whose type is {@code experimental}. */
	public static List<String> experimental(ResearchStudy study) {
		return study.getArm().stream().filter(a -> a.getType().getCoding().stream()
						.anyMatch(c -> ARM_TYPE.equals(c.getSystem()) && "experimental".equals(c.getCode())))
				.map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
	}
}
