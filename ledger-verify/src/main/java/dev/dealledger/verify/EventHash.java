package dev.dealledger.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of one stored event, chained to the previous event of the same aggregate. It is kept in the event's own
 * metadata ({@link #HASH}, with {@link #PREVIOUS_HASH}).
 *
 * <p>Version 2 (written since the tamper evidence of issue 15) covers every column and every metadata field the
 * history shows, in the unambiguous {@link Encoding}: the previous hash, position, event identifier, aggregate type and
 * identifier, sequence number, payload type and revision, recorded-at, every metadata field but the hash itself
 * (actor, reason, source reference, source document hash, idempotency key, correlation...), sorted by name, and the
 * payload bytes.
 *
 * <p>Version 1 (events recorded before) is kept so that older history still verifies: newline-joined previous hash,
 * aggregate id, sequence number, payload type, revision, effective date, recorded-at and actor, then the payload.
 */
public final class EventHash {

    public static final String HASH = "ledgerHash";
    public static final String PREVIOUS_HASH = "ledgerPreviousHash";
    public static final String VERSION = "ledgerHashVersion";
    public static final String CURRENT_VERSION = "2";
    public static final String GENESIS = "0".repeat(64);

    /** Metadata key of the actor, which version 1 hashed by name (version 2 hashes every key). */
    static final String V1_ACTOR = "actor";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventHash() {}

    /**
     * The version 2 hash of an event whose stored metadata, without {@link #HASH}, is {@code metaData} (it must hold
     * {@link #PREVIOUS_HASH} and {@link #VERSION} already, so that they are covered too).
     */
    public static String of(StoredEvent event, JsonNode metaData) {
        Encoding encoding = Encoding.of("dealledger-event/2")
                .text(text(metaData, PREVIOUS_HASH))
                .number(event.position())
                .text(event.eventIdentifier())
                .text(event.aggregateType())
                .text(event.aggregateId())
                .number(event.sequenceNumber())
                .text(event.payloadType())
                .text(event.payloadRevision())
                .text(event.timeStamp());
        List<String> names = new ArrayList<>();
        metaData.fieldNames().forEachRemaining(names::add);
        names.remove(HASH);
        names.sort(null);
        encoding.number(names.size());
        for (String name : names) {
            JsonNode value = metaData.get(name);
            encoding.text(name).text(value.isNull() ? null : value.isTextual() ? value.asText() : value.toString());
        }
        return encoding.bytes(event.payload()).sha256();
    }

    /**
     * Chains an event being written: puts {@link #PREVIOUS_HASH} and {@link #VERSION} into its metadata, hashes it (the
     * event's own metadata bytes are not read) and puts the hash in as {@link #HASH}. Answers the hash.
     */
    public static String chain(ObjectNode metaData, StoredEvent event, String previous) {
        metaData.remove(HASH);
        metaData.put(PREVIOUS_HASH, previous);
        metaData.put(VERSION, CURRENT_VERSION);
        String hash = of(event, metaData);
        metaData.put(HASH, hash);
        return hash;
    }

    /** What a stored event says of its own hash, and what its content hashes to. */
    public record Check(String storedHash, String storedPrevious, String recomputed) {
        public boolean matches() {
            return storedHash != null && storedHash.equals(recomputed);
        }
    }

    /** Recomputes the hash of a stored event from its stored content, in the version it was written with. */
    public static Check check(StoredEvent event) {
        JsonNode metaData = parse(event.metaData());
        if (!(metaData instanceof ObjectNode object)) {
            return new Check(null, null, null);
        }
        String stored = text(object, HASH);
        String previous = text(object, PREVIOUS_HASH);
        String version = text(object, VERSION);
        if (CURRENT_VERSION.equals(version)) {
            return new Check(stored, previous, of(event, object));
        }
        if (version != null) {
            return new Check(stored, previous, "unknown hash version " + version);
        }
        JsonNode payload = parse(event.payload());
        return new Check(
                stored,
                previous,
                v1(
                        previous,
                        event.aggregateId(),
                        event.sequenceNumber(),
                        event.payloadType(),
                        event.payloadRevision(),
                        text(payload, "effectiveDate"),
                        event.timeStamp(),
                        text(object, V1_ACTOR),
                        event.payload()));
    }

    /** The stored hash of an event, read from its metadata; null if it has none. */
    public static String storedHash(byte[] metaData) {
        return text(parse(metaData), HASH);
    }

    static String v1(
            String previous,
            String aggregateId,
            long sequenceNumber,
            String payloadType,
            String payloadRevision,
            String effectiveDate,
            String recordedAt,
            String actor,
            byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String header = String.join(
                    "\n",
                    String.valueOf(previous),
                    aggregateId,
                    Long.toString(sequenceNumber),
                    payloadType,
                    String.valueOf(payloadRevision),
                    String.valueOf(effectiveDate),
                    recordedAt,
                    String.valueOf(actor),
                    "");
            sha.update(header.getBytes(StandardCharsets.UTF_8));
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    private static JsonNode parse(byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
