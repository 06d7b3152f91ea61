package dev.dealledger.query.testing;

import static org.awaitility.Awaitility.await;

import dev.dealledger.api.event.LedgerEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.query.processing.ProjectionProgress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;

/**
 * Appends events to the event store the way the command service does: one domain event per aggregate stream, next
 * sequence number, with actor, reason and source reference as metadata, through Axon's JDBC storage engine inside
 * a new JTA transaction. The ledger stamps the recorded instant; this reads it back from the stored row, as the
 * command service's write receipt does.
 */
@ApplicationScoped
public class EventStoreWriter {

    public static final String ACTOR = "test-operator";

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Inject
    ActiveDataSource dataSource;

    @Inject
    ProjectionProgress progress;

    private Instant lastRecordedAt = Instant.EPOCH;

    /** Where and when one appended event was stored. */
    public record Stored(long position, Instant recordedAt) {}

    /** Who, why and from which document, as the command service puts them into the event metadata. */
    public record Meta(String actor, String reason, String sourceReference, String sourceDocumentSha256) {
        public static Meta of(String reason, String sourceReference) {
            return new Meta(ACTOR, reason, sourceReference, null);
        }

        /** A fact anchored to the signed document it comes from (docs/domain.md, "Evidence anchoring"). */
        public static Meta anchored(String sourceReference, String sourceDocumentSha256) {
            return new Meta(ACTOR, null, sourceReference, sourceDocumentSha256);
        }
    }

    /**
     * Appends one event to the stream of {@code aggregateId}. Successive appends get distinct recorded instants (the
     * store keeps milliseconds), so a test can name a knowledge instant between any two facts.
     */
    public synchronized Stored append(String aggregateType, String aggregateId, LedgerEvent payload, Meta meta) {
        waitForNextMillisecond();
        long sequence = nextSequence(aggregateId);
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(MetadataKeys.ACTOR, meta.actor());
        if (meta.reason() != null) {
            metaData.put(MetadataKeys.REASON, meta.reason());
        }
        if (meta.sourceReference() != null) {
            metaData.put(MetadataKeys.SOURCE_REFERENCE, meta.sourceReference());
        }
        if (meta.sourceDocumentSha256() != null) {
            metaData.put(MetadataKeys.SOURCE_DOCUMENT_SHA256, meta.sourceDocumentSha256());
        }
        GenericDomainEventMessage<LedgerEvent> message =
                new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, MetaData.from(metaData));
        QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(message));
        Stored stored = stored(message.getIdentifier());
        lastRecordedAt = stored.recordedAt();
        return stored;
    }

    /** Blocks until every segment of the projection has processed {@code position}. */
    public void awaitProjected(long position) {
        await("projection to reach position " + position)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> progress.covers(position));
    }

    /** The recorded instant of the last fact appended: the writer is the tests' one appender. */
    public synchronized Instant lastRecordedAt() {
        return lastRecordedAt;
    }

    public long headPosition() {
        return progress.headPosition();
    }

    private void waitForNextMillisecond() {
        while (!Instant.now().truncatedTo(ChronoUnit.MILLIS).isAfter(lastRecordedAt)) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long nextSequence(String aggregateId) {
        String sql = "SELECT COALESCE(MAX(sequence_number), -1) + 1 FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Stored stored(String eventIdentifier) {
        String sql =
                "SELECT global_index, time_stamp FROM " + EventStoreSchema.EVENT_TABLE + " WHERE event_identifier = ?";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventIdentifier);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("event " + eventIdentifier + " was not stored");
                }
                return new Stored(rs.getLong(1), Instant.parse(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
