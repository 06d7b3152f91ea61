package dev.dealledger.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dealledger.api.problem.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Talks to the two services over their REST contract (ledger-api/src/main/openapi). Writes always carry an Idempotency-Key, so a retry, or a
 * second run of the demo, records nothing twice. A service that is still starting, or that answers 503 with
 * Retry-After, is retried until {@code patience} runs out; every other refusal stops the demo.
 */
public final class LedgerClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String POSITION = "X-Ledger-Position";
    public static final String MIN_POSITION = "X-Ledger-Min-Position";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int BODY_EXCERPT_CHARS = 300;

    private final URI commandBase;
    private final URI queryBase;
    private final Duration patience;
    private final HttpClient http;
    private final ObjectMapper json;
    private String bearerToken = System.getenv("LEDGER_TOKEN");

    /** Sends {@code Authorization: Bearer <token>} on every request (null: none). Default: env LEDGER_TOKEN. */
    public LedgerClient withBearerToken(String token) {
        this.bearerToken = token;
        return this;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        if (bearerToken != null && !bearerToken.isBlank()) {
            builder.header("Authorization", "Bearer " + bearerToken.trim());
        }
        return builder;
    }

    public LedgerClient(URI commandBase, URI queryBase, Duration patience) {
        this.commandBase = withoutTrailingSlash(commandBase);
        this.queryBase = withoutTrailingSlash(queryBase);
        this.patience = patience;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.json = mapper();
    }

    /** Lenient on input (a newer service may add fields), ISO-8601 for dates and instants. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    public URI commandBase() {
        return commandBase;
    }

    public URI queryBase() {
        return queryBase;
    }

    /** Sends one write; answers its receipt, whose position is the one of the X-Ledger-Position header when present. */
    public Receipt write(LedgerWrite write) {
        String body;
        try {
            body = json.writeValueAsString(write.body());
        } catch (JsonProcessingException e) {
            throw new DemoFailure("could not encode the body of step " + write.step(), e);
        }
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(commandBase + write.path())))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(IDEMPOTENCY_KEY, write.idempotencyKey())
                .method(write.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String what = "step " + write.step() + " (" + write.method() + " " + write.path() + ", " + IDEMPOTENCY_KEY + " "
                + write.idempotencyKey() + ")";
        HttpResponse<String> response = exchange(request, "the command service at " + commandBase, what);
        if (response.statusCode() / 100 != 2) {
            throw new DemoFailure(what + " was refused: " + describe(response) + hint(response));
        }
        Receipt receipt = parse(response, Receipt.class, what);
        Optional<String> header = response.headers().firstValue(POSITION);
        if (header.isPresent()) {
            try {
                receipt = receipt.atPosition(Long.parseLong(header.get().trim()));
            } catch (NumberFormatException e) {
                throw new DemoFailure(what + " answered a malformed " + POSITION + " header: " + header.get());
            }
        }
        if (receipt.recordedAt() == null) {
            throw new DemoFailure(what + " answered a receipt without recordedAt: " + excerpt(response.body()));
        }
        return receipt;
    }

    /**
     * Reads {@code path} with the given query parameters ({@code null} values left out) from the query service, after
     * it has processed {@code minPosition}.
     */
    public <T> T read(String path, Map<String, String> query, long minPosition, Class<T> type) {
        URI uri = URI.create(queryBase + path + queryString(query));
        HttpRequest request = authorized(HttpRequest.newBuilder(uri))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header(MIN_POSITION, Long.toString(minPosition))
                .GET()
                .build();
        String what = "GET " + path + queryString(query);
        HttpResponse<String> response = exchange(request, "the query service at " + queryBase, what);
        if (response.statusCode() / 100 != 2) {
            throw new DemoFailure(what + " failed: " + describe(response));
        }
        return parse(response, type, what);
    }

    /** Query parameters in the given order, URL-encoded. */
    public static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    /**
     * Sends the request, retrying while the service cannot be reached or answers 503, until {@code patience} runs
     * out. Retrying a write is safe: it carries the same Idempotency-Key.
     */
    private HttpResponse<String> exchange(HttpRequest request, String service, String what) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Duration pause;
            String lastProblem;
            try {
                HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 503) {
                    return response;
                }
                pause = retryAfter(response);
                lastProblem = describe(response);
            } catch (ConnectException | HttpTimeoutException e) {
                pause = DEFAULT_RETRY_PAUSE;
                lastProblem = "cannot reach " + service + " (" + e.getClass().getSimpleName() + ")";
            } catch (IOException e) {
                throw new DemoFailure(what + ": the exchange with " + service + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure(what + ": interrupted", e);
            }
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw new DemoFailure(what + ": gave up after " + patience.toSeconds() + " s: " + lastProblem);
            }
            sleep(pause);
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .flatMap(value -> {
                    try {
                        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .orElse(DEFAULT_RETRY_PAUSE);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while waiting to retry", e);
        }
    }

    private <T> T parse(HttpResponse<String> response, Class<T> type, String what) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new DemoFailure(
                    what + " answered a body that is not a " + type.getSimpleName() + ": " + excerpt(response.body()),
                    e);
        }
    }

    /** "409 Idempotency key reused: <detail> [type]" from a problem document, or the status and a body excerpt. */
    String describe(HttpResponse<String> response) {
        Optional<Problem> problem = problem(response);
        if (problem.isEmpty()) {
            return "HTTP " + response.statusCode() + ": " + excerpt(response.body());
        }
        Problem p = problem.get();
        StringBuilder text = new StringBuilder("HTTP " + response.statusCode());
        if (p.title() != null) {
            text.append(' ').append(p.title());
        }
        if (p.detail() != null) {
            text.append(": ").append(p.detail());
        }
        if (p.errors() != null) {
            for (Problem.FieldError error : p.errors()) {
                text.append("; ").append(error.field()).append(": ").append(error.message());
            }
        }
        if (p.type() != null) {
            text.append(" [").append(p.type()).append(']');
        }
        return text.toString();
    }

    private Optional<Problem> problem(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            Problem problem = json.readValue(body, Problem.class);
            return problem.detail() == null && problem.title() == null ? Optional.empty() : Optional.of(problem);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String hint(HttpResponse<String> response) {
        boolean reused = problem(response)
                .map(p -> p.type() != null && p.type().endsWith("/idempotency-key-reused"))
                .orElse(false);
        if (!reused) {
            return "";
        }
        return ". This ledger already holds a different request under this key: the demo's data changed after it was"
                + " first recorded here. Bump " + LedgerWrite.class.getSimpleName() + ".KEY_PREFIX ("
                + LedgerWrite.KEY_PREFIX + ") or start from an empty data directory.";
    }

    private static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= BODY_EXCERPT_CHARS ? flat : flat.substring(0, BODY_EXCERPT_CHARS) + "...";
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
