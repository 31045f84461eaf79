package org.msclupus.fhir.support;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.msclupus.fhir.design.fhir.ScheduleDefinitions;

/** Schedule of Activities PlanDefinitions as a sponsor writes them (Vulcan SoA IG), for the tests. */
public final class SchedulePlans {

	private SchedulePlans() {
	}

	/** A schedule with its day-0 action (id {@code day0}, title {@code day-0}), to which visits are added. */
	public static PlanDefinition plan(String id) {
		PlanDefinition plan = new PlanDefinition();
		plan.setId(id);
		plan.setUrl("http://sponsor.example/PlanDefinition/" + id);
		plan.setName(id);
		plan.setStatus(Enumerations.PublicationStatus.ACTIVE);
		plan.addAction().setTitle("day-0").setId("day0");
		return plan;
	}

	/**
	 * A visit timed from day 0, with its own window when {@code low} and {@code high} are given (offsets in days, in
	 * the direction of {@code relationship}), its epoch (null for none) and the LOINC codes of its measures.
	 */
	public static PlanDefinitionActionComponent visit(PlanDefinition plan, String title, int offset, Integer low,
			Integer high, ActionRelationshipType relationship, String epoch, String... loinc) {
		PlanDefinitionActionComponent action = plan.addAction().setTitle(title);
		action.setId(title);
		if (epoch != null) {
			action.addCode(new CodeableConcept().setText(epoch));
		}
		var related = action.addRelatedAction().setActionId("day0").setRelationship(relationship)
				.setOffset(new Duration().setValue(offset).setSystem("http://unitsofmeasure.org").setCode("d"));
		if (low != null && high != null) {
			related.addExtension(ScheduleDefinitions.ACCEPTABLE_OFFSET_RANGE, new Range().setLow(days(low))
					.setHigh(days(high)));
		}
		for (String code : loinc) {
			action.addAction().addCode(new CodeableConcept(new Coding("http://loinc.org", code, null)));
		}
		return action;
	}

	public static Quantity days(int days) {
		return new Quantity().setValue(days).setSystem("http://unitsofmeasure.org").setCode("d");
	}
}
