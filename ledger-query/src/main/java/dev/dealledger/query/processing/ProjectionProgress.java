package dev.dealledger.query.processing;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.axon.StoredEvents;
import dev.dealledger.query.projection.LedgerProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * How far the read models have come, across every segment, including segments that other replicas own. A position is
 * covered when every segment's token covers it: for segments this instance processes, the in-memory status (which also
 * advances over events of other segments); for the others, the token stored in the shared token store.
 */
@ApplicationScoped
public class ProjectionProgress {

    @Inject
    ActiveDataSource dataSource;

    @Inject
    QueryAxonConfiguration axon;

    public boolean covers(long position) {
        return covers(currentTokens(), position);
    }

    private static boolean covers(Map<Integer, TrackingToken> tokens, long position) {
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens.values()) {
            if (token == null || !token.covers(target(token, position))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The position as a token that shares the segment's gaps below it. A gap is a global index the processor passed
     * without an event. Since the ordered log (docs/adr/0004) a rollback gives its positions back to the next
     * appender and transactions commit in position order, so the log itself has none; rows appended before it (from
     * the old identity sequence, where a refused write left a position behind for good) can. A position is reached
     * when the token is at or past it and it is not itself a gap; a gap below it must not hold read-your-writes back,
     * or one refused write of that era would make every later read wait out its bound.
     */
    private static GapAwareTrackingToken target(TrackingToken token, long position) {
        SortedSet<Long> gaps = WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .map(t -> t.getGaps().headSet(position))
                .orElse(Collections.emptySortedSet());
        return GapAwareTrackingToken.newInstance(position, gaps);
    }

    /** The lowest position every segment has reached, or empty before the processor has stored any token. */
    public OptionalLong lowestPosition() {
        return lowestOf(currentTokens());
    }

    /** The newest global position in the event store (0 when empty). */
    public long headPosition() {
        try (Connection c = dataSource.connection()) {
            return StoredEvents.lastPosition(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store head", e);
        }
    }

    /**
     * How far the read models hold settled knowledge (docs/domain.md, "Settled knowledge"), read from one set of
     * tokens.
     *
     * @param settled the newest instant K such that every fact recorded by K is projected: the instant of the log's
     *     head when the read models cover it, else one microsecond before the first fact they do not cover; null while
     *     nothing is recorded
     * @param caughtUp whether the read models cover the log's head as it stood when this was read
     * @param head the recorded instant of the log's head then, null while nothing is recorded: an instant the ledger
     *     has already recorded, whatever the clock of this service says
     */
    public record Frontier(Instant settled, boolean caughtUp, Instant head, Map<Integer, TrackingToken> tokens) {

        /** Whether every segment had reached {@code position} when this was read, as {@link ProjectionProgress#covers} says. */
        public boolean covers(long position) {
            return ProjectionProgress.covers(tokens, position);
        }
    }

    /**
     * The frontier now. Recorded instants ascend with positions, the facts of one transaction share one, and every
     * later transaction takes a strictly later one (docs/adr/0004): so once every position up to P is projected, so is
     * every fact recorded before the instant of position P + 1, and nothing recorded later can take an instant at or
     * before the head's. The head and the instant after P come from one statement, so from one snapshot.
     */
    public Frontier frontier() {
        Map<Integer, TrackingToken> tokens = currentTokens();
        long covered = lowestOf(tokens).orElse(0);
        String table = EventStoreSchema.EVENT_TABLE;
        String sql = "SELECT h.global_index, h.time_stamp, (SELECT n.time_stamp FROM " + table
                + " n WHERE n.global_index > ? ORDER BY n.global_index FETCH FIRST 1 ROWS ONLY) FROM " + table
                + " h WHERE h.global_index = (SELECT MAX(global_index) FROM " + table + ")";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, covered);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Frontier(null, true, null, tokens);
                }
                long head = rs.getLong(1);
                Instant headAt = Instant.parse(rs.getString(2));
                if (covered >= head) {
                    return new Frontier(headAt, true, headAt, tokens);
                }
                String next = rs.getString(3);
                return new Frontier(
                        next == null ? null : Instant.parse(next).minus(1, ChronoUnit.MICROS), false, headAt, tokens);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store head", e);
        }
    }

    /** The recorded instant of the fact at {@code position}, or null when the log holds none there. */
    public Instant recordedAt(long position) {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT time_stamp FROM " + EventStoreSchema.EVENT_TABLE + " WHERE global_index = ?")) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Instant.parse(rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store", e);
        }
    }

    private Map<Integer, TrackingToken> currentTokens() {
        Map<Integer, TrackingToken> tokens = storedTokens();
        Map<Integer, EventTrackerStatus> local = axon.processor().processingStatus();
        local.forEach((segment, status) -> {
            if (status.getTrackingToken() != null) {
                tokens.put(segment, status.getTrackingToken());
            }
        });
        return tokens;
    }

    private Map<Integer, TrackingToken> storedTokens() {
        try (Connection c = dataSource.connection()) {
            return storedTokens(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the token store", e);
        }
    }

    /**
     * The lowest position every segment's stored token has reached, read on {@code c}: in a transaction's snapshot,
     * these tokens and the read-model rows they cover are those of one moment, as they commit together. Empty before
     * the processor has stored any token.
     */
    public OptionalLong lowestStoredPosition(Connection c) throws SQLException {
        return lowestOf(storedTokens(c));
    }

    /** The lowest position of {@code tokens}: 0 for a segment without one, empty when there are none. */
    private static OptionalLong lowestOf(Map<Integer, TrackingToken> tokens) {
        if (tokens.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens.values()) {
            if (token == null) {
                return OptionalLong.of(0);
            }
            lowest = Math.min(lowest, token.position().orElse(0));
        }
        return OptionalLong.of(lowest);
    }

    private Map<Integer, TrackingToken> storedTokens(Connection c) throws SQLException {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        String sql = "SELECT segment, token, token_type FROM " + QueryAxonConfiguration.TOKEN_TABLE
                + " WHERE processor_name = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, LedgerProjection.PROCESSING_GROUP);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes(2);
                    String type = rs.getString(3);
                    TrackingToken token = bytes == null || type == null
                            ? null
                            : axon.serializer()
                                    .deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                    tokens.put(rs.getInt(1), token);
                }
            }
        }
        return tokens;
    }
}
