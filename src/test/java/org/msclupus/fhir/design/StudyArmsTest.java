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
}
