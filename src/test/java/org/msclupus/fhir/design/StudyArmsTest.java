package org.msclupus.fhir.design;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StudyArmsTest {

	private static final StudyArms ARMS = new StudyArms(List.of("uc-msc", "control"), List.of("uc-msc"));

	@Test
	void anArmFilterNamingADeclaredArmPassesEvenWithoutSubjects() {
		assertThatCode(() -> ARMS.requireKnown("control", "ResearchStudy/s", List.of())).doesNotThrowAnyException();
	}

	@Test
	void noArmFilterPasses() {
		assertThatCode(() -> ARMS.requireKnown(null, "ResearchStudy/s", List.of())).doesNotThrowAnyException();
	}

	@Test
	void anArmOnlySubjectsAreAssignedToPasses() {
		assertThatCode(() -> ARMS.requireKnown("open-label", "ResearchStudy/s", List.of("control", "open-label")))
				.doesNotThrowAnyException();
	}

	@Test
	void anArmNeitherDeclaredNorAssignedIsRefusedNamingTheStudysArms() {
		assertThatThrownBy(() -> ARMS.requireKnown("UC-MSC", "ResearchStudy/s", List.of("control", "open-label")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("ResearchStudy/s has no arm 'UC-MSC'; its arms: uc-msc, control, open-label");
	}

	@Test
	void aStudyWithoutArmsSaysSo() {
		assertThatThrownBy(() -> new StudyArms(List.of(), List.of()).requireKnown("a", "ResearchStudy/s", List.of()))
				.hasMessage("ResearchStudy/s has no arm 'a'; its arms: none");
	}

	@Test
	void anEnrolmentMayNameADeclaredArmOrNone() {
		assertThatCode(() -> ARMS.requireDeclared("control", "ResearchSubject.assignedArm", "ResearchStudy/s"))
				.doesNotThrowAnyException();
		assertThatCode(() -> ARMS.requireDeclared(null, "ResearchSubject.assignedArm", "ResearchStudy/s"))
				.doesNotThrowAnyException();
	}

	@Test
	void anEnrolmentNamingAnArmTheStudyDoesNotDeclareIsRefusedNamingTheArms() {
		for (String near : List.of("uc_msc", "UC-MSC", "uc-msc ", "")) {
			assertThatThrownBy(() -> ARMS.requireDeclared(near, "ResearchSubject.actualArm", "ResearchStudy/s"))
					.as(near).isInstanceOf(IllegalArgumentException.class)
					.hasMessage("ResearchSubject.actualArm '" + near + "' is not an arm of ResearchStudy/s; its arms: "
							+ "uc-msc, control");
		}
	}

	@Test
	void aStudyDeclaringNoArmsAcceptsAnyArm() {
		assertThatCode(() -> new StudyArms(List.of(), List.of()).requireDeclared("anything",
				"ResearchSubject.assignedArm", "ResearchStudy/s")).doesNotThrowAnyException();
	}
}
