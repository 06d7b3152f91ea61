package dev.dealledger.axon;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells whether a failure means the database cannot be reached right now (both services answer it with 503 and
 * {@code Retry-After}), rather than a fault in the request or the service.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    /**
     * Walks the causes and the suppressed exceptions: when the connection breaks at commit, Narayana reports a
     * RollbackException whose reason (the driver's I/O error) is only attached as a suppressed XAException.
     */
    public static boolean causes(Throwable e) {
        return causes(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean causes(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed, or still starting up.
        if (t instanceof SQLException sql
                && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
            return true;
        }
        if (t.getClass().getName().contains("AgroalException") || t instanceof ConnectException) {
            return true;
        }
        // The pool gave up waiting for a connection.
        if (t.getMessage() != null && t.getMessage().contains("Acquisition timeout")) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (causes(suppressed, seen)) {
                return true;
            }
        }
        return causes(t.getCause(), seen);
    }
}
