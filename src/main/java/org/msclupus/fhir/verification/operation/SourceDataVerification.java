package org.msclupus.fhir.verification.operation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.msclupus.fhir.design.TrialCodes;
import org.msclupus.fhir.operation.Output;
import org.msclupus.fhir.records.RecordUse;
import org.msclupus.fhir.records.SourceVerifications;
import org.msclupus.fhir.records.TimelineEntries;
import org.msclupus.fhir.records.TimelineMapper;
import org.msclupus.fhir.security.Caller;
import org.msclupus.fhir.security.Callers;
import org.msclupus.fhir.security.SiteRoster;
import org.msclupus.fhir.security.SmartScope.Permission;
import org.msclupus.fhir.store.PatientReferences;
import org.msclupus.fhir.verification.Decision;
import org.msclupus.fhir.verification.VerificationRecord;

/**
 * {@code $verify}: one person's decision about one version of a record, kept as a Provenance on that exact version
 * and, in the same transaction, in the record's verification row (ADR 0016).
 */
public class SourceDataVerification {

	/** THO provenance-participant-type: the verifier (monitor) and the performer (the site answering). */
	static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
	/** Who decided, when the token's issuer does not say: the server's own users. */
	static final String LOCAL_USERS = "urn:msc-lupus:local-user";

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final SourceVerifications verifications;
	private final RecordUse use;
	private final TimelineMapper timelines;
	private final SiteRoster roster;
	private final Clock clock;

	public SourceDataVerification(DaoRegistry daos, IHapiTransactionService transactions,
			SourceVerifications verifications, RecordUse use, TimelineMapper timelines, SiteRoster roster, Clock clock) {
		this.daos = daos;
		this.transactions = transactions;
		this.verifications = verifications;
		this.use = use;
		this.timelines = timelines;
		this.roster = roster;
		this.clock = clock;
	}

	/**
	 * Records a decision about the record's current version (or {@code version}, which must be the current one).
	 *
	 * @return the record's new state, the versioned record and the Provenance written
	 */
	public Output decide(String type, IIdType id, String decisionCode, String reason, String version,
			RequestDetails request) {
		Decision decision = Decision.ofCode(decisionCode == null ? "" : decisionCode.trim())
				.orElseThrow(() -> new InvalidRequestException("Parameter decision must be one of verified, query "
						+ "or answer; got " + (decisionCode == null ? "none" : "'" + decisionCode + "'")));
		String why = reason == null || reason.isBlank() ? null : reason.trim();
		if (decision.needsReason() && why == null) {
			throw new InvalidRequestException("Decision " + decision.code() + " needs a reason: "
					+ (decision == Decision.QUERY ? "the question to the site" : "the site's answer"));
		}
		Caller caller = Callers.of(request);
		checkRights(caller, decision);
		return transactions.withRequest(request).execute(() -> {
			IBaseResource record = daos.getResourceDao(type).read(new IdType(type, id.getIdPart()), request);
			String patient = PatientReferences.patientOf(record);
			checkSite(caller, patient);
			if (!neededByAStudy(record, patient)) {
				throw new InvalidRequestException(type + "/" + id.getIdPart() + " is not a value that a study needing"
						+ " source verification uses (its source-verification extension is none, or the record is"
						+ " no endpoint value of an endpoint-values study)");
			}
			long current = Long.parseLong(record.getIdElement().getVersionIdPart());
			if (version != null && !version.isBlank() && !version.trim().equals(Long.toString(current))) {
				throw new ResourceVersionConflictException("Version " + version.trim() + " of " + type + "/"
						+ id.getIdPart() + " is not its current version (" + current + "): decide on the current "
						+ "value, or reload it first");
			}
			String key = type + "/" + id.getIdPart();
			String versioned = key + "/_history/" + current;
			VerificationRecord before = verifications.lockedRecordOf(key);
			if (before.repeatsLastDecision(decision, current)) {
				Optional<IIdType> recorded = recordedDecision(key, versioned, decision, why, caller);
				if (recorded.isPresent()) {
					return output(before.state(current), versioned, recorded.get());
				}
			}
			before.refusal(decision, current).ifPresent(refusal -> {
				throw new InvalidRequestException("Decision " + decision.code() + " is not allowed on " + key + ": "
						+ refusal);
			});
			VerificationRecord after = before.after(decision, current, why);
			// Written with the server's rights once the caller's are checked above: a site's token may create
			// Provenance only in its patients' compartments, which a Provenance on an Observation is not. The
			// operation's own audit record names the caller and the record; the Provenance names the caller too.
			IIdType provenance = daos.getResourceDao(Provenance.class).create(
					provenance(versioned, decision, why, caller), new SystemRequestDetails()).getId().toUnqualified();
			TimelineEntries entries = timelines.entriesOf(record);
			verifications.save(key, patient, after, entries.isEmpty() ? null : entries.encode());
			return output(after.state(current), versioned, provenance);
		});
	}

