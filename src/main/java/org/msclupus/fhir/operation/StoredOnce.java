package org.msclupus.fhir.operation;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.google.common.util.concurrent.Striped;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Stores a result whose id is derived from its content ({@link ContentIds}) once: a request for content already
 * stored is answered with what is stored. On one node, requests for the same id take turns, so a second one reads
 * what the first stored (without turns, one that looked before the first committed and wrote after it would add a
 * second version). Requests on two nodes that find nothing and write at the same moment meet at the database's
 * unique key on client-assigned ids, which HAPI reports as a version conflict; the loser then reads what the winner
 * stored instead of answering 409.
 */
public final class StoredOnce {

	private static final Striped<Lock> TURNS = Striped.lazyWeakLock(64);

	/** A write lost at most this often before the conflict is let through: each loss means another stored it. */
	static final int ATTEMPTS = 3;

	private StoredOnce() {
	}

	/**
	 * @param id     the content's id
	 * @param stored reads what is stored under it; throws HAPI's not-found or gone when nothing is
	 * @param store  writes it, answering what it wrote
	 */
	public static <T> T readOrStore(String id, Supplier<T> stored, Supplier<T> store) {
		Lock turn = TURNS.get(id);
		turn.lock();
		try {
			return readOrStore(stored, store);
		} finally {
			turn.unlock();
		}
	}

	private static <T> T readOrStore(Supplier<T> stored, Supplier<T> store) {
		for (int attempt = 1;; attempt++) {
			Optional<T> found = ifStored(stored);
			if (found.isPresent()) {
				return found.get();
			}
			try {
				return store.get();
			} catch (ResourceVersionConflictException lostTheRace) {
				if (attempt == ATTEMPTS) {
					throw lostTheRace;
				}
			}
		}
	}

	private static <T> Optional<T> ifStored(Supplier<T> stored) {
		try {
			return Optional.of(stored.get());
		} catch (ResourceNotFoundException | ResourceGoneException notYetStored) {
			return Optional.empty();
		}
	}
}
