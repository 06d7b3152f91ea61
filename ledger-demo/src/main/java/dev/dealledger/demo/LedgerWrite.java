package dev.dealledger.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.client.command.ApiResponse;
import dev.dealledger.client.command.model.WriteReceipt;
import java.util.Map;
import java.util.Objects;

/**
 * One write the demo sends to the command service through the generated client.
 *
 * @param step a stable name; the Idempotency-Key is derived from it, so a second run replays instead of recording
 * @param fact what the write stands for in the example history, for the printed log
 * @param method the HTTP method the call uses, for the log and for failures
 * @param path the path the call goes to, for the log and for failures (RecordingTheExampleTest checks it against the
 *     request that went out)
 * @param request the request body, a model of the generated client
 * @param send the generated client's call that sends it
 */
public record LedgerWrite(
        String step,
        String fact,
        String method,
        String path,
        Object request,
        LedgerClient.Call<Sending, ApiResponse<WriteReceipt>> send) {

    /** Bump the version when a write's body changes, so an old ledger does not answer 409 idempotency-key-reused. */
    public static final String KEY_PREFIX = "demo-v1-";

    /** What a write's call needs: the command service's operations and the write's Idempotency-Key. */
    public record Sending(LedgerClient.Commands commands, String idempotencyKey) {}

    private static final ObjectMapper JSON = dev.dealledger.client.command.ApiClient.createDefaultObjectMapper();

    public LedgerWrite {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(send, "send");
    }

    public String idempotencyKey() {
        return KEY_PREFIX + step;
    }

    /** The body as it goes out on the wire, field by field: every value is a string (money, dates, enums). */
    public Map<String, String> body() {
        return JSON.convertValue(request, new TypeReference<Map<String, String>>() {});
    }

    LedgerWrite labelled(String label) {
        return new LedgerWrite(step, label + ": " + fact, method, path, request, send);
    }
}
