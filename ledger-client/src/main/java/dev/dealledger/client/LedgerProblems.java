package dev.dealledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * The typed problem (RFC 9457, {@code application/problem+json}) inside a failed call. Every error of the ledger is
 * such a problem; the generated {@code ApiException} keeps it as text, and this turns it into the generated
 * {@code Problem} model: switch on {@code type} (or {@code status}), read {@code errors} for the fields at fault.
 *
 * <pre>{@code
 * try {
 *     deals.recordCommitment(dealId, request, key, null);
 * } catch (dev.dealledger.client.command.ApiException e) {
 *     Problem problem = LedgerProblems.of(e).orElseThrow(() -> e);
 *     if (problem.getStatus() == 422) { ... problem.getErrors() ... }
 * }
 * }</pre>
 */
public final class LedgerProblems {

    private static final ObjectMapper COMMAND_JSON =
            dev.dealledger.client.command.ApiClient.createDefaultObjectMapper();
    private static final ObjectMapper QUERY_JSON = dev.dealledger.client.query.ApiClient.createDefaultObjectMapper();

    private LedgerProblems() {}

    /** The problem a command call failed with; empty when the answer carried none (e.g. a network failure). */
    public static Optional<dev.dealledger.client.command.model.Problem> of(
            dev.dealledger.client.command.ApiException e) {
        return parse(
                COMMAND_JSON,
                e.getResponseHeaders(),
                e.getResponseBody(),
                dev.dealledger.client.command.model.Problem.class);
    }

    /** The problem a query call failed with; empty when the answer carried none (e.g. a network failure). */
    public static Optional<dev.dealledger.client.query.model.Problem> of(dev.dealledger.client.query.ApiException e) {
        return parse(
                QUERY_JSON,
                e.getResponseHeaders(),
                e.getResponseBody(),
                dev.dealledger.client.query.model.Problem.class);
    }

    private static <T> Optional<T> parse(ObjectMapper json, HttpHeaders headers, String body, Class<T> type) {
        if (body == null || body.isBlank() || !isJson(headers)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(body, type));
        } catch (JsonProcessingException notAProblem) {
            return Optional.empty();
        }
    }

    private static boolean isJson(HttpHeaders headers) {
        if (headers == null) {
            return true;
        }
        return headers.firstValue("Content-Type")
                .map(value -> value.toLowerCase(java.util.Locale.ROOT).contains("json"))
                .orElse(true);
    }
}
