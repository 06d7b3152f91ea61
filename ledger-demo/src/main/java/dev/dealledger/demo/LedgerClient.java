package dev.dealledger.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.client.command.model.Problem;
import dev.dealledger.client.command.model.WriteReceipt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's way to the two services: the generated client of {@code ledger-client}, the one an integrating service
 * uses, with a bearer token on every request. A service that is still starting, or that answers 503 with Retry-After,
 * is retried until {@code patience} runs out; every other refusal stops the demo. A write is retried with its own
 * Idempotency-Key, so a retry, or a second run of the demo, records nothing twice.
 */
public final class LedgerClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String POSITION = "X-Ledger-Position";
    public static final String MIN_POSITION = "X-Ledger-Min-Position";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int BODY_EXCERPT_CHARS = 300;

    /** The command service's operations, as the generated client groups them. */
    public record Commands(
            dev.dealledger.client.command.api.CounterpartiesApi counterparties,
            dev.dealledger.client.command.api.AgreementsApi agreements,
            dev.dealledger.client.command.api.DealsApi deals,
            dev.dealledger.client.command.api.ExchangeRatesApi fxRates,
            dev.dealledger.client.command.api.PeriodsApi periods) {}

    /** The query service's operations, as the generated client groups them. */
    public record Queries(
            dev.dealledger.client.query.api.CounterpartiesApi counterparties,
            dev.dealledger.client.query.api.ExposureApi exposure,
            dev.dealledger.client.query.api.RestatementsApi restatements,
            dev.dealledger.client.query.api.DisclosuresApi disclosures,
            dev.dealledger.client.query.api.PeriodsApi periods) {}

    /** One call of the generated client; its checked {@code ApiException} is either service's. */
    @FunctionalInterface
    public interface Call<A, T> {
        T on(A apis) throws Exception;
    }

    private final URI commandBase;
    private final URI queryBase;
    private final Duration patience;
    private final Commands commands;
    private final Queries queries;

    /** Sends {@code Authorization: Bearer <token>} on every request when {@code bearerToken} is not blank. */
    public LedgerClient(URI commandBase, URI queryBase, Duration patience, String bearerToken) {
        this.commandBase = withoutTrailingSlash(commandBase);
        this.queryBase = withoutTrailingSlash(queryBase);
        this.patience = patience;
        var command = new dev.dealledger.client.command.ApiClient(
                http(),
                dev.dealledger.client.command.ApiClient.createDefaultObjectMapper(),
                this.commandBase.toString());
        command.setReadTimeout(REQUEST_TIMEOUT);
        command.setRequestInterceptor(builder -> authorize(builder, bearerToken));
        var query = new dev.dealledger.client.query.ApiClient(
                http(), dev.dealledger.client.query.ApiClient.createDefaultObjectMapper(), this.queryBase.toString());
        query.setReadTimeout(REQUEST_TIMEOUT);
        query.setRequestInterceptor(builder -> authorize(builder, bearerToken));
        this.commands = new Commands(
                new dev.dealledger.client.command.api.CounterpartiesApi(command),
                new dev.dealledger.client.command.api.AgreementsApi(command),
                new dev.dealledger.client.command.api.DealsApi(command),
                new dev.dealledger.client.command.api.ExchangeRatesApi(command),
                new dev.dealledger.client.command.api.PeriodsApi(command));
        this.queries = new Queries(
                new dev.dealledger.client.query.api.CounterpartiesApi(query),
                new dev.dealledger.client.query.api.ExposureApi(query),
                new dev.dealledger.client.query.api.RestatementsApi(query),
                new dev.dealledger.client.query.api.DisclosuresApi(query),
                new dev.dealledger.client.query.api.PeriodsApi(query));
    }

    private static HttpClient.Builder http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
    }

    private static void authorize(HttpRequest.Builder builder, String bearerToken) {
        if (bearerToken != null && !bearerToken.isBlank()) {
            builder.header("Authorization", "Bearer " + bearerToken.trim());
        }
    }

    public URI commandBase() {
        return commandBase;
    }

    public URI queryBase() {
        return queryBase;
    }

    /** Sends one write; answers its receipt, whose position is the one of the X-Ledger-Position header when present. */
    public WriteReceipt write(LedgerWrite write) {
        String what = "step " + write.step() + " (" + write.method() + " " + write.path() + ", " + IDEMPOTENCY_KEY + " "
                + write.idempotencyKey() + ")";
        var response = patiently(
                what,
                "the command service at " + commandBase,
                ignored -> write.send().on(new LedgerWrite.Sending(commands, write.idempotencyKey())));
        WriteReceipt receipt = response.getData();
        if (receipt == null || receipt.getRecordedAt() == null) {
            throw new DemoFailure(what + " answered a receipt without recordedAt: " + receipt);
        }
        Optional<String> header = response.getHeaders() == null
                ? Optional.empty()
                : response.getHeaders().getOrDefault(POSITION, java.util.List.of()).stream()
                        .findFirst();
        if (header.isPresent()) {
            try {
                receipt.setPosition(Long.parseLong(header.get().trim()));
            } catch (NumberFormatException e) {
                throw new DemoFailure(what + " answered a malformed " + POSITION + " header: " + header.get());
            }
        }
        return receipt;
    }

    /** One read of the query service, named {@code what} in any failure. */
    public <T> T read(String what, Call<Queries, T> call) {
        return patiently(what, "the query service at " + queryBase, ignored -> call.on(queries));
    }

    /**
     * Makes the call, retrying while the service cannot be reached or answers 503, until {@code patience} runs out.
     * Retrying a write is safe: it carries the same Idempotency-Key.
     */
    private <T> T patiently(String what, String service, Call<Void, T> call) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Duration pause;
            String lastProblem;
            try {
                return call.on(null);
            } catch (Exception e) {
                Refusal refusal = Refusal.of(e);
                if (refusal.unreachable()) {
                    pause = DEFAULT_RETRY_PAUSE;
                    lastProblem = "cannot reach " + service + " (" + refusal.cause() + ")";
                } else if (refusal.status() == 503) {
                    pause = retryAfter(refusal.headers());
                    lastProblem = describe(refusal);
                } else if (refusal.status() == 0) {
                    throw new DemoFailure(what + ": the exchange with " + service + " failed: " + refusal.cause(), e);
                } else {
                    throw new DemoFailure(what + " was refused: " + describe(refusal) + hint(refusal));
                }
            }
            if (System.nanoTime() + pause.toNanos() > deadline) {
                throw new DemoFailure(what + ": gave up after " + patience.toSeconds() + " s: " + lastProblem);
            }
            sleep(pause);
        }
    }

    /**
     * What the generated client threw, whichever service's {@code ApiException} it is: the status (0 when no answer
     * came), the answer's headers and body, and the cause when there was no answer.
     */
    private record Refusal(int status, HttpHeaders headers, String body, Throwable cause) {

        static Refusal of(Exception e) {
            if (e instanceof dev.dealledger.client.command.ApiException a) {
                return new Refusal(a.getCode(), a.getResponseHeaders(), a.getResponseBody(), a.getCause());
            }
            if (e instanceof dev.dealledger.client.query.ApiException a) {
                return new Refusal(a.getCode(), a.getResponseHeaders(), a.getResponseBody(), a.getCause());
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            return new Refusal(0, null, null, e);
        }

        /** Nothing answered: the service is not listening yet, or did not answer in time. */
        boolean unreachable() {
            return status == 0 && (cause instanceof ConnectException || cause instanceof HttpTimeoutException);
        }
    }

    private static Duration retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return DEFAULT_RETRY_PAUSE;
        }
        return headers.firstValue("Retry-After")
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

    private static final ObjectMapper PROBLEMS = dev.dealledger.client.command.ApiClient.createDefaultObjectMapper();

    /** "HTTP 409 Idempotency key reused: <detail> [type]" from a problem document, or the status and a body excerpt. */
    private static String describe(Refusal refusal) {
        Optional<Problem> problem = problem(refusal);
        if (problem.isEmpty()) {
            return "HTTP " + refusal.status() + ": " + excerpt(refusal.body());
        }
        Problem p = problem.get();
        StringBuilder text = new StringBuilder("HTTP " + refusal.status());
        if (p.getTitle() != null) {
            text.append(' ').append(p.getTitle());
        }
        if (p.getDetail() != null) {
            text.append(": ").append(p.getDetail());
        }
        if (p.getErrors() != null) {
            p.getErrors()
                    .forEach(error -> text.append("; ")
                            .append(error.getField())
                            .append(": ")
                            .append(error.getMessage()));
        }
        if (p.getType() != null) {
            text.append(" [").append(p.getType()).append(']');
        }
        return text.toString();
    }

    private static Optional<Problem> problem(Refusal refusal) {
        String body = refusal.body();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            Problem problem = PROBLEMS.readValue(body, Problem.class);
            return problem.getDetail() == null && problem.getTitle() == null ? Optional.empty() : Optional.of(problem);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String hint(Refusal refusal) {
        boolean reused = problem(refusal)
                .map(p -> p.getType() != null && p.getType().toString().endsWith("/idempotency-key-reused"))
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
