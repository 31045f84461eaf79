package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.junit.jupiter.api.Test;

class ConditionalWriteRetryTest {

	final ConditionalWriteRetry retry = new ConditionalWriteRetry();

	@Test
	void transactionsAndConditionalCreatesAreRetried() {
		SystemRequestDetails transaction = new SystemRequestDetails();
		retry.retryRacingWrites(transaction, RestOperationTypeEnum.TRANSACTION);
		assertThat(transaction.isRetry()).isTrue();
		assertThat(transaction.getMaxRetries()).isEqualTo(ConditionalWriteRetry.MAX_RETRIES);

		SystemRequestDetails conditional = new SystemRequestDetails();
		conditional.addHeader("If-None-Exist", "identifier=urn:x|1");
		retry.retryRacingWrites(conditional, RestOperationTypeEnum.CREATE);
		assertThat(conditional.isRetry()).isTrue();
	}

	/** A PUT or PATCH without If-Match sets no precondition: repeated after a lost race it applies to the winner's. */
	@Test
	void updatesByIdWithoutIfMatchAreRetried() {
		SystemRequestDetails byId = new SystemRequestDetails();
		retry.retryRacingWrites(byId, RestOperationTypeEnum.UPDATE);
		assertThat(byId.isRetry()).isTrue();
		SystemRequestDetails patch = new SystemRequestDetails();
		retry.retryRacingWrites(patch, RestOperationTypeEnum.PATCH);
		assertThat(patch.isRetry()).isTrue();
		SystemRequestDetails patchIfMatch = new SystemRequestDetails();
		patchIfMatch.addHeader("If-Match", "W/\"2\"");
		retry.retryRacingWrites(patchIfMatch, RestOperationTypeEnum.PATCH);
		assertThat(patchIfMatch.isRetry()).isFalse();
	}

	@Test
	void plainCreatesIfMatchUpdatesAndReadsAreNot() {
		SystemRequestDetails create = new SystemRequestDetails();
		retry.retryRacingWrites(create, RestOperationTypeEnum.CREATE);
		assertThat(create.isRetry()).isFalse();

		SystemRequestDetails ifMatch = new SystemRequestDetails();
		ifMatch.addHeader("If-Match", "W/\"1\"");
		retry.retryRacingWrites(ifMatch, RestOperationTypeEnum.UPDATE);
		assertThat(ifMatch.isRetry()).isFalse();

		SystemRequestDetails read = new SystemRequestDetails();
		retry.retryRacingWrites(read, RestOperationTypeEnum.READ);
		assertThat(read.isRetry()).isFalse();
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
