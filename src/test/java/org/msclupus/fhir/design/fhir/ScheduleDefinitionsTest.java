package org.msclupus.fhir.design.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.msclupus.fhir.design.TrialCodes;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.junit.jupiter.api.Test;
import org.msclupus.fhir.design.Visit;
import org.msclupus.fhir.design.VisitSchedule;

class ScheduleDefinitionsTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	static PlanDefinition shipped(String code) throws Exception {
		return FHIR.newJsonParser().parseResource(PlanDefinition.class,
				Files.readString(Path.of("profiles/generated/PlanDefinition-" + code + ".json")));
	}

	static VisitSchedule read(PlanDefinition plan) {
		return ScheduleDefinitions.read(plan, url -> Optional.empty());
	}

	@Test
	void theShippedSchedulesAreTheKnownOnes() throws Exception {
		for (VisitSchedule known : List.of(VisitSchedule.WEEKS_24, VisitSchedule.MONTHS_12)) {
			VisitSchedule fromPlan = read(shipped(known.code()));
			assertThat(fromPlan.code()).isEqualTo(known.code());
			assertThat(fromPlan.afterDay0()).extracting(Visit::label, Visit::targetDay)
					.containsExactlyElementsOf(known.visits().stream()
							.map(v -> org.assertj.core.groups.Tuple.tuple(v.label(), v.targetDay())).toList());
			assertThat(fromPlan.visits().get(0).label()).isEqualTo("day-0");
			assertThat(fromPlan.afterDay0()).allSatisfy(v -> {
				assertThat(v.windowBefore()).as("no window of its own: the criteria's applies").isNull();
				assertThat(v.epoch()).isEqualTo("FOLLOW-UP");
			});
			assertThat(fromPlan.weekly()).isEqualTo(known == VisitSchedule.WEEKS_24);
		}
		assertThat(read(shipped("weeks-24")).visit("week-24").orElseThrow().measures())
				.containsExactly("serum-creatinine", "sledai-2k", "complement-c3", "anti-dsdna");
		assertThat(read(shipped("weeks-24")).visit("week-4").orElseThrow().measures())
				.containsExactly("serum-creatinine");
	}

	/** A schedule no code knows: screening at day -14 (window 10-21 days before), weeks 2, 6 and 10 with +/- 3 days. */
	static PlanDefinition sponsorSchedule() {
		PlanDefinition plan = new PlanDefinition();
		plan.setName("new-trial");
		action(plan, "day0", "day-0").addCode(new CodeableConcept().setText("TREATMENT"));
		PlanDefinitionActionComponent screening = visit(plan, "screening", 14, ActionRelationshipType.BEFORE,
				"SCREENING");
		screening.getRelatedActionFirstRep().addExtension(ScheduleDefinitions.ACCEPTABLE_OFFSET_RANGE,
				new Range().setLow(days(10)).setHigh(days(21)));
		for (int week : new int[] {2, 6, 10}) {
			PlanDefinitionActionComponent v = visit(plan, "week-" + week, 7 * week, ActionRelationshipType.AFTER,
					"FOLLOW-UP");
			v.getRelatedActionFirstRep().addExtension(ScheduleDefinitions.ACCEPTABLE_OFFSET_RANGE,
					new Range().setLow(days(7 * week - 3)).setHigh(days(7 * week + 3)));
			v.addAction().addCode(new CodeableConcept(new Coding("http://loinc.org", "2890-2", null)));
		}
		return plan;
	}

	static PlanDefinitionActionComponent visit(PlanDefinition plan, String title, int offsetDays,
			ActionRelationshipType relationship, String epoch) {
		PlanDefinitionActionComponent action = action(plan, title, title);
		action.addCode(new CodeableConcept(new Coding("http://www.cdisc.org/ct/epoch", epoch, null)));
		action.addRelatedAction().setActionId("day0").setRelationship(relationship)
				.setOffset(new Duration().setValue(offsetDays).setSystem("http://unitsofmeasure.org").setCode("d"));
		return action;
	}

	static PlanDefinitionActionComponent action(PlanDefinition plan, String id, String title) {
		PlanDefinitionActionComponent action = plan.addAction();
		action.setId(id);
		return action.setTitle(title);
	}

	static Quantity days(int days) {
		return new Quantity().setValue(days).setSystem("http://unitsofmeasure.org").setCode("d");
	}

	@Test
	void aSponsorsScheduleWithWindowsAndAScreeningVisit() {
		VisitSchedule schedule = read(sponsorSchedule());
		assertThat(schedule.visits()).extracting(Visit::label, Visit::targetDay, Visit::windowBefore, Visit::windowAfter,
				Visit::epoch).containsExactly(
				org.assertj.core.groups.Tuple.tuple("screening", -14, 7, 4, "SCREENING"),
				org.assertj.core.groups.Tuple.tuple("day-0", 0, null, null, "TREATMENT"),
				org.assertj.core.groups.Tuple.tuple("week-2", 14, 3, 3, "FOLLOW-UP"),
				org.assertj.core.groups.Tuple.tuple("week-6", 42, 3, 3, "FOLLOW-UP"),
				org.assertj.core.groups.Tuple.tuple("week-10", 70, 3, 3, "FOLLOW-UP"));
		assertThat(schedule.visit("week-6").orElseThrow().measures()).containsExactly("urine-protein-creatinine-ratio");
		assertThat(schedule.afterDay0()).hasSize(3);
	}

	@Test
	void offsetsInWeeksAndVisitsTimedFromAnotherVisit() {
		PlanDefinition plan = new PlanDefinition();
		plan.setName("chained");
		action(plan, "d0", "day-0");
		action(plan, "w4", "week-4").addRelatedAction().setActionId("d0")
				.setRelationship(ActionRelationshipType.AFTER).setOffset(new Duration().setValue(4).setCode("wk"));
		action(plan, "w8", "week-8").addRelatedAction().setActionId("w4")
				.setRelationship(ActionRelationshipType.AFTER).setOffset(new Duration().setValue(28).setCode("d"));
		assertThat(read(plan).visits()).extracting(Visit::targetDay).containsExactly(0, 28, 56);
	}

	@Test
	void theIgsNestedVisitPlanDefinitionWithActivityDefinitions() {
		PlanDefinition plan = new PlanDefinition();
		plan.setName("ig-form");
		action(plan, "d0", "day-0");
		PlanDefinitionActionComponent visit = action(plan, "v1", "week-4");
		visit.addRelatedAction().setActionId("d0").setRelationship(ActionRelationshipType.AFTER)
				.setOffset(new Duration().setValue(28).setCode("d"));
		visit.setDefinition(new org.hl7.fhir.r4.model.CanonicalType("http://sponsor.example/PlanDefinition/week-4"));
		PlanDefinition studyVisit = new PlanDefinition();
		studyVisit.setUrl("http://sponsor.example/PlanDefinition/week-4");
		studyVisit.addAction().setDefinition(new org.hl7.fhir.r4.model.CanonicalType(
				"http://sponsor.example/ActivityDefinition/sledai"));
		ActivityDefinition sledai = new ActivityDefinition();
		sledai.setCode(new CodeableConcept(new Coding(TrialCodes.LUPUS_TRIAL, "sledai-2k", null)));
		VisitSchedule schedule = ScheduleDefinitions.read(plan, url -> Optional.<MetadataResource>ofNullable(
				url.endsWith("PlanDefinition/week-4") ? studyVisit : url.endsWith("ActivityDefinition/sledai") ? sledai
						: null));
		assertThat(schedule.visit("week-4").orElseThrow().measures()).containsExactly("sledai-2k");
	}

	@Test
	void incoherentSchedulesAreRefusedNamingTheAction() {
		PlanDefinition twice = sponsorSchedule();
		twice.getAction().get(3).setTitle("week-2");
		assertThatThrownBy(() -> read(twice)).hasMessageContaining("visit 'week-2' is named twice");

		PlanDefinition negative = sponsorSchedule();
		((Range) negative.getAction().get(2).getRelatedActionFirstRep()
				.getExtensionByUrl(ScheduleDefinitions.ACCEPTABLE_OFFSET_RANGE).getValue()).setLow(days(16));
		assertThatThrownBy(() -> read(negative)).hasMessageContaining("visit 'week-2' has a negative window");

		PlanDefinition backwards = sponsorSchedule();
		backwards.getAction().get(3).getRelatedActionFirstRep().getOffsetDuration().setValue(10);
		assertThatThrownBy(() -> read(backwards)).hasMessageContaining("visit 'week-6' (day 10) does not come after 'week-2' (day 14) in epoch FOLLOW-UP");

		PlanDefinition untitled = sponsorSchedule();
		untitled.getAction().get(2).setTitle(null);
		assertThatThrownBy(() -> read(untitled)).hasMessageContaining("Action 'week-2' has no title");

		PlanDefinition dangling = sponsorSchedule();
		dangling.getAction().get(2).getRelatedActionFirstRep().setActionId("nowhere");
		assertThatThrownBy(() -> read(dangling)).hasMessageContaining("timed from action 'nowhere'");

		PlanDefinition months = sponsorSchedule();
		months.getAction().get(2).getRelatedActionFirstRep().getOffsetDuration().setCode("mo");
		assertThatThrownBy(() -> read(months)).hasMessageContaining("use UCUM d or wk");
	}

	@Test
	void theEpochIsTheFirstCodingsCodeOrTheText() {
		assertThat(ScheduleDefinitions.epoch(new CodeableConcept(new Coding("urn:any", "Follow-up", null))))
				.isEqualTo("FOLLOW-UP");
		assertThat(ScheduleDefinitions.epoch(new CodeableConcept().setText("screening"))).isEqualTo("SCREENING");
		assertThat(ScheduleDefinitions.epoch(new CodeableConcept())).isNull();
	}
}
