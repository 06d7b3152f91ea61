package dev.dealledger.command.write;

import dev.dealledger.axon.ActiveDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency keys live in the database, next to the events they guard, so they survive restarts and hold across
 * replicas. A key's record is written once, with its answer, in the transaction that appends the write's events. Every
 * such transaction holds the head of the log (docs/adr/0004), so no two transactions can record the same key at once:
 * a later one finds the record and replays it.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final String TABLE = "event_store.idempotency_record";

    @Inject
    ActiveDataSource dataSource;

    /** A stored answer to a request made with this key. */
    public record StoredResponse(String fingerprint, int status, String body, long version, long committedThrough) {}

    /** A key and the answer to store under it. */
    record Record(IdempotencyKey key, StoredResponse response) {}

    /**
     * The answer stored for the key of this subject. Records kept before keys were scoped have no subject (''), and
     * answer for any subject: they were written before the rule, and refusing them would record their writes twice.
     */
    public Optional<StoredResponse> find(IdempotencyKey key) {
        // Two exact primary-key lookups, the subject's own first. Written as one lookup of subject IN (?, '') ordered
        // by subject, the plan PostgreSQL cached for it while the table was empty was a scan of every record, kept
        // until the table was analyzed again: 4-11 ms a write after a few thousand writes in the benchmark's W1, on
        // a server without autovacuum. Each branch here is one primary-key probe whatever the statistics say.
        String sql = "SELECT 0, " + COLUMNS + " FROM " + TABLE + " WHERE subject = ? AND idempotency_key = ?"
                + " UNION ALL SELECT 1, " + COLUMNS + " FROM " + TABLE + " WHERE subject = '' AND idempotency_key = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key.subject());
            ps.setString(2, key.key());
            ps.setString(3, key.key());
            StoredResponse found = null;
            int foundRank = Integer.MAX_VALUE;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int rank = rs.getInt(1);
                    if (rank < foundRank) {
                        foundRank = rank;
                        found = new StoredResponse(
                                rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getLong(6));
                    }
                }
            }
            return Optional.ofNullable(found);
        } catch (SQLException e) {
            throw new IdempotencyStoreException("could not read idempotency record", e);
        }
    }

    private static final String COLUMNS =
            "request_fingerprint, response_status, response_body, aggregate_version, event_position";

    /**
     * Stores the answers of a batch's keyed writes in one statement batch. Must run inside the batch's transaction,
     * while the log is held. The event_position column keeps the position the answer's X-Ledger-Position carries.
     */
    void record(List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + TABLE
                + " (subject, idempotency_key, request_fingerprint, response_status, response_body,"
                + " aggregate_version, event_position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (Record r : records) {
                ps.setString(1, r.key().subject());
                ps.setString(2, r.key().key());
                ps.setString(3, r.response().fingerprint());
                ps.setInt(4, r.response().status());
                ps.setString(5, r.response().body());
                ps.setLong(6, r.response().version());
                ps.setLong(7, r.response().committedThrough());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IdempotencyStoreException("could not store idempotent responses", e);
        }
    }

    /** The idempotency table could not be read or written; the cause says why. */
    static final class IdempotencyStoreException extends RuntimeException {
        IdempotencyStoreException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
