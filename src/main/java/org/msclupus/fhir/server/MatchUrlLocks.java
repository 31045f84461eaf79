package org.msclupus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.google.common.util.concurrent.Striped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds sending the same data in their own orders: two transactions each wrote the match URL of a conditional entry
 * that the other then wanted, and neither had committed. H2 does not take that for a deadlock: it re-runs the insert
 * until its lock time-out (a second), then both start over and can meet again, and racing feeds once starved a
 * transaction so through 19 attempts that its client gave up. So a conditional write (a transaction's conditional
 * creates and its updates, a conditional create or update) first waits, before its database transaction begins,
 * until no other request on this node is writing one of its URLs, and holds them until it has been answered (HAPI's
 * repeats included). The locks are striped by URL and always taken in one global order, so two requests never wait for each
 * other.
 *
 * <p>HAPI's TransactionConcurrencySemaphoreInterceptor does this for transactions, but only for an ifNoneExist
 * written with a "?", which FHIR's form (the query alone) is not, and it holds one lock over all transactions while
 * one waits. Across nodes on PostgreSQL the database waits for the row and detects deadlocks itself; these locks only
 * spare it conflicts between the requests of one node.
 */
@Interceptor
public class MatchUrlLocks {

	private static final Logger LOG = LoggerFactory.getLogger(MatchUrlLocks.class);
	private static final String HELD = MatchUrlLocks.class.getName() + ".held";
	/** Enough that two transactions of 100 conditional entries share a stripe about one time in a hundred. */
	static final int STRIPES = 1 << 20;
	/** Longer than a transaction of a few hundred validated entries takes on a loaded machine. */
	public static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private final Striped<Lock> locks = Striped.lazyWeakLock(STRIPES);
	private final Duration maxWait;

	/**
	 * @param maxWait how long a request waits for the ones writing its URLs; after that it goes ahead and the database
	 *                decides (a lost race is then repeated, {@link ConditionalWriteRetry})
	 */
	public MatchUrlLocks(Duration maxWait) {
		this.maxWait = maxWait;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void lockMatchUrls(RequestDetails request, RestOperationTypeEnum operation) throws InterruptedException {
		List<String> urls = matchUrls(request, operation);
		if (urls.isEmpty()) {
			return;
		}
		List<Lock> held = new ArrayList<>();
		request.getUserData().put(HELD, held);
		long deadline = System.nanoTime() + maxWait.toNanos();
		Set<Lock> ordered = new LinkedHashSet<>(); // bulkGet's order is the stripes' order, whatever the URLs' order
		locks.bulkGet(urls).forEach(ordered::add);
		for (Lock lock : ordered) {
			if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				LOG.warn("A write of {} match URLs waited {} for others writing the same; going ahead", urls.size(),
						maxWait);
				return;
			}
			held.add(lock);
		}
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void unlockMatchUrls(RequestDetails request) {
		@SuppressWarnings("unchecked")
		List<Lock> held = (List<Lock>) request.getUserData().remove(HELD);
		if (held != null) {
			held.forEach(Lock::unlock);
		}
	}

	/**
	 * The URLs a request writes: match URLs as their query (a transaction's ifNoneExist has no type), and a
	 * transaction's updates by id as they are (two transactions updating one resource then take turns too).
	 */
	static List<String> matchUrls(RequestDetails request, RestOperationTypeEnum operation) {
		List<String> urls = new ArrayList<>();
		if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
				if (entryRequest.getMethod() == Bundle.HTTPVerb.POST && entryRequest.hasIfNoneExist()) {
					urls.add(queryOf(entryRequest.getIfNoneExist()));
				} else if (entryRequest.getMethod() == Bundle.HTTPVerb.PUT && entryRequest.hasUrl()) {
					urls.add(queryOf(entryRequest.getUrl()));
				}
			}
		} else if (operation == RestOperationTypeEnum.CREATE
				&& request.getHeader(Constants.HEADER_IF_NONE_EXIST) != null) {
			urls.add(queryOf(request.getHeader(Constants.HEADER_IF_NONE_EXIST)));
		} else if (operation == RestOperationTypeEnum.UPDATE
				&& request.getConditionalUrl(RestOperationTypeEnum.UPDATE) != null) {
			urls.add(queryOf(request.getConditionalUrl(RestOperationTypeEnum.UPDATE)));
		}
		return urls;
	}

	/** "Observation?identifier=…" and "identifier=…" are one match URL; "Observation/1" stays as it is. */
	static String queryOf(String url) {
		int question = url.indexOf('?');
		return question < 0 ? url : url.substring(question + 1);
	}
}
