package dev.dealledger.axon;

import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.LedgerVerifier;
import dev.dealledger.verify.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Predicate;

/** Reads stored events as {@link StoredEvent}s, straight from the event table, for verification and export. */
public final class StoredEvents {

    private static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier,"
            + " sequence_number, payload_type, payload_revision, time_stamp, meta_data, payload";

    private StoredEvents() {}

    /**
     * Streams every event of the log in position order to {@code each} until it answers false. Run it inside a
     * transaction (auto-commit off): only then does PostgreSQL stream through a cursor instead of loading the log.
     */
    public static void inOrder(Connection c, Predicate<StoredEvent> each) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE + " ORDER BY global_index";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!each.test(row(rs))) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Runs {@code work} on one read-only REPEATABLE READ snapshot of the event store, so that the checkpoints and the
     * events it reads belong to the same moment of the log.
     */
    public static <T> T onOneSnapshot(ActiveDataSource dataSource, SnapshotWork<T> work) throws SQLException {
        try (Connection c = dataSource.connection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Work on one snapshot of the event store. */
    @FunctionalInterface
    public interface SnapshotWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Streams the events of one aggregate in sequence order to {@code each}. */
    public static void ofAggregate(Connection c, String aggregateId, Predicate<StoredEvent> each) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!each.test(row(rs))) {
                        break;
                    }
                }
            }
        }
    }

    /** The newest position in the log (0 when empty), as {@code c} sees it. */
    public static long lastPosition(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The last event of a stream at or before {@code position}: its sequence number and stored hash, for a verifier
     * that forgot its stream heads ({@link LedgerVerifier#lookUpHeadsIn}); null if the stream has none there.
     */
    public static LedgerVerifier.StreamHead lastOf(Connection c, String aggregateId, long position)
            throws SQLException {
        String sql = "SELECT sequence_number, meta_data FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ? AND global_index <= ? ORDER BY sequence_number DESC"
                + " FETCH FIRST 1 ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            ps.setLong(2, position);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new LedgerVerifier.StreamHead(rs.getLong(1), EventHash.storedHash(rs.getBytes(2)))
                        : null;
            }
        }
    }

    /** Streams the events at positions {@code from..to} (inclusive) in position order. */
    public static void between(Connection c, long from, long to, Predicate<StoredEvent> each) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE global_index BETWEEN ? AND ? ORDER BY global_index";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1_000);
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!each.test(row(rs))) {
                        break;
                    }
                }
            }
        }
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBytes(9),
                rs.getBytes(10));
    }
}
