package org.msclupus.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Holds, until an installer has stored the definitions it stores at start-up (the trial's profiles, terminology,
 * schedules and measures; the eligibility criteria's Libraries), the requests that read or write them: requests on
 * their resource types (terminology operations included), whole-system searches and histories, bundles with an entry
 * of those types, and writes that refer to one (the storage layer checks the target exists). A held request waits at
 * most the configured time, then is answered 503 with Retry-After. Every other request (an EHR's Observations, a
 * subject's evaluation) goes straight on: it does not read the stored copies (ADR 0035).
 */
@Interceptor
public class DefinitionsGate {

	static final int RETRY_AFTER_SECONDS = 5;

	private final DefinitionsInRepository state;
	private final Set<String> definitionTypes;
	private final FhirContext fhirContext;
	private final FhirTerser terser;
	private final Duration patience;

	/** Holds what reads or writes the resource types of {@code definitions} until {@code state} says they are stored. */
	public DefinitionsGate(DefinitionsInRepository state, ConformanceResources definitions, FhirContext fhirContext,
			Duration patience) {
		this.state = state;
		this.definitionTypes = definitions.all().stream().map(MetadataResource::fhirType).collect(Collectors.toUnmodifiableSet());
		this.fhirContext = fhirContext;
		this.terser = fhirContext.newTerser();
		this.patience = patience;
	}

	/**
	 * The hook on requests, for the REST server's own interceptors (the storage hooks here are the storage layer's,
	 * which also sees writes made inside the server).
	 */
	public Object requestHook() {
		return new RequestHook();
	}

	@Interceptor
	final class RequestHook {
		@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
		public void beforeRequest(RequestDetails request, RestOperationTypeEnum operation) {
			boolean wholeSystemRead = operation == RestOperationTypeEnum.SEARCH_SYSTEM
					|| operation == RestOperationTypeEnum.HISTORY_SYSTEM;
			String type = request.getResourceName();
			if (!state.isStored() && (wholeSystemRead || (type != null && definitionTypes.contains(type)))) {
				awaitStored();
			}
		}
	}

	/**
	 * Bundles reach the storage layer as one request: their entries are looked at here, before any is processed and
	 * before the bundle's database transaction begins.
	 */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void beforeBundle(IBaseBundle bundle, RequestDetails request) {
		if (!state.isStored() && !fromTheInstaller(request)
				&& bundle instanceof Bundle r4 && r4.getEntry().stream().anyMatch(this::namesADefinitionType)) {
			awaitStored();
		}
	}

	/**
	 * A write that refers to a definition (a ResearchStudy's protocol naming a shipped PlanDefinition): the storage
	 * layer checks that the target exists. Looked at only until the definitions are stored.
	 */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		beforeWrite(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		beforeWrite(resource, request);
	}

	private void beforeWrite(IBaseResource resource, RequestDetails request) {
		if (!state.isStored() && !fromTheInstaller(request) && touchesADefinition(resource)) {
			awaitStored();
		}
	}

	private static boolean fromTheInstaller(RequestDetails request) {
		return request != null && request.getUserData().containsKey(ConformanceInstaller.STORING_DEFINITIONS);
	}

	private boolean touchesADefinition(IBaseResource resource) {
		if (definitionTypes.contains(fhirContext.getResourceType(resource))) {
			return true;
		}
		return terser.getAllResourceReferences(resource).stream()
				.map(reference -> reference.getResourceReference().getReferenceElement().getResourceType())
				.anyMatch(type -> type != null && definitionTypes.contains(type));
	}

	private boolean namesADefinitionType(Bundle.BundleEntryComponent entry) {
		if (entry.getResource() != null && touchesADefinition(entry.getResource())) {
			return true;
		}
		String url = entry.getRequest().getUrl();
		if (url == null) {
			return false;
		}
		int end = 0;
		while (end < url.length() && Character.isLetter(url.charAt(end))) {
			end++;
		}
		return definitionTypes.contains(url.substring(0, end));
	}

	/** For operations on other types that read the definitions: returns once they are stored, else answers 503. */
	public void awaitStored() {
		if (state.isStored()) {
			return;
		}
		try {
			state.await(patience);
		} catch (DefinitionsInRepository.NotStored e) {
			throw new DefinitionsNotStoredException(e.getMessage());
		}
	}

	/** 503: the server is up, but what this request needs is not in the repository yet (or could not be stored). */
	static final class DefinitionsNotStoredException extends BaseServerResponseException {
		DefinitionsNotStoredException(String message) {
			super(503, message);
			addResponseHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
		}
	}
}
