package dev.dealledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.EventSerialization;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.verify.EventHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes generated histories straight into event_store.domain_event_entry, in exactly the format the command service
 * stores: payloads and metadata serialized by {@link EventSerialization#serializer()}, the payload type and revision,
 * an ISO-8601 UTC timestamp as Axon formats it, aggregate id and sequence number, the aggregate type, a fresh event
 * identifier, and the tamper-evidence chain of {@link EventHash} in the metadata, so the chain verifies like one the
 * command service wrote. Rows go in with COPY, in recorded order, so global positions follow the recorded instants.
 */
public final class EventStoreLoader {

    /** What was loaded: the count per event type, and how long it took. */
    public record Loaded(long events, Map<String, Long> countsByType, Duration elapsed) {}

    static final String ACTOR = "bench-generator";
    private static final int ROWS_PER_COPY = 50_000;
    private static final String COPY = "COPY " + EventStoreSchema.EVENT_TABLE
            + " (global_index, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,"
            + " aggregate_identifier, sequence_number, type) FROM STDIN (FORMAT text)";

    private final Serializer serializer = EventSerialization.serializer();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> headHashes = new HashMap<>();
    private final SplittableRandom ids;

    public EventStoreLoader(long seed) {
        this.ids = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /**
     * Loads the generator's events with recorded instants spread evenly from {@code firstRecordedAt} onwards, one step
     * per event, the step chosen so that {@code targetEvents} span {@code window}.
     */
    public Loaded load(
            Connection connection,
            HistoryGenerator generator,
            long targetEvents,
            Instant firstRecordedAt,
            Duration window)
            throws SQLException, IOException {
        long started = System.nanoTime();
        long stepNanos = Math.max(1_000_000, window.toNanos() / Math.max(1, targetEvents));
        Map<String, Long> counts = new TreeMap<>();
        PGConnection pg = connection.unwrap(PGConnection.class);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        long firstPosition;
        try (Statement s = connection.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "SELECT COALESCE(MAX(global_index), 0) + 1 FROM " + EventStoreSchema.EVENT_TABLE)) {
            rs.next();
            firstPosition = rs.getLong(1);
        }
        long n = 0;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        while (generator.hasNext()) {
            CopyIn copy = pg.getCopyAPI().copyIn(COPY);
            try {
                int rows = 0;
                while (rows < ROWS_PER_COPY && generator.hasNext()) {
                    HistoryGenerator.Event e = generator.next();
                    Instant recordedAt = firstRecordedAt.plusNanos(stepNanos * n);
                    row(buffer, e, recordedAt, firstPosition + n);
                    counts.merge(e.payload().getClass().getSimpleName(), 1L, Long::sum);
                    if (buffer.size() > (1 << 20) - 8192) {
                        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                        buffer.reset();
                    }
                    rows++;
                    n++;
                }
                if (buffer.size() > 0) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
                copy.endCopy();
            } catch (SQLException | RuntimeException ex) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw ex;
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE " + EventStoreSchema.EVENT_TABLE);
            // The log's head, as the migration that created it would have set it had these events been there: the
            // command service stamps its next write after it, and a period closed next is settled at it, not at the
            // epoch of the empty log the migration saw.
            s.execute("UPDATE event_store.log_head SET recorded_at = (SELECT MAX(time_stamp::timestamptz) FROM "
                    + EventStoreSchema.EVENT_TABLE + ") WHERE id = 1");
        }
        connection.setAutoCommit(autoCommit);
        return new Loaded(n, counts, Duration.ofNanos(System.nanoTime() - started));
    }

    /** One COPY text row of one event. */
    void row(ByteArrayOutputStream out, HistoryGenerator.Event e, Instant recordedAt, long position)
            throws IOException {
        StoredEvent stored = stored(e, recordedAt, position);
        text(out, Long.toString(position));
        tab(out);
        text(out, stored.eventIdentifier());
        tab(out);
        bytea(out, stored.metaData());
        tab(out);
        bytea(out, stored.payload());
        tab(out);
        text(out, stored.payloadRevision());
        tab(out);
        text(out, stored.payloadType());
        tab(out);
        text(out, stored.timeStamp());
        tab(out);
        text(out, e.aggregateId());
        tab(out);
        text(out, Long.toString(e.sequenceNumber()));
        tab(out);
        text(out, e.aggregateType());
        out.write('\n');
    }

    /** The columns of one event as the command service would have stored them. */
    record StoredEvent(
            String eventIdentifier,
            byte[] metaData,
            byte[] payload,
            String payloadRevision,
            String payloadType,
            String timeStamp) {}

    StoredEvent stored(HistoryGenerator.Event e, Instant recordedAt, long position) throws IOException {
        SerializedObject<byte[]> payload = serializer.serialize(e.payload(), byte[].class);
        String type = payload.getType().getName();
        String revision = payload.getType().getRevision();
        String timeStamp = DateTimeUtils.formatInstant(recordedAt);
        String previous = headHashes.getOrDefault(e.aggregateId(), EventHash.GENESIS);
        String trace = uuid();
        ObjectNode meta = json.createObjectNode();
        meta.put("traceId", trace);
        meta.put(MetadataKeys.ACTOR, ACTOR);
        if (e.reason() != null) {
            meta.put(MetadataKeys.REASON, e.reason());
        }
        if (e.sourceReference() != null) {
            meta.put(MetadataKeys.SOURCE_REFERENCE, e.sourceReference());
        }
        meta.put("correlationId", trace);
        String eventIdentifier = uuid();
        dev.dealledger.verify.StoredEvent row = new dev.dealledger.verify.StoredEvent(
                position,
                eventIdentifier,
                e.aggregateType(),
                e.aggregateId(),
                e.sequenceNumber(),
                type,
                revision,
                timeStamp,
                null,
                payload.getData());
        // The same hash, in the same version, as the command service's append path (dev.dealledger.verify.EventHash).
        headHashes.put(e.aggregateId(), EventHash.chain(meta, row, previous));
        return new StoredEvent(
                eventIdentifier, json.writeValueAsBytes(meta), payload.getData(), revision, type, timeStamp);
    }

    private String uuid() {
        long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static void tab(ByteArrayOutputStream out) {
        out.write('\t');
    }

    /** COPY text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
    static void text(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            switch (b) {
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                default -> out.write(b);
            }
        }
    }

    /** A bytea in COPY text format: the hex form \x..., its backslash escaped. */
    static void bytea(ByteArrayOutputStream out, byte[] value) {
        out.write('\\');
        out.write('\\');
        out.write('x');
        out.writeBytes(HexFormat.of().formatHex(value).getBytes(StandardCharsets.US_ASCII));
    }
}
