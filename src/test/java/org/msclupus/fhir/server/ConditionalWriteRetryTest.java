package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.junit.jupiter.api.Test;

class ConditionalWriteRetryTest {

	final ConditionalWriteRetry retry = new ConditionalWriteRetry();

	/** Whether the hook has HAPI repeat a request of this kind, with the header given (name, value) if any. */
	private boolean retried(RestOperationTypeEnum operation, String... header) {
		SystemRequestDetails request = new SystemRequestDetails();
		if (header.length == 2) {
			request.addHeader(header[0], header[1]);
		}
		retry.retryRacingWrites(request, operation);
		return request.isRetry();
	}

	@Test
	void transactionsAndConditionalCreatesAreRetried() {
		SystemRequestDetails transaction = new SystemRequestDetails();
		retry.retryRacingWrites(transaction, RestOperationTypeEnum.TRANSACTION);
		assertThat(transaction.isRetry()).isTrue();
		assertThat(transaction.getMaxRetries()).isEqualTo(ConditionalWriteRetry.MAX_RETRIES);
		assertThat(retried(RestOperationTypeEnum.CREATE, "If-None-Exist", "identifier=urn:x|1")).isTrue();
	}

	/** A PUT or PATCH without If-Match sets no precondition: repeated after a lost race it applies to the winner's. */
	@Test
	void updatesByIdWithoutIfMatchAreRetried() {
		assertThat(retried(RestOperationTypeEnum.UPDATE)).isTrue();
		assertThat(retried(RestOperationTypeEnum.PATCH)).isTrue();
		assertThat(retried(RestOperationTypeEnum.PATCH, "If-Match", "W/\"2\"")).isFalse();
	}

	@Test
	void plainCreatesIfMatchUpdatesAndReadsAreNot() {
		assertThat(retried(RestOperationTypeEnum.CREATE)).isFalse();
		assertThat(retried(RestOperationTypeEnum.UPDATE, "If-Match", "W/\"1\"")).isFalse();
		assertThat(retried(RestOperationTypeEnum.READ)).isFalse();
	}

	@Test
	void aClientsOwnRetryHeaderIsLeftAsItIs() {
		SystemRequestDetails asked = new SystemRequestDetails();
		asked.setRetry(true);
		asked.setMaxRetries(3);
		retry.retryRacingWrites(asked, RestOperationTypeEnum.TRANSACTION);
		assertThat(asked.getMaxRetries()).isEqualTo(3);
	}
}
