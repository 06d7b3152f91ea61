package dev.dealledger.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A log written the way the ledger writes it, with a checkpoint per transaction, for the tamper tests. */
final class SyntheticLog {

    static final ObjectMapper JSON = new ObjectMapper();

    final KeyPair keys = CheckpointKeys.generate();
    final List<StoredEvent> events = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Map<String, String> heads = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private String logHash = LogChain.GENESIS;
    private int transaction;

    /** Seven events of three streams in four transactions, each sealed: the log the verifier tests tamper with. */
    static SyntheticLog ofFourTransactions() {
        return new SyntheticLog()
                .transaction("a", "b")
                .transaction("a")
                .transaction("c", "b", "a")
                .transaction("c");
    }

    /** Appends one transaction of events, one per aggregate named, and seals it. */
    SyntheticLog transaction(String... aggregates) {
        return transaction(Map.of(), aggregates);
    }

    /** Appends one transaction of events whose metadata also holds {@code metadata}, and seals it. */
    SyntheticLog transaction(Map<String, String> metadata, String... aggregates) {
        transaction++;
        long first = events.size() + 1;
        for (String aggregate : aggregates) {
            events.add(event(
                    events.size() + 1,
                    aggregate,
                    "{\"effectiveDate\":\"2025-0" + (transaction % 9 + 1) + "-01\",\"amount\":\"" + (transaction * 100)
                            + ".00\"}",
                    "actor-" + transaction,
                    metadata));
        }
        checkpoints.add(seal(first));
        return this;
    }

    StoredEvent event(long position, String aggregate, String payload, String actor) {
        return event(position, aggregate, payload, actor, Map.of());
    }

    StoredEvent event(long position, String aggregate, String payload, String actor, Map<String, String> metadata) {
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        ObjectNode meta = JSON.createObjectNode().put("actor", actor).put("reason", "because " + position);
        metadata.forEach(meta::put);
        StoredEvent unsealed = new StoredEvent(
                position,
                "event-" + position,
                "Deal",
                aggregate,
                sequence,
                "dev.dealledger.api.event.SomethingEvent",
                "1",
                "2026-01-01T00:00:00.0000" + (position % 10) + "Z",
                null,
                payload.getBytes(StandardCharsets.UTF_8));
        String hash = EventHash.chain(meta, unsealed, heads.getOrDefault(aggregate, EventHash.GENESIS));
        heads.put(aggregate, hash);
        logHash = LogChain.next(logHash, position, hash);
        return withMeta(unsealed, meta);
    }

    Checkpoint seal(long firstPosition) {
        Checkpoint unsigned = new Checkpoint(
                events.size(), firstPosition, logHash, "2026-01-01T00:00:0" + (transaction % 10) + "Z", null, null);
        return CheckpointKeys.sign(unsigned, keys.getPrivate(), CheckpointKeys.keyId(keys.getPublic()));
    }

    static StoredEvent withMeta(StoredEvent e, ObjectNode meta) {
        try {
            return e.withMetaData(JSON.writeValueAsBytes(meta));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    LedgerVerifier.Verdict verify(List<StoredEvent> stored, List<Checkpoint> signed, Checkpoint trusted) {
        LedgerVerifier verifier = new LedgerVerifier(keys.getPublic(), signed, trusted);
        for (StoredEvent e : stored) {
            if (!verifier.accept(e)) {
                break;
            }
        }
        return verifier.finish();
    }
}
