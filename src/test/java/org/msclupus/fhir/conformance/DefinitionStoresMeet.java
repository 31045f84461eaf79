package org.msclupus.fhir.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.context.annotation.Bean;

/**
 * Makes two nodes started in one JVM store the trial's definitions into one database in the order that a real
 * deployment of two nodes at once can take: both read the repository and find the definitions missing and begin to
 * store them; one commits while the other, having looked up the definitions' ids and found none, is about to create
 * the first. Add {@link InEachNode} to each node's sources; the nodes meet in this JVM-wide barrier.
 */
public class DefinitionStoresMeet {

	private static final CyclicBarrier BOTH_HAVE_READ = new CyclicBarrier(2);
	private static final long PATIENCE_MILLIS = 120_000;
	private static final String WAIT_FOR = DefinitionStoresMeet.class.getName() + ".waitFor";

	private final DaoRegistry daos;
	private final AtomicBoolean met = new AtomicBoolean();

	DefinitionStoresMeet(DaoRegistry daos) {
		this.daos = daos;
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void beforeBundle(IBaseBundle bundle, RequestDetails request) throws Exception {
		// The trial's definitions, not the eligibility Libraries (one entry), which the same installer stores.
		if (!(bundle instanceof Bundle definitions) || definitions.getEntry().size() < 2
				|| !request.getUserData().containsKey(ConformanceInstaller.STORING_DEFINITIONS)
				|| !met.compareAndSet(false, true)) {
			return;
		}
		boolean lastToRead = BOTH_HAVE_READ.await(PATIENCE_MILLIS, TimeUnit.MILLISECONDS) == 0;
		if (!lastToRead) {
			request.getUserData().put(WAIT_FOR, new IdType(definitions.getEntryFirstRep().getRequest().getUrl()));
		}
	}

	/**
	 * The slower node has looked up the bundle's ids (none found) and is about to create the first: only now does
	 * the other node's store commit.
	 */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(RequestDetails request) throws Exception {
		if (request != null && request.getUserData().remove(WAIT_FOR) instanceof IdType first) {
			long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
			// Read on a thread of its own: a transaction of its own, which sees what the other node committed.
			while (!CompletableFuture.supplyAsync(() -> exists(first)).get()) {
				if (System.currentTimeMillis() > deadline) {
					throw new IllegalStateException("the other node never stored " + first);
				}
				Thread.sleep(100);
			}
		}
	}

	private boolean exists(IdType id) {
		try {
			daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException notYet) {
			return false;
		}
	}

	/** Not a {@code @Configuration}: the application's component scan must not put it into every test's context. */
	public static class InEachNode {
		@Bean
		DefinitionStoresMeet definitionStoresMeet(IInterceptorService interceptors, DaoRegistry daos) {
			DefinitionStoresMeet meet = new DefinitionStoresMeet(daos);
			interceptors.registerInterceptor(meet);
			return meet;
		}
	}
}
