package org.msclupus.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Interface engines push the same data in parallel: two identical conditional creates race, and the one that loses
 * finds the other's row under the same match URL only after it commits, a version conflict that HAPI answers 409.
 * Conditional create promises the existing resource instead (200). This interceptor has HAPI retry such writes on
 * the server (its STORAGE_VERSION_CONFLICT retry, as {@code X-Retry-On-Version-Conflict} asks for it), so the second
 * attempt finds the winner: transactions and batches (atomic, so repeating one is safe), conditional creates, and
 * updates and patches by match URL or by id (two feeds PUT the same new resource by its id at once: the loser's
 * retry updates the winner's; two write the same resource at once: the loser's applies to the winner's version). A client's own {@code X-Retry-On-Version-Conflict} header still decides for its request; If-Match
 * updates are never retried, their 409/412 is the answer the client asked for.
 */
@Interceptor
public class ConditionalWriteRetry {

	/**
	 * Enough for eight clients racing, each sending the same data in its own order: such a transaction can lose to a
	 * different one on a different entry at each attempt, and 10 ran out once in a loaded full test run (a 409). Each
	 * retry waits a random time up to 250 ms times the attempt (HAPI's back-off), so 20 attempts wait about 26 s at
	 * the very most on average; a race is usually over in two or three.
	 */
	static final int MAX_RETRIES = 20;

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void retryRacingWrites(RequestDetails request, RestOperationTypeEnum operation) {
		if (request.isRetry() || !isSafeToRepeat(request, operation)) {
			return;
		}
		request.setRetry(true);
		request.setMaxRetries(MAX_RETRIES);
	}

	/** Whether repeating the write after a lost race does what the client asked: no precondition of its own. */
	static boolean isSafeToRepeat(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == null) {
			return false;
		}
		return switch (operation) {
			case TRANSACTION -> true;
			case CREATE -> request.getHeader(Constants.HEADER_IF_NONE_EXIST) != null;
			// by match URL or by id: without If-Match the client set no precondition, so a retry that finds the
			// winner's resource (created at the same moment under the same id) updates it, as the PUT asked
			case UPDATE, PATCH -> request.getHeader(Constants.HEADER_IF_MATCH) == null;
			default -> false;
		};
	}
}
