package dev.dealledger.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.event.MetadataKeys;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes the {@link HashChain} of stored events straight from the event table, trusting nothing but the rows.
 * Reports the first event of an aggregate whose stored content no longer matches its hash, or whose predecessor link is
 * broken.
 */
public final class ChainVerifier {

    private final ActiveDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public ChainVerifier(ActiveDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The outcome for one aggregate: how many events were checked, and the first broken one if any. */
    public record Result(String aggregateId, long eventsChecked, Optional<Broken> firstBroken) {
        public boolean ok() {
            return firstBroken.isEmpty();
        }
    }

    /** The first event whose hash does not verify, and why. */
    public record Broken(long position, long sequenceNumber, String reason) {}

    public Result verify(String aggregateId) {
        String sql = "SELECT global_index, sequence_number, payload_type, payload_revision, time_stamp, meta_data,"
                + " payload FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                return verifyRows(aggregateId, rs);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not verify " + aggregateId, e);
        }
    }

    private Result verifyRows(String aggregateId, ResultSet rs) throws SQLException, IOException {
        String previous = HashChain.GENESIS;
        long checked = 0;
        long expectedSequence = 0;
        while (rs.next()) {
            long position = rs.getLong(1);
            long sequence = rs.getLong(2);
            checked++;
            if (sequence != expectedSequence) {
                return broken(aggregateId, checked, position, sequence, "sequence gap: expected " + expectedSequence);
            }
            expectedSequence++;
            JsonNode meta = json.readTree(rs.getBytes(6));
            String storedHash = text(meta, HashChain.HASH);
            String storedPrevious = text(meta, HashChain.PREVIOUS_HASH);
            if (storedHash == null) {
                return broken(aggregateId, checked, position, sequence, "event carries no hash");
            }
            if (!previous.equals(storedPrevious)) {
                return broken(aggregateId, checked, position, sequence, "link to the previous event is broken");
            }
            byte[] payload = rs.getBytes(7);
            String effectiveDate;
            try {
                effectiveDate = text(json.readTree(payload), "effectiveDate");
            } catch (IOException e) {
                return broken(aggregateId, checked, position, sequence, "payload is not valid JSON");
            }
            String recomputed = HashChain.hash(
                    previous,
                    aggregateId,
                    sequence,
                    rs.getString(3),
                    rs.getString(4),
                    effectiveDate,
                    rs.getString(5),
                    text(meta, MetadataKeys.ACTOR),
                    payload);
            if (!recomputed.equals(storedHash)) {
                return broken(aggregateId, checked, position, sequence, "content does not match its hash");
            }
            previous = storedHash;
        }
        return new Result(aggregateId, checked, Optional.empty());
    }

    /** Every aggregate whose chain is broken. */
    public List<Result> verifyAll() {
        List<String> aggregates = new ArrayList<>();
        String sql = "SELECT DISTINCT aggregate_identifier FROM " + EventStoreSchema.EVENT_TABLE
                + " ORDER BY aggregate_identifier";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                aggregates.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list aggregates", e);
        }
        List<Result> broken = new ArrayList<>();
        for (String aggregate : aggregates) {
            Result result = verify(aggregate);
            if (!result.ok()) {
                broken.add(result);
            }
        }
        return broken;
    }

    private static Result broken(String aggregateId, long checked, long position, long sequence, String reason) {
        return new Result(aggregateId, checked, Optional.of(new Broken(position, sequence, reason)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
