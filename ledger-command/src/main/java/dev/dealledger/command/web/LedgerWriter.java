package dev.dealledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.command.RegisterCounterpartyCommand;
import dev.dealledger.api.event.MetadataKeys;
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
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
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
        try {
            return QuarkusTransaction.requiringNew().call(() -> perform(write, key, fingerprint));
        } catch (IdempotencyStore.KeyTakenException e) {
            return replay(idempotency.find(key).orElseThrow(), fingerprint);
        }
    }

    private Response perform(Write write, String key, String fingerprint) throws JsonProcessingException {
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
        return response(write.successStatus(), body, head.version(), head.position());
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
