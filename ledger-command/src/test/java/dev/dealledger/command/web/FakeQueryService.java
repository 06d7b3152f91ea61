package dev.dealledger.command.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the query service's {@code GET /api/v1/exposure} in the command service's own tests: it answers a
 * fixed table of rows, at the (asOf, knownAt) it was asked for, two rows per page, so a close has to follow the cursor.
 * It notes every request it served, and answers 503 while {@link #unavailable} is set, 403 while {@link #forbidden} is.
 */
public class FakeQueryService implements QuarkusTestResourceLifecycleManager {

    /** What one request asked for. */
    public record Asked(String query, String minPosition, String authorization) {}

    public static final List<Asked> ASKED = new CopyOnWriteArrayList<>();

    public static volatile boolean unavailable;

    /** Answers 403 while set, as the query service does to a token without ledger-auditor. */
    public static volatile boolean forbidden;

    /** Answers 401 while set, as a query service does that trusts another key or issuer than the command service. */
    public static volatile boolean unauthorized;

    /** Three rows: one more than a page, so the close reads two pages. */
    static final List<String> ROWS = List.of(
            row("acme", "EUR", "RECEIVABLE", "10.00", "4.00", "6.00", "0.00", "6.00", "1.000000", 1, 1, 0, 0, 0),
            row(
                    "coreweave",
                    "USD",
                    "PAYABLE",
                    "14200000000.00",
                    "1135999999.98",
                    "13064000000.02",
                    "0.00",
                    "13064000000.02",
                    "0.666667",
                    1,
                    1,
                    0,
                    0,
                    1),
            row(
                    "nebius",
                    "USD",
                    "PAYABLE",
                    "6532000000.01",
                    "0.00",
                    "6532000000.01",
                    "100.00",
                    "6532000100.01",
                    "0.333333",
                    2,
                    3,
                    1,
                    0,
                    0));

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/exposure", this::exposure);
        server.start();
        return Map.of(
                "ledger.query.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void exposure(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        ASKED.add(new Asked(
                query,
                exchange.getRequestHeaders().getFirst("X-Ledger-Min-Position"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        if (unauthorized) {
            answer(exchange, 401, "{\"type\":\"unauthorized\",\"status\":401}");
            return;
        }
        if (forbidden) {
            answer(exchange, 403, "{\"type\":\"forbidden\",\"status\":403}");
            return;
        }
        if (unavailable) {
            answer(exchange, 503, "{\"type\":\"not-caught-up\",\"status\":503}");
            return;
        }
        Map<String, String> params = params(query);
        String asOf;
        String knownAt;
        int from;
        if (params.containsKey("cursor")) {
            // The cursor pins the first page's (asOf, knownAt), as the real one does.
            String[] pinned = params.get("cursor").split("\\|");
            asOf = pinned[0];
            knownAt = pinned[1];
            from = Integer.parseInt(pinned[2]);
        } else {
            asOf = params.get("asOf");
            knownAt = params.get("knownAt");
            from = 0;
        }
        int to = Math.min(from + 2, ROWS.size());
        String next = to < ROWS.size() ? ",\"nextCursor\":\"" + asOf + "|" + knownAt + "|" + to + "\"" : "";
        answer(
                exchange,
                200,
                "{\"asOf\":\"" + asOf + "\",\"knownAt\":\"" + knownAt + "\",\"rows\":["
                        + String.join(",", ROWS.subList(from, to)) + "]" + next + "}");
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String row(
            String counterparty,
            String currency,
            String direction,
            String committed,
            String elapsed,
            String remaining,
            String potential,
            String exposure,
            String concentration,
            long deals,
            long commitments,
            long optionsOpen,
            long optionsExercised,
            long amendments) {
        // legalName is served too and not recorded: the close must read past it.
        return "{\"counterpartyId\":\"" + counterparty + "\",\"legalName\":\"" + counterparty
                + " Inc.\",\"currency\":\""
                + currency + "\",\"direction\":\"" + direction + "\",\"committed\":\"" + committed
                + "\",\"elapsed\":\"" + elapsed + "\",\"remaining\":\"" + remaining + "\",\"potential\":\"" + potential
                + "\",\"exposure\":\"" + exposure + "\",\"concentration\":\"" + concentration + "\",\"deals\":" + deals
                + ",\"commitments\":" + commitments + ",\"optionsOpen\":" + optionsOpen + ",\"optionsExercised\":"
                + optionsExercised + ",\"amendments\":" + amendments + "}";
    }
}
