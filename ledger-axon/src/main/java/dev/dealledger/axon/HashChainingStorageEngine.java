package dev.dealledger.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.event.MetadataKeys;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Adds the {@link HashChain} to every domain event on its way into the store: the event's metadata gains its own hash
 * and its predecessor's. The predecessor is the previous event of the same aggregate, earlier in the same append or
 * the newest one already stored (read in the appending transaction, under the aggregate's sequence-number
 * uniqueness, so two writers can never both chain onto the same event).
 */
public class HashChainingStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final ActiveDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public HashChainingStorageEngine(EventStorageEngine delegate, Serializer serializer, ActiveDataSource dataSource) {
        this.delegate = delegate;
        this.serializer = serializer;
        this.dataSource = dataSource;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, String> lastHashes = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain) {
                String aggregateId = domain.getAggregateIdentifier();
                String previous = lastHashes.computeIfAbsent(aggregateId, this::storedHeadHash);
                String hash = hashOf(domain, previous);
                lastHashes.put(aggregateId, hash);
                chained.add(domain.andMetaData(Map.of(HashChain.HASH, hash, HashChain.PREVIOUS_HASH, previous)));
            } else {
                chained.add(event);
            }
        }
        delegate.appendEvents(chained);
    }

    private String hashOf(DomainEventMessage<?> event, String previous) {
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        Object actor = event.getMetaData().get(MetadataKeys.ACTOR);
        return HashChain.hash(
                previous,
                event.getAggregateIdentifier(),
                event.getSequenceNumber(),
                payload.getType().getName(),
                revision == null ? null : revision.value(),
                effectiveDate(payload.getData()),
                DateTimeUtils.formatInstant(event.getTimestamp()),
                actor == null ? null : actor.toString(),
                payload.getData());
    }

    private String effectiveDate(byte[] payload) {
        try {
            JsonNode date = json.readTree(payload).get("effectiveDate");
            return date == null || date.isNull() ? null : date.asText();
        } catch (IOException e) {
            throw new IllegalStateException("payload is not JSON", e);
        }
    }

    /** The hash of the newest stored event of the aggregate, or the genesis value for a new aggregate. */
    private String storedHeadHash(String aggregateId) {
        String sql = "SELECT meta_data FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC FETCH FIRST 1 ROWS ONLY";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return HashChain.GENESIS;
                }
                JsonNode hash = json.readTree(rs.getBytes(1)).get(HashChain.HASH);
                return hash == null ? HashChain.GENESIS : hash.asText();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the chain head of " + aggregateId, e);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
