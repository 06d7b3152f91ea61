package dev.dealledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A thin JSON-over-HTTP client, as any other service would use against the ledger. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        /** X-Ledger-Position: the last position of the write's transaction, to read it back with. */
        public long position() {
            return Long.parseLong(raw.headers().firstValue("X-Ledger-Position").orElseThrow());
        }

        /** The position of the write's own last event, from the receipt (at most {@link #position()}). */
        public long eventPosition() {
            return body.get("position").asLong();
        }

        /** The row of a totals answer for one currency; fails the test if there is none. */
        public JsonNode totalsRow(String currency) {
            for (JsonNode row : body.path("totals")) {
                if (row.path("currency").asText().equals(currency)) {
                    return row;
                }
            }
            throw new AssertionError("no " + currency + " row in " + body);
        }
    }

    public Reply send(String method, String url, String json) throws IOException, InterruptedException {
        return send(method, url, json, Map.of());
    }

    /**
     * A request with extra headers, e.g. {@code Idempotency-Key} or {@code If-Match}, otherwise as {@link
     * #send(String, String, String)}.
     */
    public Reply send(String method, String url, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestTokens.allRoles());
        headers.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return reply(client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * A read that waits for its own write, as a well-behaved client does: a 503 with {@code Retry-After} (the
     * projection has not reached the position yet, e.g. just after a restart) is retried after the advised delay, for
     * at most a minute in all.
     */
    public Reply get(String url, long minPosition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + TestTokens.allRoles())
                    .header("X-Ledger-Min-Position", Long.toString(minPosition))
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            Reply reply = reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
            var retryAfter = reply.raw().headers().firstValue("Retry-After");
            if (reply.status() != 503 || retryAfter.isEmpty() || System.nanoTime() > deadline) {
                return reply;
            }
            Thread.sleep(Math.max(1, Long.parseLong(retryAfter.get())) * 1000L);
        }
    }

    private static Reply reply(HttpResponse<String> r) throws IOException {
        JsonNode body = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
        return new Reply(r.statusCode(), body, r);
    }
}
