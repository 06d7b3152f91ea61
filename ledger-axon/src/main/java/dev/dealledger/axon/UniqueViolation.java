package dev.dealledger.axon;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells whether a failure is a unique-index violation (SQLState 23505): another writer stored the same aggregate
 * sequence number or id first. The services answer it as a conflict, never as a server error.
 */
public final class UniqueViolation {

    private static final String SQL_STATE = "23505";

    private UniqueViolation() {}

    /** Walks the causes and, for JDBC batches, each exception's chain of next exceptions. */
    public static boolean causes(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null && (s == sql || seen.add(s)); s = s.getNextException()) {
                    if (SQL_STATE.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
