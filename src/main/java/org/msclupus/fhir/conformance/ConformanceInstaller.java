package org.msclupus.fhir.conformance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores the trial's definitions as resources at start-up, so that clients can read {@code StructureDefinition?url=}
 * and the terminology operations ($expand, $lookup, $validate-code, $translate) work on them. Idempotent: a resource
 * that is already stored with the same content is left alone (no new version on every restart); when another node
 * stores it at the same moment, the conflict is resolved by reading what that node stored. What has to be stored is
 * written in one transaction, so a store that fails leaves none of it half-stored.
 * <p>
 * Runs on a thread of its own from before the web server opens, beside the first requests (ADR 0035): nothing on
 * the write path needs the stored copies (validation reads the definitions from the jar), and what does read or
 * write them waits for {@link DefinitionsInRepository} ({@link DefinitionsGate}).
 */
public class ConformanceInstaller implements SmartLifecycle {

	/** Marks the installer's own transaction, which the gate lets through. */
	static final String STORING_DEFINITIONS = ConformanceInstaller.class.getName() + ".storing";

	private static final Logger log = LoggerFactory.getLogger(ConformanceInstaller.class);
	private static final int ATTEMPTS = 3;
	private static final long STOP_PATIENCE_MILLIS = 30_000;

	private final ConformanceResources conformance;
	private final DaoRegistry daoRegistry;
	private final DefinitionsInRepository state;
	private final Duration retryInterval;
	private final Object stopping = new Object();
	private volatile Thread storing;
	private volatile boolean running;

	/**
	 * @param retryInterval how long the background store waits after a failure before it tries again: a node whose
	 *     store failed (the database went away for a moment) gets ready on its own rather than at its next restart
	 */
	public ConformanceInstaller(ConformanceResources conformance, DaoRegistry daoRegistry, DefinitionsInRepository state,
			Duration retryInterval) {
		this.conformance = conformance;
		this.daoRegistry = daoRegistry;
		this.state = state;
		this.retryInterval = retryInterval;
	}

	/** Starts storing the definitions on a thread of its own; {@link DefinitionsInRepository} says when it is done. */
	@Override
	public synchronized void start() {
		state.storing();
		Thread thread = new Thread(this::installUntilStored, "trial-definitions-store");
		thread.setDaemon(true);
		storing = thread;
		running = true;
		thread.start();
	}

	/**
	 * Until they are stored or the server stops. Between attempts the state says failed, so what needs the
	 * definitions is answered 503 with the cause at once rather than held.
	 */
	private void installUntilStored() {
		for (int failures = 1; running; failures++) {
			try {
				install();
				return;
			} catch (RuntimeException e) {
				String message = "Storing the trial's definitions failed (attempt {}); requests that read or write them"
						+ " are refused until a later attempt stores them, the next in {} s";
				if (failures == 1) {
					log.error(message, failures, retryInterval.toSeconds(), e);
				} else {
					log.error(message + ": {}", failures, retryInterval.toSeconds(), e.toString());
				}
				awaitRetryOrStop();
			} catch (Error e) {
				log.error("Storing the trial's definitions failed; requests that read or write them are refused", e);
				throw e;
			}
		}
	}

