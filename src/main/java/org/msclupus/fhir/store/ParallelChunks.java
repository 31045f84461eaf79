package org.msclupus.fhir.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Works on the chunks of a read on the calling thread and on up to {@code helpers} threads of a shared pool, and
 * answers the results in chunk order. The calling thread takes chunks too, so the read never waits for a busy pool:
 * a helper that starts after every chunk is taken has nothing to do, and one that has not started when the caller
 * runs out of chunks is not waited for. A failing chunk stops the taking of further chunks; the first failure is
 * thrown once every chunk already taken has finished, so no chunk's transaction outlives the call.
 */
public final class ParallelChunks implements AutoCloseable {

	private final ExecutorService pool;
	private final int helpers;

	private ParallelChunks(ExecutorService pool, int helpers) {
		this.pool = pool;
		this.helpers = helpers;
	}

	/** With a pool of its own of {@code helpers} daemon threads, shared by every call; 0: {@link #sequential()}. */
	public static ParallelChunks withHelpers(int helpers, String threadName) {
		if (helpers < 0) {
			throw new IllegalArgumentException("helpers " + helpers);
		}
		if (helpers == 0) {
			return sequential();
		}
		AtomicInteger number = new AtomicInteger();
		return new ParallelChunks(Executors.newFixedThreadPool(helpers, task -> {
			Thread thread = new Thread(task, threadName + "-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}), helpers);
	}

	/** Works on the calling thread only. */
	public static ParallelChunks sequential() {
		return new ParallelChunks(null, 0);
	}

	/** {@code work} applied to every chunk, results in the chunks' order. */
	public <T, R> List<R> map(List<T> chunks, Function<T, R> work) {
		int n = chunks.size();
		Object[] results = new Object[n];
		AtomicInteger next = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Runnable taker = () -> {
			for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
				try {
					results[i] = work.apply(chunks.get(i));
				} catch (Throwable t) {
					failure.compareAndSet(null, t);
				}
			}
		};
		int asked = Math.min(helpers, n - 1);
		CountDownLatch helpersDone = new CountDownLatch(Math.max(asked, 0));
		AtomicBoolean[] claimed = new AtomicBoolean[Math.max(asked, 0)];
		for (int h = 0; h < asked; h++) {
			AtomicBoolean claim = claimed[h] = new AtomicBoolean();
			try {
				pool.execute(() -> {
					if (claim.compareAndSet(false, true)) {
						try {
							taker.run();
						} finally {
							helpersDone.countDown();
						}
					}
				});
			} catch (RejectedExecutionException e) {
				// The pool is shutting down: the caller takes this helper's share.
			}
		}
		taker.run();
		// Helpers still queued behind other work are released here rather than waited for.
		Arrays.stream(claimed).filter(claim -> claim.compareAndSet(false, true)).forEach(c -> helpersDone.countDown());
		awaitUninterruptibly(helpersDone);
		Throwable failed = failure.get();
		if (failed instanceof RuntimeException e) {
			throw e;
		}
		if (failed instanceof Error e) {
			throw e;
		}
		if (failed != null) {
			throw new IllegalStateException(failed);
		}
		List<R> ordered = new ArrayList<>(n);
		for (Object result : results) {
			@SuppressWarnings("unchecked")
			R typed = (R) result;
			ordered.add(typed);
		}
		return ordered;
	}

	/** Stops the helpers once the chunks they have taken are done; a later call works on its own thread. */
	@Override
	public void close() {
		if (pool != null) {
			pool.shutdown();
		}
	}

	/** A chunk already taken by a helper holds a transaction: it must end before the call does. */
	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			} catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}
}
