package dev.dealledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.command.RegisterCounterpartyCommand;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.command.config.CommandAxonConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Carries one write from HTTP to the event store: claims the idempotency key, sends the command, reads back the
 * version and position, and stores the answer, all in one transaction. A retry with the same key and body gets the
 * stored answer and records nothing; the same key with another body is refused.
 */
@ApplicationScoped
public class LedgerWriter {

    public static final String POSITION_HEADER = "X-Ledger-Position";

    @Inject
    CommandGateway commandGateway;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    StreamHead streamHead;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @Inject
    MeterRegistry meters;

    @Inject
    CommandAxonConfiguration axon;

    /** Attempts of a write whose append lost a race for the stream's next sequence number (see below). */
    static final int ATTEMPTS = 3;

    /**
     * One lock per stripe of aggregate ids, held for a write's whole transaction: within this process, no other write
     * sees a deal's in-memory state until the transaction that changed it has committed, or has been rolled back and
     * the deal evicted from the cache.
     */
    private final ReentrantLock[] stripes = newStripes(256);

    private static ReentrantLock[] newStripes(int n) {
        ReentrantLock[] locks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    /** One write as the web layer describes it. */
    public record Write(
            String operation,
            Object requestBody,
            String idempotencyKey,
            String aggregateId,
            Object command,
            String reason,
            String sourceReference,
            WriteReceipt.Builder ids,
            int successStatus) {}

    public Response execute(Write write) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "refused";
        try {
            Response response = executeTimed(write);
            outcome = response.getStatus() < 300 ? "accepted" : "refused";
            return response;
        } finally {
            sample.stop(Timer.builder("ledger.command")
                    .description("Time to record one write, from request to committed events")
                    .tag("command", write.command().getClass().getSimpleName())
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }

    private Response executeTimed(Write write) {
        DateRange.check(write.requestBody());
        String key = IdempotencyKeys.validate(write.idempotencyKey());
        String fingerprint = fingerprint(write);
        if (key != null) {
            Optional<IdempotencyStore.StoredResponse> stored = idempotency.find(key);
            if (stored.isPresent()) {
                return replay(stored.get(), fingerprint);
            }
        }
        ReentrantLock lock = stripes[Math.floorMod(write.aggregateId().hashCode(), stripes.length)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    // A deal another replica appended to since this process cached it is loaded afresh.
                    axon.dealCache()
                            .ifPresent(cache -> cache.dropIfBehind(
                                    write.aggregateId(), () -> streamHead.versionOf(write.aggregateId())));
                    Performed performed =
                            QuarkusTransaction.requiringNew().call(() -> perform(write, key, fingerprint));
                    // Committed: the cached deal (if any) is now exactly the version the store holds.
                    axon.dealCache().ifPresent(cache -> cache.confirm(write.aggregateId(), performed.version()));
                    return performed.response();
                } catch (IdempotencyStore.KeyTakenException e) {
                    return replay(idempotency.find(key).orElseThrow(), fingerprint);
                } catch (RuntimeException e) {
                    // Nothing of this attempt was stored; neither may the cached deal keep any of it.
                    axon.evictDeal(write.aggregateId());
                    if (attempt < ATTEMPTS && lostTheStreamRace(e)) {
                        // Another replica (or a stale cached copy) took the next sequence number first. The command is
                        // evaluated again against the stream as stored, so every rule and If-Match is checked anew.
                        continue;
                    }
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A concurrent append to the same stream won; not a stale If-Match, which is the client's to resolve. */
    static boolean lostTheStreamRace(Throwable e) {
        return ProblemMapper.find(e, ConflictingAggregateVersionException.class) == null
                && (ProblemMapper.find(e, ConcurrencyException.class) != null || ProblemMapper.uniqueViolation(e));
    }

    /** A write's answer and the stream version it left, once its transaction has run. */
    private record Performed(Response response, long version) {}

    private Performed perform(Write write, String key, String fingerprint) throws JsonProcessingException {
        if (key != null) {
            idempotency.claim(key, fingerprint);
        }
        // Only a PUT of unchanged counterparty details records nothing; every other accepted command appends one event.
        Long versionBefore = write.command() instanceof RegisterCounterpartyCommand
                ? streamHead.versionOf(write.aggregateId()).orElse(null)
                : null;
        commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(write.command()).withMetaData(metadata(write, key)));
        StreamHead.Head head = streamHead.of(write.aggregateId());
        if (versionBefore == null || head.version() > versionBefore) {
            meters.counter(
                            "ledger.events.appended",
                            "command",
                            write.command().getClass().getSimpleName())
                    .increment();
        }
        WriteReceipt receipt = write.ids().at(head.version(), head.recordedAt(), head.position());
        String body = json.writeValueAsString(receipt);
        if (key != null) {
            idempotency.complete(key, write.successStatus(), body, head.version(), head.position());
        }
        return new Performed(response(write.successStatus(), body, head.version(), head.position()), head.version());
    }

    private Map<String, Object> metadata(Write write, String key) {
        Map<String, Object> meta = new HashMap<>();
        meta.put(MetadataKeys.ACTOR, actor());
        if (write.reason() != null) {
            meta.put(MetadataKeys.REASON, write.reason());
        }
        if (write.sourceReference() != null) {
            meta.put(MetadataKeys.SOURCE_REFERENCE, write.sourceReference());
        }
        if (key != null) {
            meta.put(MetadataKeys.IDEMPOTENCY_KEY, key);
        }
        return MetaData.from(meta);
    }

    /** Who records the fact: the token's subject, never a field the client sets. */
    private String actor() {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return principal.getName();
    }

    private Response replay(IdempotencyStore.StoredResponse stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeys.KeyReusedException();
        }
        return response(stored.status(), stored.body(), stored.version(), stored.position());
    }

    private static Response response(int status, String body, long version, long position) {
        return Response.status(status)
                .entity(body)
                .type("application/json")
                .header("ETag", "\"" + version + "\"")
                .header(POSITION_HEADER, position)
                .build();
    }

    private String fingerprint(Write write) {
        try {
            String canonical = write.operation() + "\n" + json.writeValueAsString(write.requestBody());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not fingerprint the request", e);
        }
    }
}
