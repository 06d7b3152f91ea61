package dev.dealledger.command.web;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventStoreSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The newest event of one aggregate stream: its version, recorded instant and global position. Read inside the write's
 * own transaction, so it sees the event just appended.
 */
@ApplicationScoped
public class StreamHead {

    @Inject
    ActiveDataSource dataSource;

    public record Head(long version, Instant recordedAt, long position) {}

    /** The version of the stream, or empty when nothing is recorded under the id yet. */
    public java.util.Optional<Long> versionOf(String aggregateId) {
        String sql =
                "SELECT MAX(sequence_number) FROM " + EventStoreSchema.EVENT_TABLE + " WHERE aggregate_identifier = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long version = rs.getLong(1);
                return rs.wasNull() ? java.util.Optional.empty() : java.util.Optional.of(version);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read stream version of " + aggregateId, e);
        }
    }

    public Head of(String aggregateId) {
        String sql = "SELECT sequence_number, time_stamp, global_index FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC FETCH FIRST 1 ROWS ONLY";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no event stored for " + aggregateId + " after a successful write");
                }
                return new Head(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read stream head of " + aggregateId, e);
        }
    }
}
