package dev.dealledger.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.StoredEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * The ledger's append path (docs/adr/0004). Every domain event is placed on the {@link OrderedLog}: it gets the next
 * position and the holding transaction's recorded instant, and its metadata gains the {@link EventHash} link (its own
 * hash and its predecessor's) and, through {@link OrderedLog.Held#hashed}, a place in the transaction's signed
 * checkpoint. The predecessor is the previous event of the same aggregate, earlier in the same
 * transaction or the newest one stored; while the log is held no other writer can append, so no two events chain onto
 * the same one. The rows are inserted here, with explicit positions and instants, instead of by Axon's engine, which
 * leaves both to the identity column and the clock of whoever builds the message. Reading stays with Axon.
 */
public class HashChainingStorageEngine implements EventStorageEngine {

    private static final Logger LOG = Logger.getLogger(HashChainingStorageEngine.class);

    private static final String INSERT = "INSERT INTO " + EventStoreSchema.EVENT_TABLE
            + " (global_index, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,"
            + " aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final ActiveDataSource dataSource;
    private final OrderedLog log;
    private final SnapshotSeal snapshotSeal;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * The hash of each aggregate's newest committed event, as this process committed it. Used only for the event right
     * after it (sequence + 1), whose predecessor can then be nothing else: a stored sequence number is never replaced,
     * and entries are added only after their transaction committed. It saves reading the head back from the table for
     * every append (docs/benchmarks.md, "Write path"); any other case reads it.
     */
    private final Map<String, ChainHead> committedHeads =
            Caffeine.newBuilder().maximumSize(10_000).<String, ChainHead>build().asMap();

    private record ChainHead(long sequenceNumber, String hash) {}

    /**
     * @param snapshotSeal seals the snapshots this engine stores and admits only sealed ones when it reads them; see
     *     {@link SnapshotSeal}
     */
    public HashChainingStorageEngine(
            EventStorageEngine delegate,
            Serializer serializer,
            ActiveDataSource dataSource,
            OrderedLog log,
            SnapshotSeal snapshotSeal) {
        this.delegate = delegate;
        this.serializer = serializer;
        this.dataSource = dataSource;
        this.log = log;
        this.snapshotSeal = Objects.requireNonNull(snapshotSeal, "snapshotSeal");
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        OrderedLog.Held held = log.hold();
        String recordedAt = OrderedLog.format(held.recordedAt());
        Map<String, ChainHead> newHeads = new HashMap<>();
        try (Connection c = dataSource.connection();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (EventMessage<?> event : events) {
                if (!(event instanceof DomainEventMessage<?> domain)) {
                    throw new IllegalArgumentException("the ledger stores only domain events, not "
                            + event.getPayloadType().getName() + ": every fact belongs to an aggregate");
                }
                String aggregateId = domain.getAggregateIdentifier();
                SerializedObject<byte[]> payload = domain.serializePayload(serializer, byte[].class);
                String previous = previousHash(held, aggregateId, domain.getSequenceNumber());
                long position = log.place(held, aggregateId, domain.getSequenceNumber());
                StoredEvent row = new StoredEvent(
                        position,
                        domain.getIdentifier(),
                        domain.getType(),
                        aggregateId,
                        domain.getSequenceNumber(),
                        payload.getType().getName(),
                        payload.getType().getRevision(),
                        recordedAt,
                        null,
                        payload.getData());
                // The hash covers the metadata exactly as stored: serialized once, hashed, stored with the hash added.
                ObjectNode metaData = (ObjectNode) json.readTree(
                        serializer.serialize(domain.getMetaData(), byte[].class).getData());
                String hash = EventHash.chain(metaData, row, previous);
                held.chained(aggregateId, domain.getSequenceNumber(), hash);
                held.hashed(position, hash);
                newHeads.put(aggregateId, new ChainHead(domain.getSequenceNumber(), hash));
                insert.setLong(1, position);
                insert.setString(2, domain.getIdentifier());
                insert.setBytes(3, json.writeValueAsBytes(metaData));
                insert.setBytes(4, payload.getData());
                insert.setString(5, payload.getType().getRevision());
                insert.setString(6, payload.getType().getName());
                insert.setString(7, recordedAt);
                insert.setString(8, aggregateId);
                insert.setLong(9, domain.getSequenceNumber());
                insert.setString(10, domain.getType());
                insert.addBatch();
            }
            insert.executeBatch();
            held.onCommit(() -> committedHeads.putAll(newHeads));
        } catch (SQLException e) {
            if (UniqueViolation.causes(e)) {
                // Another writer took this aggregate's sequence number: the caller evaluates the command again.
                throw new ConcurrencyException("an event with the same aggregate sequence number is already stored", e);
            }
            throw new EventStoreException("could not append " + events.size() + " event(s) to the log", e);
        } catch (IOException e) {
            throw new EventStoreException("could not write the metadata of an event as JSON", e);
        }
    }

    /** The hash the event with {@code sequenceNumber} chains to: this transaction's, this process's or the table's. */
    private String previousHash(OrderedLog.Held held, String aggregateId, long sequenceNumber) {
        String inThisTransaction = held.chainHash(aggregateId, sequenceNumber - 1);
        if (inThisTransaction != null) {
            return inThisTransaction;
        }
        ChainHead committed = committedHeads.get(aggregateId);
        if (committed != null && committed.sequenceNumber() == sequenceNumber - 1) {
            return committed.hash();
        }
        return storedHeadHash(aggregateId);
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
                    return EventHash.GENESIS;
                }
                JsonNode hash = json.readTree(rs.getBytes(1)).get(EventHash.HASH);
                return hash == null ? EventHash.GENESIS : hash.asText();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the chain head of " + aggregateId, e);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshotSeal.seal(snapshot));
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    /**
     * The aggregate's snapshot only if this service sealed exactly what is stored; otherwise none, and Axon rebuilds the
     * aggregate from its events, which the hash chain and the signed checkpoints cover. A snapshot replaced between the
     * two reads below does not match its row and is ignored the same way: the answer is then slower, never wrong.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = delegate.readSnapshot(aggregateIdentifier);
        if (snapshot.isEmpty() || sealed(aggregateIdentifier, snapshot.get().getSequenceNumber())) {
            return snapshot;
        }
        LOG.warnf(
                "the snapshot of %s at sequence %d is not sealed by this ledger's key; rebuilding it from its events",
                aggregateIdentifier, snapshot.get().getSequenceNumber());
        return Optional.empty();
    }

    private boolean sealed(String aggregateId, long sequenceNumber) {
        String sql = "SELECT type, payload_type, payload, meta_data FROM " + EventStoreSchema.SNAPSHOT_TABLE
                + " WHERE aggregate_identifier = ? AND sequence_number = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            ps.setLong(2, sequenceNumber);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                byte[] metaData = rs.getBytes(4);
                JsonNode seal =
                        metaData == null ? null : json.readTree(metaData).get(SnapshotSeal.SEAL);
                return seal != null
                        && snapshotSeal.holds(
                                aggregateId,
                                sequenceNumber,
                                rs.getString(1),
                                rs.getString(2),
                                rs.getBytes(3),
                                seal.asText());
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the snapshot of " + aggregateId, e);
        }
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
