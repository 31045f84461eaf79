package org.msclupus.fhir.conformance;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the trial's definitions are in the repository yet. They are stored beside the first requests rather than
 * before the server opens (ADR 0035), so what reads or writes them waits here until they are. Plain state: the
 * installer reports to it, the request gate and the readiness check ask it.
 */
public final class DefinitionsInRepository {

	/** Why a caller cannot go on: the definitions are still being stored, or storing them failed. */
	public static final class NotStored extends Exception {
		private final boolean failed;

		NotStored(String message, Throwable cause, boolean failed) {
			super(message, cause);
			this.failed = failed;
		}

		/** True when storing them failed (the server tries again by itself); false when they were still being stored. */
		public boolean failed() {
			return failed;
		}
	}

	private volatile CompletableFuture<Void> stored = new CompletableFuture<>();

	/** A store begins: callers wait from now until it ends (unless one is already under way). */
	public synchronized void storing() {
		if (stored.isDone()) {
			stored = new CompletableFuture<>();
		}
	}

	public synchronized void stored() {
		stored.complete(null);
	}

	public synchronized void failed(Throwable cause) {
		stored.completeExceptionally(cause);
	}

	public boolean isStored() {
		CompletableFuture<Void> current = stored;
		return current.isDone() && !current.isCompletedExceptionally();
	}

	/** Why storing them failed, if the last store failed. */
	public Optional<Throwable> failure() {
		CompletableFuture<Void> current = stored;
		if (!current.isCompletedExceptionally()) {
			return Optional.empty();
		}
		try {
			current.join();
			return Optional.empty();
		} catch (RuntimeException e) {
			return Optional.of(e.getCause() != null ? e.getCause() : e);
		}
	}

	/** Returns once the definitions are stored; waits at most {@code patience}. */
	public void await(Duration patience) throws NotStored {
		CompletableFuture<Void> current = stored;
		if (current.isDone() && !current.isCompletedExceptionally()) {
			return;
		}
		try {
			current.get(patience.toMillis(), TimeUnit.MILLISECONDS);
		} catch (TimeoutException e) {
			throw new NotStored("The trial's definitions are still being stored (waited " + patience.toSeconds()
					+ " s); try again shortly", null, false);
		} catch (ExecutionException | CancellationException e) {
			Throwable cause = e.getCause() != null ? e.getCause() : e;
			throw new NotStored("Storing the trial's definitions failed at start-up: " + cause.getMessage()
					+ " (see the server log; the server tries again by itself)", cause, true);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new NotStored("Interrupted while waiting for the trial's definitions to be stored", e, false);
		}
	}
}
