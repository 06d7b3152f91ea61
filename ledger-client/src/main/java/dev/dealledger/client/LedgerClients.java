package dev.dealledger.client;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the two generated {@code ApiClient}s the way a service talking to the ledger needs them: a base URL, a read
 * timeout, a bearer token asked for on every request (so a refreshed token is picked up without rebuilding the
 * client), and {@code Accept: application/json} on the operations that can also answer CSV. Wrap the result in the
 * generated API classes, e.g. {@code new DealsApi(LedgerClients.command(url, token))}.
 *
 * <p>Why the Accept fix: the generator sends every media type an operation declares, so {@code listExposure} and
 * {@code getDealHistory} would send {@code Accept: application/json, text/csv, application/problem+json}. The contract
 * lets the service choose when a request accepts both, and it may choose CSV, which the typed method cannot read. The
 * typed methods always want JSON, so the interceptor asks for exactly that. Replacing the interceptor with
 * {@code setRequestInterceptor} drops both the token and this fix; chain onto {@link #interceptor(Supplier)} instead.
 */
public final class LedgerClients {

    /** How long a call waits for the answer unless the caller sets its own read timeout on the client. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private LedgerClients() {}

    /** A client of the command service (writes) without credentials. */
    public static dev.dealledger.client.command.ApiClient command(String baseUrl) {
        return command(baseUrl, () -> null);
    }

    /**
     * A client of the command service (writes). {@code bearerToken} is called for every request; when it answers a
     * token, the request carries {@code Authorization: Bearer <token>}, when it answers null, no such header.
     */
    public static dev.dealledger.client.command.ApiClient command(String baseUrl, Supplier<String> bearerToken) {
        dev.dealledger.client.command.ApiClient client = new dev.dealledger.client.command.ApiClient();
        client.updateBaseUri(withoutTrailingSlash(baseUrl));
        client.setReadTimeout(DEFAULT_READ_TIMEOUT);
        client.setRequestInterceptor(interceptor(bearerToken));
        return client;
    }

    /** A client of the query service (reads) without credentials. */
    public static dev.dealledger.client.query.ApiClient query(String baseUrl) {
        return query(baseUrl, () -> null);
    }

    /** A client of the query service (reads); {@code bearerToken} as for {@link #command(String, Supplier)}. */
    public static dev.dealledger.client.query.ApiClient query(String baseUrl, Supplier<String> bearerToken) {
        dev.dealledger.client.query.ApiClient client = new dev.dealledger.client.query.ApiClient();
        client.updateBaseUri(withoutTrailingSlash(baseUrl));
        client.setReadTimeout(DEFAULT_READ_TIMEOUT);
        client.setRequestInterceptor(interceptor(bearerToken));
        return client;
    }

    /** What {@link #command} and {@link #query} install: the bearer token, then {@link #preferJson}. */
    public static Consumer<HttpRequest.Builder> interceptor(Supplier<String> bearerToken) {
        return bearer(bearerToken).andThen(LedgerClients::preferJson);
    }

    /**
     * The {@code If-Match} value for a deal version, as the ledger sends it in {@code ETag} and in a write receipt's
     * {@code version}: {@code ifMatch(3)} is {@code "3"} with the quotes.
     */
    public static String ifMatch(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("a version is never negative: " + version);
        }
        return "\"" + version + "\"";
    }

    /** A request interceptor that sets {@code Authorization: Bearer <token>} when the supplier answers a token. */
    public static Consumer<HttpRequest.Builder> bearer(Supplier<String> bearerToken) {
        Objects.requireNonNull(bearerToken, "bearerToken");
        return request -> {
            String token = bearerToken.get();
            if (token != null && !token.isBlank()) {
                request.setHeader("Authorization", "Bearer " + token);
            }
        };
    }

    /**
     * Narrows an {@code Accept} that lists both JSON and CSV to JSON (and problem+json for errors), so that a typed
     * method gets the form it can read. Any other {@code Accept} is left alone.
     */
    public static void preferJson(HttpRequest.Builder request) {
        Optional<String> accept;
        try {
            accept = request.copy().build().headers().firstValue("Accept");
        } catch (IllegalStateException | IllegalArgumentException incomplete) {
            return;
        }
        if (accept.isPresent()
                && accept.get().contains("text/csv")
                && accept.get().contains("application/json")) {
            request.setHeader("Accept", "application/json, application/problem+json");
        }
    }

    private static String withoutTrailingSlash(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
