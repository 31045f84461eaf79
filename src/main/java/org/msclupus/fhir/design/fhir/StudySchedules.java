package org.msclupus.fhir.design.fhir;

import org.msclupus.fhir.design.TrialCodes;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.msclupus.fhir.conformance.ConformanceResources;
import org.msclupus.fhir.conformance.DefinitionsGate;
import org.msclupus.fhir.response.ResponseCriteria;
import org.msclupus.fhir.design.ScheduleWindows;
import org.msclupus.fhir.design.VisitSchedule;
import org.msclupus.fhir.server.SearchesInWrites;

/**
 * A study's visit schedule: the PlanDefinition its {@code protocol} references, else the shipped PlanDefinition its
 * {@code visit-schedule} extension names ({@code weeks-24}, {@code months-12}), read with the caller's request and
 * parsed once per PlanDefinition version.
 */
public class StudySchedules {

	private static final String RESOLVED = StudySchedules.class.getName() + ".";

	private final DaoRegistry daos;
	private final ConformanceResources shipped;
	private final Map<String, VisitSchedule> parsed = new ConcurrentHashMap<>();
	private final ScheduleWindows windows;
	private final DefinitionsGate definitionsStored;

	/**
	 * @param shipped the definitions in the jar, where the shipped schedules are read without a query
	 * @param windows the default window of a visit a schedule gives none, for every operation
	 * @param definitionsStored waited for before a protocol is read from the repository, which may name the
	 *     shipped PlanDefinitions stored at start-up (ADR 0035)
	 */
	public StudySchedules(DaoRegistry daos, ConformanceResources shipped, ScheduleWindows windows,
			DefinitionsGate definitionsStored) {
		this.daos = daos;
		this.shipped = shipped;
		this.windows = windows;
		this.definitionsStored = definitionsStored;
	}

	/** The default visit windows every operation applies to a study's schedule. */
	public ScheduleWindows windows() {
		return windows;
	}

	/**
	 * The study's schedule; empty when it has neither a protocol PlanDefinition nor a visit-schedule code.
	 *
	 * @throws InvalidRequestException       when the referenced PlanDefinition cannot be read
	 * @throws UnprocessableEntityException when it is not a coherent schedule (naming the action)
	 */
	public Optional<VisitSchedule> of(ResearchStudy study, RequestDetails request) {
		if (study == null) {
			return Optional.empty();
		}
		// Once per request: an operation checks the schedule before reading subjects, then reads them with it.
		String key = RESOLVED + study.getIdElement().toUnqualified().getValue();
		if (request != null && request.getUserData().containsKey(key)) {
			@SuppressWarnings("unchecked")
			Optional<VisitSchedule> resolved = (Optional<VisitSchedule>) request.getUserData().get(key);
			return resolved;
		}
		Optional<VisitSchedule> resolved = resolve(study, request);
		if (request != null) {
			request.getUserData().put(key, resolved);
		}
		return resolved;
	}

	private Optional<VisitSchedule> resolve(ResearchStudy study, RequestDetails request) {
		Optional<IdType> protocol = protocolOf(study);
		if (protocol.isPresent()) {
			definitionsStored.awaitStored();
			return Optional.of(parse(read(protocol.get(), study, request), request));
		}
		Optional<String> code = scheduleCode(study);
		if (code.isEmpty()) {
			return Optional.empty();
		}
		// The shipped PlanDefinitions come with the jar (and are installed at start-up): read from there, no query.
		return shipped.byUrl(ScheduleDefinitions.SHIPPED_BASE + code.get()).filter(PlanDefinition.class::isInstance)
				.map(plan -> parse((PlanDefinition) plan, request)).or(() -> VisitSchedule.byCode(code.get()));
	}

	/** The shipped schedule the study names by its visit-schedule code ({@code weeks-24}, {@code months-12}). */
	public static Optional<String> scheduleCode(ResearchStudy study) {
		if (study == null) {
			return Optional.empty();
		}
		return study.getExtensionsByUrl(TrialCodes.VISIT_SCHEDULE_EXTENSION).stream().map(Extension::getValue)
				.filter(v -> v != null && !v.isEmpty()).map(v -> v.primitiveValue()).findFirst();
	}

	/** The PlanDefinition the study's protocol references, which is its schedule when present. */
	static Optional<IdType> protocolOf(ResearchStudy study) {
		for (Reference protocol : study.getProtocol()) {
			IdType id = new IdType(protocol.getReference());
			if ("PlanDefinition".equals(id.getResourceType()) && id.hasIdPart()) {
				return Optional.of(id);
			}
		}
		return Optional.empty();
	}

	/**
	 * Refuses (400) criteria sets that report at the study's visits, asked of a study that has no schedule. A
	 * subject without a study keeps the default months-12 visits.
	 */
	public static void requireFor(List<ResponseCriteria> rules, ResearchStudy study, VisitSchedule schedule) {
		if (study != null && schedule == null && rules.stream().anyMatch(ResponseCriteria::reportsChangeFromBaseline)) {
			throw new InvalidRequestException(missing(study) + "; change-from-baseline reports at its visits");
		}
	}

	/** What a study needs for a schedule, for the 400 an operation gives when it has none. */
	public static String missing(ResearchStudy study) {
		return "Study " + study.getIdElement().toUnqualifiedVersionless().getValue() + " has no visit schedule: "
				+ "reference a Schedule of Activities PlanDefinition in ResearchStudy.protocol, or name a known "
				+ "schedule (weeks-24, months-12) with the extension " + TrialCodes.VISIT_SCHEDULE_EXTENSION;
	}

	private PlanDefinition read(IdType id, ResearchStudy study, RequestDetails request) {
		try {
			return daos.getResourceDao(PlanDefinition.class).read(id, request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw new InvalidRequestException("Study " + study.getIdElement().toUnqualifiedVersionless().getValue()
					+ " references protocol " + id.getValue() + ", which is not on this server");
		}
	}

	private VisitSchedule parse(PlanDefinition plan, RequestDetails request) {
		String key = plan.getIdElement().toUnqualified().getValue();
		VisitSchedule known = parsed.get(key);
		if (known != null) {
			return known;
		}
		try {
			VisitSchedule schedule = ScheduleDefinitions.read(plan, url -> definition(url, request));
			parsed.put(key, schedule);
			return schedule;
		} catch (IllegalArgumentException incoherent) {
			throw new UnprocessableEntityException(incoherent.getMessage());
		}
	}

	private Optional<MetadataResource> definition(String url, RequestDetails request) {
		String type = url.contains("/ActivityDefinition/") ? "ActivityDefinition" : "PlanDefinition";
		return type.equals("ActivityDefinition")
				? byUrl(ActivityDefinition.class, url, request).map(MetadataResource.class::cast)
				: byUrl(PlanDefinition.class, url, request).map(MetadataResource.class::cast);
	}

	private <T extends IBaseResource> Optional<T> byUrl(Class<T> type, String url, RequestDetails request) {
		String[] parts = url.split("\\|", 2);
		SearchParameterMap search = SearchParameterMap.newSynchronous("url", new UriParam(parts[0]));
		if (parts.length > 1) {
			search.add("version", new ca.uhn.fhir.rest.param.TokenParam(parts[1]));
		}
		// also inside writes: ScheduleWriteGuard checks a study's schedule in the transaction that stores both
		return SearchesInWrites.search(daos.getResourceDao(type), search, request).stream().findFirst();
	}
}
