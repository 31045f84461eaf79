package org.msclupus.fhir.server;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells HikariCP that a lock time-out or a deadlock is the transaction's problem, not the connection's. H2 reports a
 * lock time-out as a {@link java.sql.SQLTimeoutException}, which HikariCP takes for a dead connection: it closes it
 * under the transaction, whose rollback then fails and whose request ends in a 500 instead of being repeated (HAPI
 * repeats a transaction that lost a lock race, as it does one that lost a version race). The connection is fine;
 * keep it.
 */
public class LockTimeoutsKeepConnections implements SQLExceptionOverride {

	/** H2: lock time-out (LOCK_TIMEOUT_1), deadlock (DEADLOCK_1). */
	static final Set<Integer> H2_LOCK_ERRORS = Set.of(50200, 40001);

	/** PostgreSQL: lock_not_available, deadlock_detected, serialization_failure. */
	static final Set<String> POSTGRES_LOCK_STATES = Set.of("55P03", "40P01", "40001");

	@java.lang.Override
	public SQLExceptionOverride.Override adjudicate(SQLException exception) {
		return isLockConflict(exception) ? SQLExceptionOverride.Override.DO_NOT_EVICT
				: SQLExceptionOverride.Override.CONTINUE_EVICT;
	}

	static boolean isLockConflict(SQLException exception) {
		return H2_LOCK_ERRORS.contains(exception.getErrorCode()) && exception.getClass().getName().startsWith("org.h2.")
				|| POSTGRES_LOCK_STATES.contains(exception.getSQLState())
				&& exception.getClass().getName().startsWith("org.postgresql.");
	}
}
