package dev.dealledger.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One write the demo sends to the command service.
 *
 * @param step a stable name; the Idempotency-Key is derived from it, so a second run replays instead of recording
 * @param fact what the write stands for in the example history, for the printed log
 * @param method HTTP method
 * @param path path under the command service's base URL
 * @param body the JSON body, every value a string (money travels as a decimal string, dates as ISO-8601)
 */
public record LedgerWrite(String step, String fact, String method, String path, Map<String, String> body) {

    /** Bump the version when a write's body changes, so an old ledger does not answer 409 idempotency-key-reused. */
    public static final String KEY_PREFIX = "demo-v1-";

    public LedgerWrite {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    public String idempotencyKey() {
        return KEY_PREFIX + step;
    }

    /** Builds a body in field order; {@code null} values are left out. */
    public static Map<String, String> body(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }
}
