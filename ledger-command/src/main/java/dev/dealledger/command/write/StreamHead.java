package dev.dealledger.command.write;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventStoreSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads of the stored log that the write path needs besides what its own appends tell it. */
@ApplicationScoped
public class StreamHead {

    @Inject
    ActiveDataSource dataSource;

    /** The newest stored event of one stream: the receipt of a write that appended nothing. */
    public record Head(long version, Instant recordedAt, long position) {}

    Head of(String aggregateId) {
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

    /**
     * The streams appended to at positions after {@code position}, at most {@code limit} of them (null when there are
     * more): what another replica changed since this one last held the log.
     */
    List<String> streamsAppendedAfter(long position, int limit) {
        String sql = "SELECT DISTINCT aggregate_identifier FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE global_index > ? FETCH FIRST " + (limit + 1) + " ROWS ONLY";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids.size() > limit ? null : ids;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the streams appended after position " + position, e);
        }
    }
}
