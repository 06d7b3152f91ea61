package dev.dealledger.testkit.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The one JSON-over-HTTP client of the end-to-end tests and the benchmark, as any other service would talk to the
 * ledger: HTTP/1.1, the bearer token on every request when one is given, and no {@code Accept} unless the caller sends
 * one (the services answer JSON then). {@link #exchange} answers the raw response, {@link #send} parses its JSON.
 */
public final class LedgerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client;
    private final String token;

    /** {@code token} may be null: then no {@code Authorization} header is sent. */
    public LedgerHttp(String token) {
        this.token = token;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                // Daemon threads: a benchmark or test that ends must not wait for the client's pool.
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "ledger-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** A parsed answer: its status, its JSON body (null when empty) and the raw response for headers. */
    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        /** X-Ledger-Position: the last position of the write's transaction, to read it back with. */
        public long position() {
            return Long.parseLong(raw.headers().firstValue("X-Ledger-Position").orElseThrow());
        }

        /** The position of the write's own last event, from the receipt (at most {@link #position()}). */
        public long eventPosition() {
            return body.get("position").asLong();
        }

        /** The row of a totals answer for one currency; fails if there is none. */
        public JsonNode totalsRow(String currency) {
            for (JsonNode row : body.path("totals")) {
                if (row.path("currency").asText().equals(currency)) {
                    return row;
                }
            }
            throw new AssertionError("no " + currency + " row in " + body);
        }
    }

    /** One request; {@code jsonBody} may be null, and {@code headers} (e.g. {@code Idempotency-Key}) go as given. */
    public HttpResponse<String> exchange(String method, String url, String jsonBody, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody)).header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return exchange("GET", url, null, Map.of());
    }

    /** Sends and insists on a 2xx answer. */
    public HttpResponse<String> expectOk(String method, String url, String jsonBody, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpResponse<String> r = exchange(method, url, jsonBody, headers);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    public Reply send(String method, String url, String jsonBody) throws IOException, InterruptedException {
        return send(method, url, jsonBody, Map.of());
    }

    /** {@link #exchange}, its JSON body parsed. */
    public Reply send(String method, String url, String jsonBody, Map<String, String> headers)
            throws IOException, InterruptedException {
        return reply(exchange(method, url, jsonBody, headers));
    }

    /**
     * A read that waits for its own write, as a well-behaved client does: a 503 with {@code Retry-After} (the
     * projection has not reached the position yet, e.g. just after a restart) is retried after the advised delay, for
     * at most a minute in all.
     */
    public Reply get(String url, long minPosition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Map<String, String> headers =
                Map.of("X-Ledger-Min-Position", Long.toString(minPosition), "Accept", "application/json");
        while (true) {
            Reply reply = send("GET", url, null, headers);
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
