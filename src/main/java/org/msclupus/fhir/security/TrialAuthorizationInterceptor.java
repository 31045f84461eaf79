package org.msclupus.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.operation.OperationCatalog;
import org.msclupus.fhir.operation.TrialOperation;
import org.msclupus.fhir.security.SmartScope.Context;
import org.msclupus.fhir.security.SmartScope.Permission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * HAPI's {@link AuthorizationInterceptor}, fed with rules built from the caller's token ({@link AccessRules}) plus
 * the operations each scope opens. Custom operations need an explicit scope on the type they act on: study-level
 * evaluation and safety summaries a user or system scope that reads ResearchStudy, a subject's evaluation one that
 * reads ResearchSubject, eligibility one that reads Patient. An operation on one subject or patient is also checked
 * against the token's patient or site.
 */
@Interceptor
public class TrialAuthorizationInterceptor extends AuthorizationInterceptor {

	private static final String RULES_KEY = TrialAuthorizationInterceptor.class.getName() + ".rules";
	private static final String SITE_OWNERS_KEY = TrialAuthorizationInterceptor.class.getName() + ".site";
	private static final List<String> TERMINOLOGY_OPERATIONS =
			List.of("$expand", "$validate-code", "$lookup", "$subsumes", "$translate");
	private static final List<String> TERMINOLOGY_TYPES = List.of("ValueSet", "CodeSystem", "ConceptMap");

	private final Callers callers;
	private final SiteRoster roster;
	private final AccessRules accessRules;
	private final DaoRegistry daos;
	private final OperationCatalog operations;

	public TrialAuthorizationInterceptor(Callers callers, SiteRoster roster, PatientCompartment compartment,
			DaoRegistry daos, OperationCatalog operations) {
		super(PolicyEnum.DENY);
		this.callers = callers;
		this.roster = roster;
		this.accessRules = new AccessRules(compartment);
		this.daos = daos;
		this.operations = operations;
	}

	/** Runs before HAPI's own checks, on the request thread where Spring Security holds the token. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
	public void bindCaller(RequestDetails request) {
		callers.bind(request);
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		// HAPI asks for the rules at every check of a request; the site's roster is read once per request.
		@SuppressWarnings("unchecked")
		List<IAuthRule> cached = (List<IAuthRule>) request.getUserData().get(RULES_KEY);
		if (cached != null) {
			return cached;
		}
		Caller caller = Callers.of(request);
		List<IAuthRule> rules = new ArrayList<>(accessRules.build(caller, patientOwners(caller),
				siteOwners(caller, request)));
		if (caller.authenticated()) {
			rules.addAll(operationRules(caller));
			rules.addAll(new RuleBuilder().denyAll("no scope of the token allows this").build());
		}
		request.getUserData().put(RULES_KEY, rules);
		return rules;
	}

	private static List<IIdType> patientOwners(Caller caller) {
		return caller.patientId() == null ? List.of() : List.of(new IdType("Patient", caller.patientId()));
	}

	/** The compartments a site-restricted caller may see, or null when the caller is not site-restricted. */
	Collection<IIdType> siteOwners(Caller caller, RequestDetails request) {
		Optional<String> site = caller.siteRestriction();
		if (site.isEmpty()) {
			return null;
		}
		@SuppressWarnings("unchecked")
		Collection<IIdType> owners = (Collection<IIdType>) request.getUserData().get(SITE_OWNERS_KEY);
		if (owners == null) {
			owners = roster.patientsOf(site.get());
			if (owners.isEmpty()) {
				// A site that has enrolled nobody may still search: it finds nothing rather than being refused.
				owners = List.of(new IdType(TrialSearchNarrowing.NO_PATIENT));
			}
			request.getUserData().put(SITE_OWNERS_KEY, owners);
		}
		return owners;
	}