	private void awaitRetryOrStop() {
		long deadline = System.nanoTime() + retryInterval.toNanos();
		synchronized (stopping) {
			for (long left = retryInterval.toNanos(); running && left > 0; left = deadline - System.nanoTime()) {
				try {
					TimeUnit.NANOSECONDS.timedWait(stopping, left);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Stores what is missing or changed, here and now, and reports it stored; returns how many were stored. Callers
	 * other than {@link #start()} are tests and tools.
	 */
	public int install() {
		state.storing();
		try {
			int stored = storeWhatChanged();
			state.stored();
			return stored;
		} catch (RuntimeException | Error e) {
			state.failed(e);
			throw e;
		}
	}

	private int storeWhatChanged() {
		long started = System.nanoTime();
		int stored = 0;
		for (int attempt = 1; ; attempt++) {
			Map<String, MetadataResource> current = currentlyStored();
			try {
				List<MetadataResource> changed = conformance.all().stream()
						.filter(wanted -> !sameContent(current.get(keyOf(wanted)), wanted)).toList();
				if (!changed.isEmpty()) {
					IFhirSystemDao<Bundle, ?> system = daoRegistry.getSystemDao();
					SystemRequestDetails request = new SystemRequestDetails();
					request.getUserData().put(STORING_DEFINITIONS, Boolean.TRUE);
					system.transaction(request, transactionOf(changed));
				}
				stored = changed.size();
				break;
			} catch (RuntimeException e) {
				// Another node storing the same definitions shows up in many forms (a version conflict, a unique
				// key, HAPI refusing a second code system with the same URL and version as a 422): what they have
				// in common is that the repository changed since it was read.
				if (attempt == ATTEMPTS || !(isConflict(e) || storedMeanwhile(current, e))) {
					throw e;
				}
				log.info("Conformance resources were stored concurrently by another node; checking again");
			}
		}
		log.info("Conformance resources: {} in the repository, {} stored or updated now ({} ms)",
				conformance.all().size(), stored, (System.nanoTime() - started) / 1_000_000);
		return stored;
	}

	/**
	 * What the repository holds now under the definitions' ids, by {@link #keyOf}: one search by id per resource type
	 * rather than one read per definition (a read resolves the id and opens a transaction of its own).
	 */
	private Map<String, MetadataResource> currentlyStored() {
		Map<String, List<String>> idsByType = conformance.all().stream().collect(Collectors.groupingBy(
				MetadataResource::fhirType, LinkedHashMap::new,
				Collectors.mapping(r -> r.getIdElement().getIdPart(), Collectors.toList())));
		Map<String, MetadataResource> stored = new HashMap<>();
		idsByType.forEach((type, ids) -> {
			TokenOrListParam anyOf = new TokenOrListParam();
			ids.forEach(id -> anyOf.addOr(new TokenParam(id)));
			SearchParameterMap byId = SearchParameterMap.newSynchronous().add(IAnyResource.SP_RES_ID, anyOf);
			byId.setCount(ids.size());
			IFhirResourceDao<?> dao = daoRegistry.getResourceDao(type);
			for (IBaseResource found : dao.searchForResources(byId, new SystemRequestDetails())) {
				MetadataResource resource = (MetadataResource) found;
				stored.put(keyOf(resource), resource);
			}
		});
		return stored;
	}

	private static boolean isConflict(RuntimeException e) {
		return e instanceof ResourceVersionConflictException || e instanceof DataIntegrityViolationException;
	}

	/**
	 * Whether what the repository holds under the definitions' ids is no longer what {@code before} read. If it cannot
	 * be read either (the database is gone), no: the store's failure stands, with this one beside it.
	 */
	private boolean storedMeanwhile(Map<String, MetadataResource> before, RuntimeException failure) {
		Map<String, MetadataResource> now;
		try {
			now = currentlyStored();
		} catch (RuntimeException unreadable) {
			failure.addSuppressed(unreadable);
			return false;
		}
		return !now.keySet().equals(before.keySet()) || now.entrySet().stream().anyMatch(entry ->
				!entry.getValue().getMeta().getVersionId().equals(before.get(entry.getKey()).getMeta().getVersionId()));
	}

	private static String keyOf(MetadataResource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	private static Bundle transactionOf(List<MetadataResource> resources) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (MetadataResource resource : resources) {
			transaction.addEntry()
					.setResource(resource.copy())
					.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(keyOf(resource));
		}
		return transaction;
	}

	private static boolean sameContent(MetadataResource stored, MetadataResource wanted) {
		if (stored == null) {
			return false;
		}
		MetadataResource a = stored.copy();
		MetadataResource b = wanted.copy();
		a.setMeta(null);
		b.setMeta(null);
		a.setIdElement(null);
		b.setIdElement(null);
		a.setText(null);
		b.setText(null);
		return a.equalsDeep(b);
	}

	/** Ends the waits between attempts, and lets a store under way finish (one transaction) before the database closes. */
	@Override
	public void stop() {
		synchronized (stopping) {
			running = false;
			stopping.notifyAll();
		}
		awaitBackgroundStore(Duration.ofMillis(STOP_PATIENCE_MILLIS));
	}

	/** Waits until the store {@link #start()} began has ended; true if it has (or none was begun). */
	public boolean awaitBackgroundStore(Duration patience) {
		Thread thread = storing;
		if (thread == null) {
			return true;
		}
		try {
			thread.join(patience.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return !thread.isAlive();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// Early, so the store overlaps the rest of start-up; stopped late, after the web server.
		return Integer.MIN_VALUE + 1000;
	}
}
