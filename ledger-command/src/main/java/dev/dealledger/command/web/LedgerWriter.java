package dev.dealledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.command.write.IdempotencyKey;
import dev.dealledger.command.write.RequestFingerprint;
import dev.dealledger.command.write.Submission;
import dev.dealledger.command.write.WriteBatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns one HTTP write into a {@link Submission} for the {@link WriteBatcher} and its outcome into the HTTP answer. It
 * validates the idempotency key, fingerprints the request and sets the audit metadata from the token; the batcher
 * answers a key already recorded, or records the write in the log (docs/adr/0004).
 */
@ApplicationScoped
public class LedgerWriter {

    public static final String POSITION_HEADER = "X-Ledger-Position";

    @Inject
    WriteBatcher batcher;

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
            String sourceDocumentSha256,
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
        String fingerprint = RequestFingerprint.of(write.operation(), toJson(write.requestBody()));
        // A key already recorded is answered by the batcher, which looks it up under the log's lock: looking it up here
        // as well read the same row twice for every keyed write.
        Submission submission = new Submission(
                write.aggregateId(),
                GenericCommandMessage.asCommandMessage(write.command()).withMetaData(metadata(write, key)),
                key == null ? null : new IdempotencyKey(actor(), key),
                fingerprint,
                write.successStatus(),
                (version, recordedAt, position, committedThrough, logHash) ->
                        toJson(write.ids().at(version, recordedAt, position, committedThrough, logHash)));
        return response(batcher.submit(submission));
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
        if (write.sourceDocumentSha256() != null) {
            meta.put(MetadataKeys.SOURCE_DOCUMENT_SHA256, write.sourceDocumentSha256());
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

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static Response response(Submission.Recorded recorded) {
        return Response.status(recorded.status())
                .entity(recorded.body())
                .type("application/json")
                .header("ETag", "\"" + recorded.version() + "\"")
                .header(POSITION_HEADER, recorded.committedThrough())
                .build();
    }
}
