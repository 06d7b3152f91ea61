package dev.dealledger.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * The export an auditor verifies offline: newline-delimited JSON, one object per line. The first line names the
 * format; then come the checkpoints ({@code "checkpoint": {...}}), then every event in position order ({@code "event":
 * {...}}, metadata and payload as base64 of the stored bytes, so that nothing is re-encoded on the way).
 */
public final class Export {

    public static final String FORMAT = "dealledger-export/1";
    public static final String MEDIA_TYPE = "application/x-ndjson";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Export() {}

    /** Writes an export line by line; the caller streams the events in position order. */
    public static final class Out {
        private final Writer out;

        public Out(Writer out) throws IOException {
            this.out = out;
            ObjectNode header = JSON.createObjectNode().put("format", FORMAT);
            line(header);
        }

        public void checkpoint(Checkpoint checkpoint) throws IOException {
            ObjectNode line = JSON.createObjectNode();
            line.set("checkpoint", toJson(checkpoint));
            line(line);
        }

        public void event(StoredEvent event) throws IOException {
            ObjectNode e = JSON.createObjectNode()
                    .put("position", event.position())
                    .put("eventIdentifier", event.eventIdentifier())
                    .put("aggregateType", event.aggregateType())
                    .put("aggregateId", event.aggregateId())
                    .put("sequenceNumber", event.sequenceNumber())
                    .put("payloadType", event.payloadType())
                    .put("payloadRevision", event.payloadRevision())
                    .put("timeStamp", event.timeStamp())
                    .put("metaData", event.metaData() == null ? null : base64(event.metaData()))
                    .put("payload", base64(event.payload()));
            ObjectNode line = JSON.createObjectNode();
            line.set("event", e);
            line(line);
        }

        private void line(JsonNode node) throws IOException {
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        }
    }

    /** The checkpoint as the API serves it and as the export carries it. */
    public static ObjectNode toJson(Checkpoint checkpoint) {
        return JSON.createObjectNode()
                .put("position", checkpoint.position())
                .put("firstPosition", checkpoint.firstPosition())
                .put("logHash", checkpoint.logHash())
                .put("signedAt", checkpoint.signedAt())
                .put("keyId", checkpoint.keyId())
                .put("signature", checkpoint.signature());
    }

    public static Checkpoint checkpointOf(JsonNode node) {
        return new Checkpoint(
                node.path("position").asLong(),
                node.path("firstPosition").asLong(),
                node.path("logHash").asText(null),
                node.path("signedAt").asText(null),
                node.path("keyId").asText(null),
                node.path("signature").asText(null));
    }

    public static Checkpoint parseCheckpoint(String json) throws IOException {
        return checkpointOf(JSON.readTree(json));
    }

    /**
     * Reads an export: collects its checkpoints, then hands each event to {@code events} until it answers false.
     * Answers the checkpoints; the events are read once, never all held.
     */
    public static List<Checkpoint> read(BufferedReader in, CheckpointsThenEvents consumer) throws IOException {
        String first = in.readLine();
        if (first == null || !FORMAT.equals(JSON.readTree(first).path("format").asText())) {
            throw new IOException("not a " + FORMAT + " export");
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        Predicate<StoredEvent> events = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (node.has("checkpoint")) {
                if (events != null) {
                    throw new IOException("a checkpoint after the first event: checkpoints come first");
                }
                checkpoints.add(checkpointOf(node.get("checkpoint")));
            } else if (node.has("event")) {
                if (events == null) {
                    events = consumer.afterCheckpoints(List.copyOf(checkpoints));
                }
                if (!events.test(eventOf(node.get("event")))) {
                    break;
                }
            } else {
                throw new IOException("an export line is neither a checkpoint nor an event");
            }
        }
        if (events == null) {
            consumer.afterCheckpoints(List.copyOf(checkpoints));
        }
        return checkpoints;
    }

    /** Given the checkpoints, answers where the events go. */
    @FunctionalInterface
    public interface CheckpointsThenEvents {
        Predicate<StoredEvent> afterCheckpoints(List<Checkpoint> checkpoints);
    }

    private static StoredEvent eventOf(JsonNode e) {
        return new StoredEvent(
                e.path("position").asLong(),
                e.path("eventIdentifier").asText(null),
                e.path("aggregateType").asText(null),
                e.path("aggregateId").asText(null),
                e.path("sequenceNumber").asLong(),
                e.path("payloadType").asText(null),
                e.path("payloadRevision").isNull()
                        ? null
                        : e.path("payloadRevision").asText(null),
                e.path("timeStamp").asText(null),
                e.path("metaData").isNull()
                        ? null
                        : Base64.getDecoder().decode(e.path("metaData").asText()),
                Base64.getDecoder().decode(e.path("payload").asText()));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
