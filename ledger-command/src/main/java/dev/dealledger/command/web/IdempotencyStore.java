package dev.dealledger.command.web;

import dev.dealledger.axon.ActiveDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Idempotency keys live in the database, next to the events they guard, so they survive restarts and hold across
 * replicas. A key is claimed by inserting its row in the same transaction that appends the events: a concurrent
 * request with the same key blocks on the primary key until the first commits, then finds the stored response.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final String TABLE = "event_store.idempotency_record";
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    ActiveDataSource dataSource;

    /** A stored answer to a request made with this key. */
    public record StoredResponse(String fingerprint, int status, String body, long version, long position) {}

    /** Thrown when another request has already claimed the key; the caller must roll back and replay. */
    public static final class KeyTakenException extends RuntimeException {
        KeyTakenException() {
            super("idempotency key already claimed", null, false, false);
        }
    }

    public Optional<StoredResponse> find(String key) {
        String sql =
                "SELECT request_fingerprint, response_status, response_body, aggregate_version, event_position FROM "
                        + TABLE + " WHERE idempotency_key = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredResponse(
                        rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read idempotency record", e);
        }
    }

    /** Must run inside the write's transaction. */
    public void claim(String key, String fingerprint) {
        String sql = "INSERT INTO " + TABLE
                + " (idempotency_key, request_fingerprint, response_status, created_at) VALUES (?, ?, 0, CURRENT_TIMESTAMP)";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setString(2, fingerprint);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new KeyTakenException();
            }
            throw new IllegalStateException("could not claim idempotency key", e);
        }
    }

    /** Must run inside the write's transaction, after the command succeeded. */
    public void complete(String key, int status, String body, long version, long position) {
        String sql = "UPDATE " + TABLE
                + " SET response_status = ?, response_body = ?, aggregate_version = ?, event_position = ?"
                + " WHERE idempotency_key = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, status);
            ps.setString(2, body);
            ps.setLong(3, version);
            ps.setLong(4, position);
            ps.setString(5, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store idempotent response", e);
        }
    }
}