	private static Output output(org.msclupus.fhir.verification.VerificationState state, String versioned,
			IIdType provenance) {
		Output out = new Output();
		out.add("state").value(Output.code(state.code()));
		out.add("resource").value(Output.ref(versioned));
		out.add("provenance").value(Output.ref(provenance.getValue()));
		return out;
	}

	/**
	 * The Provenance of the same decision on the same version by the same person with the same reason, when the
	 * caller is repeating it; empty when another person decided, or with another reason (then it is a new decision,
	 * which the record's state may refuse).
	 */
	private Optional<IIdType> recordedDecision(String key, String versioned, Decision decision, String reason,
			Caller caller) {
		Provenance expected = provenance(versioned, decision, reason, caller);
		Identifier who = expected.getAgentFirstRep().getWho().getIdentifier();
		return daos.getResourceDao(Provenance.class).search(SearchParameterMap.newSynchronous("target",
				new ReferenceParam(key)), new SystemRequestDetails()).getAllResources().stream()
				.map(Provenance.class::cast)
				.filter(p -> p.getTarget().stream().anyMatch(t -> versioned.equals(t.getReference())))
				.filter(p -> decision.code().equals(p.getActivity().getCodingFirstRep().getCode()))
				.filter(p -> java.util.Objects.equals(reason, p.hasReason() ? p.getReasonFirstRep().getText() : null))
				.filter(p -> p.getAgent().stream().anyMatch(a -> java.util.Objects.equals(who.getSystem(),
						a.getWho().getIdentifier().getSystem())
						&& java.util.Objects.equals(who.getValue(), a.getWho().getIdentifier().getValue())))
				.max(java.util.Comparator.comparing(Provenance::getRecorded))
				.map(p -> p.getIdElement().toUnqualified());
	}

	/** Verifying and querying are a sponsor-wide monitor's; answering any caller's who may record a decision. */
	private static void checkRights(Caller caller, Decision decision) {
		if (!caller.may("Provenance", Permission.CREATE)) {
			throw new ForbiddenOperationException("Access denied: recording a verification decision takes a scope "
					+ "that may create Provenance (user/Provenance.c or system/Provenance.c)");
		}
		if (decision.byMonitor() && (!caller.sponsorWide() || !caller.mayBeyondOnePatient("Provenance",
				Permission.CREATE))) {
			throw new ForbiddenOperationException("Access denied: decision " + decision.code() + " is a monitor's, "
					+ "for a token not confined to one site or patient; a site's token may only answer a query");
		}
	}

	private void checkSite(Caller caller, String patient) {
		Optional<String> site = caller.siteRestriction();
		if (site.isPresent() && (patient == null || !roster.sitesOf("Patient/" + patient).contains(site.get()))) {
			throw new ForbiddenOperationException("Access denied: the record's subject was not enrolled by "
					+ site.get());
		}
	}

	/** Whether a study one of the patient's subjects is in waits for this record's verification. */
	private boolean neededByAStudy(IBaseResource record, String patient) {
		if (patient == null) {
			return false;
		}
		SystemRequestDetails system = new SystemRequestDetails();
		for (IBaseResource found : daos.getResourceDao(ResearchSubject.class).search(
				SearchParameterMap.newSynchronous("individual", new ReferenceParam("Patient/" + patient)), system)
				.getAllResources()) {
			ResearchSubject subject = (ResearchSubject) found;
			if (!subject.getStudy().getReferenceElement().hasIdPart()) {
				continue;
			}
			try {
				ResearchStudy study = daos.getResourceDao(ResearchStudy.class).read(
						new IdType("ResearchStudy", subject.getStudy().getReferenceElement().getIdPart()), system);
				if (use.needsVerification(record, study)) {
					return true;
				}
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				// a dangling study reference asks for nothing
			}
		}
		return false;
	}

	private Provenance provenance(String target, Decision decision, String reason, Caller caller) {
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference(target));
		provenance.setRecorded(Date.from(clock.instant()));
		provenance.setActivity(new CodeableConcept(new Coding(TrialCodes.VERIFICATION_DECISION, decision.code(),
				null)));
		Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
		agent.setType(new CodeableConcept(new Coding(PARTICIPANT_TYPE, decision.agentRole(), null)));
		agent.setWho(new Reference().setIdentifier(new Identifier()
				.setSystem(caller.issuer() == null ? LOCAL_USERS : caller.issuer()).setValue(caller.subject()))
				.setDisplay(caller.subject()));
		caller.siteRestriction().ifPresent(site -> agent.setOnBehalfOf(new Reference(site)));
		if (reason != null) {
			provenance.addReason().setText(reason);
		}
		return provenance;
	}
}
