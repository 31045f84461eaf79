package org.msclupus.fhir.design.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.ResearchStudy;

/**
 * Refuses (422, naming the action) a schedule that could not be used: a ResearchStudy whose protocol references an
 * incoherent PlanDefinition, and a PlanDefinition that declares the Vulcan StudyProtocolSoa profile but is not a
 * coherent schedule. A PlanDefinition changed after a study references it is checked again where it is used.
 *
 * <p>The study is checked just before its write commits, not before it is stored: in a transaction that also
 * creates the PlanDefinition (a sponsor loading a study in one bundle), the protocol reference is still a
 * {@code urn:uuid} before storage, and HAPI defers the pre-commit hooks of a transaction until every entry is stored
 * and every reference resolved. A refusal there rolls the whole transaction back.
 */
@Interceptor
public class ScheduleWriteGuard {

	public static final String STUDY_PROTOCOL_SOA =
			"http://hl7.org/fhir/uv/vulcan-schedule/StructureDefinition/StudyProtocolSoa";

	private final StudySchedules schedules;

	public ScheduleWriteGuard(StudySchedules schedules) {
		this.schedules = schedules;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		checkPlan(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		checkPlan(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void studyCreated(IBaseResource resource, RequestDetails request) {
		checkStudy(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void studyUpdated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		checkStudy(resource, request);
	}

	private void checkStudy(IBaseResource resource, RequestDetails request) {
		if (resource instanceof ResearchStudy study && study.hasProtocol()) {
			schedules.of(study, request);
		}
	}

	private static void checkPlan(IBaseResource resource) {
		if (resource instanceof PlanDefinition plan && plan.getMeta().hasProfile(STUDY_PROTOCOL_SOA)) {
			try {
				ScheduleDefinitions.read(plan, url -> Optional.empty());
			} catch (IllegalArgumentException incoherent) {
				throw new UnprocessableEntityException(incoherent.getMessage());
			}
		}
	}
}
