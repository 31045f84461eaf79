package org.msclupus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class LockTimeoutsKeepConnectionsTest {

	final LockTimeoutsKeepConnections override = new LockTimeoutsKeepConnections();

	@Test
	void anH2LockTimeoutOrDeadlockKeepsItsConnection() {
		SQLException timeout = DbException.get(ErrorCode.LOCK_TIMEOUT_1, "HFJ_RES_SEARCH_URL").getSQLException();
		assertThat((Object) timeout).as("what made HikariCP evict it").isInstanceOf(SQLTimeoutException.class);
		assertThat(override.adjudicate(timeout)).isEqualTo(Override.DO_NOT_EVICT);
		assertThat(override.adjudicate(DbException.get(ErrorCode.DEADLOCK_1, "T1").getSQLException()))
				.isEqualTo(Override.DO_NOT_EVICT);
	}

	@Test
	void aPostgresDeadlockOrSerializationFailureKeepsItsConnection() {
		assertThat(override.adjudicate(new PSQLException("deadlock detected", PSQLState.DEADLOCK_DETECTED)))
				.isEqualTo(Override.DO_NOT_EVICT);
		assertThat(override.adjudicate(new PSQLException("could not serialize", PSQLState.SERIALIZATION_FAILURE)))
				.isEqualTo(Override.DO_NOT_EVICT);
	}

	@Test
	void everythingElseIsLeftToHikari() {
		assertThat(override.adjudicate(DbException.get(ErrorCode.CONNECTION_BROKEN_1, "gone").getSQLException()))
				.isEqualTo(Override.CONTINUE_EVICT);
		assertThat(override.adjudicate(new PSQLException("connection refused", PSQLState.CONNECTION_FAILURE)))
				.isEqualTo(Override.CONTINUE_EVICT);
		assertThat(override.adjudicate(new SQLTimeoutException("statement timeout", "HYT00", 50200)))
				.as("the same code from another driver").isEqualTo(Override.CONTINUE_EVICT);
	}
}
