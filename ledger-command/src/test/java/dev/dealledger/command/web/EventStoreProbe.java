package dev.dealledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventStoreSchema;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the event store table directly, as an auditor would, so that the REST tests check what was durably recorded
 * and not only what the service answered. A test bean: it lives in the test sources only.
 */
@ApplicationScoped
public class EventStoreProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ActiveDataSource dataSource;

    /** One stored row: its global position, stream sequence, payload type, and payload and metadata as JSON. */
    public record StoredEvent(
            long position, long sequence, String payloadType, JsonNode payload, JsonNode metaData, String timeStamp) {

        public boolean is(Class<?> eventType) {
            return payloadType.equals(eventType.getName());
        }
    }

    /** Every event in the store, whatever its stream. */
    public long count() {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + EventStoreSchema.EVENT_TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the events", e);
        }
    }

    /** The highest position in the store (0 when it is empty). */
    public long headPosition() {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the head position", e);
        }
    }

    /** The stream of one aggregate, in sequence order. */
    public List<StoredEvent> stream(String aggregateId) {
        String sql = "SELECT global_index, sequence_number, payload_type, payload, meta_data, time_stamp FROM "
                + EventStoreSchema.EVENT_TABLE + " WHERE aggregate_identifier = ? ORDER BY sequence_number";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            JSON.readTree(rs.getBytes(4)),
                            rs.getBytes(5) == null ? JSON.nullNode() : JSON.readTree(rs.getBytes(5)),
                            rs.getString(6)));
                }
            }
            return events;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the stream of " + aggregateId, e);
        }
    }

    /** The newest event of one aggregate's stream. */
    public StoredEvent last(String aggregateId) {
        List<StoredEvent> events = stream(aggregateId);
        assertThat(events).as("events of %s", aggregateId).isNotEmpty();
        return events.get(events.size() - 1);
    }

    public long countOf(String aggregateId, Class<?> eventType) {
        return stream(aggregateId).stream().filter(e -> e.is(eventType)).count();
    }

    /** Runs the request and asserts that the event store holds exactly as many events afterwards as before. */
    public Response recordsNothing(Supplier<Response> request) {
        long before = count();
        Response response = request.get();
        assertThat(count()).as("events in the store after a refused request").isEqualTo(before);
        return response;
    }
}
