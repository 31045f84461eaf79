package org.msclupus.fhir.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends the same call from several clients at the same moment, as a retrying or double-clicking client does. */
public final class AtOnce {

	private AtOnce() {
	}

	/** The answers of {@code clients} calls started together, in order; the first failure is thrown. */
	public static <T> List<T> run(int clients, Callable<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> answers = new ArrayList<>();
			for (Future<T> future : futures) {
				try {
					answers.add(future.get());
				} catch (java.util.concurrent.ExecutionException e) {
					throw e.getCause() instanceof Exception cause ? cause : e;
				}
			}
			return answers;
		} finally {
			pool.shutdownNow();
		}
	}
}
