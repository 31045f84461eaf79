package org.msclupus.fhir.conformance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
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
 * written in one transaction, so a start that fails leaves none of it half-stored. Runs before the web server opens
 * (lifecycle phase below it).
 */
public class ConformanceInstaller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConformanceInstaller.class);
	private static final int ATTEMPTS = 3;

	private final ConformanceResources conformance;
	private final DaoRegistry daoRegistry;
	private volatile boolean running;

	public ConformanceInstaller(ConformanceResources conformance, DaoRegistry daoRegistry) {
		this.conformance = conformance;
		this.daoRegistry = daoRegistry;
	}

	@Override
	public void start() {
		long started = System.nanoTime();
		int stored = 0;
		for (int attempt = 1; ; attempt++) {
			try {
				List<MetadataResource> changed = conformance.all().stream().filter(this::notStoredAsIs).toList();
				if (!changed.isEmpty()) {
					IFhirSystemDao<Bundle, ?> system = daoRegistry.getSystemDao();
					system.transaction(new SystemRequestDetails(), transactionOf(changed));
				}
				stored = changed.size();
				break;
			} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
				if (attempt == ATTEMPTS) {
					throw e;
				}
				log.info("Conformance resources were stored concurrently by another node; checking again");
			}
		}
		log.info("Conformance resources: {} in the repository, {} stored or updated now ({} ms)",
				conformance.all().size(), stored, (System.nanoTime() - started) / 1_000_000);
		running = true;
	}

	private boolean notStoredAsIs(MetadataResource resource) {
		@SuppressWarnings("unchecked")
		IFhirResourceDao<MetadataResource> dao = daoRegistry.getResourceDao(resource.fhirType());
		MetadataResource current = readCurrent(dao, resource);
		return current == null || !sameContent(current, resource);
	}

	private static Bundle transactionOf(List<MetadataResource> resources) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (MetadataResource resource : resources) {
			String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
			transaction.addEntry()
					.setResource(resource.copy())
					.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(id);
		}
		return transaction;
	}

	private static MetadataResource readCurrent(IFhirResourceDao<MetadataResource> dao, MetadataResource resource) {
		try {
			return dao.read(resource.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	private static boolean sameContent(MetadataResource stored, MetadataResource wanted) {
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

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// Before the embedded web server starts taking requests.
		return Integer.MIN_VALUE + 1000;
	}
}
