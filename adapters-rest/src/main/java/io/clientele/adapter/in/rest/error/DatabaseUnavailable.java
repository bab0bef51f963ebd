package io.clientele.adapter.in.rest.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Decides whether a failure means "the database can't be reached right now" (answer 503 + Retry-After: the client
 * should come back) rather than a bug (500). The REST adapter may not see the persistence adapter's types, and the
 * stores wrap JDBC errors in their own exceptions, so this looks down the cause chain for JDBC's standard connection
 * exceptions, SQLSTATE class 08 (connection exception), and - by name, to keep Micronaut Data off this module's
 * compile path - Micronaut's "could not get a connection / could not begin a transaction" exceptions.
 */
public final class DatabaseUnavailable {

    /**
     * Raised when no connection can be had (pool exhausted or database down), even without a JDBC cause. Exact
     * names: ConnectionException's subclass NoConnectionException means "no connection bound here", a bug.
     */
    private static final Set<String> CONNECTION_FAILURE_TYPES = Set.of(
            "io.micronaut.data.connection.exceptions.ConnectionException",
            "io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException",
            "io.micronaut.transaction.exceptions.CannotCreateTransactionException");
    /** Bounds the walk: a cause chain this long is a bug elsewhere, not a reason to loop. */
    private static final int MAX_DEPTH = 64;

    private DatabaseUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH && seen.add(current); depth++) {
            if (isConnectionFailure(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable failure) {
        // Hikari's "Connection is not available, request timed out" is an SQLTransientConnectionException;
        // a refused or dropped socket is an SQLNonTransientConnectionException or (MySQL Connector/J's
        // CommunicationsException) an SQLRecoverableException
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return true;
        }
        return CONNECTION_FAILURE_TYPES.contains(failure.getClass().getName());
    }
}
