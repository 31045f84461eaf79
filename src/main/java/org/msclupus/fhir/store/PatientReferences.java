package org.msclupus.fhir.store;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;

/** Which patient a trial record or a subject belongs to, read the same way by every reader. */
public final class PatientReferences {

	private PatientReferences() {
	}

	/** The id part of the record's subject when it is a Patient reference, else null. */
	public static String patientOf(IBaseResource resource) {
		return patientIdOf(subjectOf(resource));
	}

	/**
	 * The reference to the patient a trial record or a subject belongs to (its subject, a subject's individual); null
	 * for another kind of resource.
	 */
	public static Reference subjectOf(IBaseResource resource) {
		if (resource instanceof Observation o) {
			return o.getSubject();
		} else if (resource instanceof MedicationAdministration a) {
			return a.getSubject();
		} else if (resource instanceof MedicationStatement m) {
			return m.getSubject();
		} else if (resource instanceof AdverseEvent e) {
			return e.getSubject();
		} else if (resource instanceof ResearchSubject s) {
			return s.getIndividual();
		}
		return null;
	}

	/** The Patient id a reference points to, or null for another type or a reference without id. */
	public static String patientIdOf(Reference reference) {
		return reference != null && reference.getReferenceElement().hasIdPart()
				&& (!reference.getReferenceElement().hasResourceType()
						|| "Patient".equals(reference.getReferenceElement().getResourceType()))
				? reference.getReferenceElement().getIdPart()
				: null;
	}
}
