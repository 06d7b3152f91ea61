package dev.dealledger.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event table (and any other table) as an auditor would read it, straight from PostgreSQL: the ground truth
 * the tests compare the clients' own counts and the read models with.
 */
public final class EventTable {

    public static final String EVENT = "dev.dealledger.api.event.";

    private final String jdbcUrl;

    public EventTable(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Every event in the store. */
    public long count() throws SQLException {
        return longValue("SELECT COUNT(*) FROM event_store.domain_event_entry");
    }

    /** Events of one type, e.g. {@code CommitmentRecordedEvent}. */
    public long count(String eventType) throws SQLException {
        return longValue(
                "SELECT COUNT(*) FROM event_store.domain_event_entry WHERE payload_type = ?", EVENT + eventType);
    }

    /** Commitment facts in the query service's read model: one per recorded or amended commitment event. */
    public long projectedCommitmentFacts() throws SQLException {
        return longValue("SELECT COUNT(*) FROM read_model.rm_commitment_fact");
    }

    /** The events the commitment fact table projects (recorded and amended commitments). */
    public long commitmentFactEvents() throws SQLException {
        return count("CommitmentRecordedEvent") + count("CommitmentAmendedEvent");
    }

    /** One row per stored event that carries an idempotency key: the key, its global position and its type. */
    public record KeyedEvent(String idempotencyKey, long position, String eventType) {}

    /** The events recorded under an {@code Idempotency-Key}, read from each event's JSON metadata (column meta_data). */
    public List<KeyedEvent> keyedEvents() throws SQLException {
        String sql = "SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey', global_index, payload_type"
                + " FROM event_store.domain_event_entry"
                + " WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' IS NOT NULL ORDER BY global_index";
        List<KeyedEvent> rows = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new KeyedEvent(
                        rs.getString(1), rs.getLong(2), rs.getString(3).substring(EVENT.length())));
            }
        }
        return rows;
    }

    /** Streams whose sequence numbers are not exactly 0..n-1: a half-written or doubled stream. */
    public long streamsWithSequenceHoles() throws SQLException {
        return longValue("SELECT COUNT(*) FROM (SELECT aggregate_identifier FROM event_store.domain_event_entry"
                + " GROUP BY aggregate_identifier"
                + " HAVING MIN(sequence_number) <> 0 OR MAX(sequence_number) <> COUNT(*) - 1) s");
    }

    /** Idempotency keys that were claimed but never completed: a write that is neither done nor undone. */
    public long unfinishedIdempotencyClaims() throws SQLException {
        return longValue("SELECT COUNT(*) FROM event_store.idempotency_record WHERE response_status = 0");
    }

    public long idempotencyRecords() throws SQLException {
        return longValue("SELECT COUNT(*) FROM event_store.idempotency_record");
    }

    public long longValue(String sql, String... parameters) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, System.getProperty("ledger.test.pg.user", "postgres"), "");
    }
}