	/**
	 * The trial's operations, each open to a caller who may read its resource type ({@link TrialOperation}): beyond
	 * one patient for a study-wide operation, or within the token's own compartment for a subject's or patient's.
	 */
	private List<IAuthRule> operationRules(Caller caller) {
		RuleBuilder rules = new RuleBuilder();
		for (OperationCatalog.Entry operation : operations.entries()) {
			boolean allowed = operation.onePatient() ? caller.may(operation.reads(), Permission.READ)
					: caller.mayBeyondOnePatient(operation.reads(), Permission.READ);
			if (!allowed) {
				continue;
			}
			var named = rules.allow(operation.name() + " " + operation.level().name().toLowerCase(java.util.Locale.ROOT))
					.operation().named(operation.name());
			(switch (operation.level()) {
				case SERVER -> named.onServer();
				case TYPE -> named.onType(operation.resourceType());
				case INSTANCE -> named.onInstancesOfType(operation.resourceType());
			}).andAllowAllResponses().andThen();
		}
		if (caller.may("Patient", Permission.READ)) {
			rules.allow("everything").operation().named("$everything").onInstancesOfType(Patient.class)
					.andRequireExplicitResponseAuthorization().andThen();
		}
		if (caller.scopes().stream().anyMatch(s -> s.allows(Permission.CREATE) || s.allows(Permission.UPDATE))) {
			rules.allow("validation").operation().named("$validate").atAnyLevel().andAllowAllResponses().andThen();
		}
		if (TERMINOLOGY_TYPES.stream().anyMatch(type -> caller.may(type, Permission.READ))) {
			for (String operation : TERMINOLOGY_OPERATIONS) {
				rules.allow("terminology").operation().named(operation).atAnyLevel().andAllowAllResponses()
						.andThen();
			}
		}
		if (caller.may("*", Permission.READ)) {
			rules.allow("diff").operation().named("$diff").atAnyLevel().andRequireExplicitResponseAuthorization()
					.andThen();
		}
		if (caller.sponsorWide() && caller.scopes().stream().anyMatch(s -> s.context() != Context.PATIENT
				&& s.resourceType().equals(SmartScope.ANY_TYPE) && s.allows(Permission.READ))) {
			rules.allow("bulk export").bulkExport().any().andThen();
			rules.allow("bulk export").operation().named("$export").atAnyLevel().andAllowAllResponses().andThen();
			rules.allow("bulk export status").operation().named("$export-poll-status").onServer()
					.andAllowAllResponses().andThen();
		}
		return rules.build();
	}

	/**
	 * An operation on one subject or one patient is only for a caller who may see that patient: the token's own
	 * patient, or one the caller's site enrolled.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void checkOperationTarget(RequestDetails request) {
		Caller caller = Callers.of(request);
		if (!caller.authenticated() || request.getOperation() == null || request.getId() == null
				|| !request.getId().hasIdPart()) {
			return;
		}
		String type = request.getResourceName();
		String patient;
		if ("ResearchSubject".equals(type)) {
			patient = subjectPatient(request.getId());
		} else if ("Patient".equals(type)) {
			patient = "Patient/" + request.getId().getIdPart();
		} else {
			return;
		}
		if (patient != null && !maySee(caller, type, patient, request)) {
			throw new ForbiddenOperationException("Access denied: " + type + "/" + request.getId().getIdPart()
					+ " is outside the patients this token may see");
		}
	}

	private String subjectPatient(IIdType subjectId) {
		try {
			return SiteRoster.patientOf(daos.getResourceDao(ResearchSubject.class)
					.read(subjectId.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException e) {
			return null; // the operation itself answers 404
		}
	}

	private boolean maySee(Caller caller, String type, String patient, RequestDetails request) {
		for (SmartScope scope : caller.scopes()) {
			if (!Caller.covers(scope, type) || !scope.allows(Permission.READ)) {
				continue;
			}
			if (scope.context() == Context.PATIENT) {
				if (patient.equals("Patient/" + caller.patientId())) {
					return true;
				}
			} else {
				Collection<IIdType> site = siteOwners(caller, request);
				if (site == null || site.stream().anyMatch(id -> id.getValue().equals(patient))) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	protected void handleDeny(RequestDetails request, Verdict decision) {
		String what = request.getOperation() != null ? "operation " + request.getOperation()
				: request.getRestOperationType() == null ? "this request"
				: request.getRestOperationType().getCode() + (request.getResourceName() == null ? ""
						: " on " + request.getResourceName());
		throw new ForbiddenOperationException("Access denied: the token's scopes do not allow " + what
				+ ("AuditEvent".equals(request.getResourceName()) ? " (the audit trail takes an AuditEvent scope)" : ""));
	}
}
